/// What an element's `class` and `id` say about it, after Readability's patterns plus a few
/// news-site words (bylines, captions, share bars). Matching is on substrings of the lowercased
/// `class id` text, computed once per element that has either attribute.
struct ClassVerdict {
  /// Readability's class weight: +25 for content-like names, −25 for furniture-like names.
  var weight: Int16 = 0
  /// Unlikely to hold the article (Readability's `unlikelyCandidates` without an
  /// `okMaybeItsACandidate` word): dropped before scoring.
  var unlikely = false
  /// Names small page furniture even inside the article (bylines, captions, share bars): dropped
  /// when the element turns out to hold little text.
  var furniture = false

  init() {}

  init(classAndID text: String) {
    let maybe = Self.okMaybe.contains { text.contains($0) }
    unlikely = !maybe && Self.unlikelyWords.contains { text.contains($0) }
    furniture = Self.furnitureWords.contains { text.contains($0) } || Self.isAdvertising(text)
    if Self.negativeWords.contains(where: { text.contains($0) }) { weight -= 25 }
    if Self.positiveWords.contains(where: { text.contains($0) }) { weight += 25 }
  }

  static let unlikelyWords = [
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
    "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
    "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
    "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote", "cookie", "consent",
    "newsletter", "outbrain", "taboola", "trending", "most-popular", "mostpopular", "recommend",
  ]
  static let okMaybe = ["and", "article", "body", "column", "content", "main", "shadow"]
  static let furnitureWords = [
    "byline", "author", "dateline", "timestamp", "caption", "credit", "share", "sharing",
    "social", "newsletter", "subscribe", "signup", "sign-up", "promo", "related", "toolbar",
    "tags", "print", "cookie", "consent", "advert", "sponsor", "comment", "breadcrumb", "modal",
    "popup", "read-more", "readmore", "more-stories", "recommend", "paywall", "inline-video",
    "video-player", "photo-credit", "enlarge", "sr-only", "visually-hidden", "screen-reader",
  ]
  static let negativeWords = [
    "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footnote", "gdpr",
    "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
    "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget", "byline", "caption",
  ]
  static let positiveWords = [
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination",
    "post", "text", "blog", "story",
  ]

  /// `ad`, `ads`, `ad-…`, `…-ad`, `…-ad-…` as whole tokens.
  static func isAdvertising(_ text: String) -> Bool {
    for token in text.split(separator: " ") {
      if token == "ad" || token == "ads" || token.hasPrefix("ad-") || token.hasPrefix("ads-")
        || token.hasPrefix("ad_") || token.hasSuffix("-ad") || token.hasSuffix("-ads")
        || token.contains("-ad-")
      {
        return true
      }
    }
    return false
  }
}
