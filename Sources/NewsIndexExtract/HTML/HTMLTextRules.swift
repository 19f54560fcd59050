/// Which HTML elements hold readable text, which start new lines, and which are boilerplate.
enum HTMLTextRules {
  /// Never visible, or never article text.
  static let droppedElements: Set<String> = [
    "script", "style", "noscript", "template", "svg", "math", "nav", "footer", "aside", "form",
    "button", "iframe", "object", "embed", "canvas", "video", "audio", "select", "option",
    "textarea", "input", "label", "dialog", "menu", "head", "title", "link", "meta", "map",
  ]

  /// Elements that end a line before and after their content.
  static let blockElements: Set<String> = [
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "br",
    "hr", "tr", "table", "thead", "tbody", "section", "article", "main", "header", "blockquote",
    "pre", "figure", "figcaption", "address", "details", "summary", "center", "body", "html",
    "caption", "fieldset", "legend", "hgroup",
  ]

  /// Elements whose content is separated from its neighbours by a space (table cells).
  static let spacedElements: Set<String> = ["td", "th"]

  /// Substrings of class/id tokens that mark boilerplate.
  static let boilerplateWords = [
    "cookie", "consent", "banner", "related", "share", "sharing", "social", "newsletter", "promo",
    "advert", "comments", "menu", "breadcrumb", "subscribe", "sidebar", "popup", "modal",
  ]

  /// Substrings that mark a content wrapper: a class/id holding one of these is never
  /// boilerplate, even when it also holds a boilerplate word (`l-sidebar-fixed l-article-body`),
  /// as Readability's `okMaybeItsACandidate` does.
  static let contentWords = [
    "article", "body", "content", "main", "story", "entry", "post", "text", "column",
  ]

  /// ARIA roles of page furniture.
  static let boilerplateRoles: Set<String> = [
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog",
  ]

  /// True when the class/id value names boilerplate: one of `boilerplateWords` inside a token, or
  /// an advertising token (`ad`, `ads`, `ad-…`, `…-ad`, `…-ad-…`), and no `contentWords`.
  static func isBoilerplate(classOrID value: String) -> Bool {
    let value = value.lowercased()
    if contentWords.contains(where: { value.contains($0) }) { return false }
    for token in value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
      if token == "ad" || token == "ads" || token.hasPrefix("ad-") || token.hasPrefix("ads-")
        || token.hasPrefix("ad_") || token.hasSuffix("-ad") || token.hasSuffix("-ads")
        || token.contains("-ad-")
      {
        return true
      }
      for word in boilerplateWords where token.contains(word) { return true }
    }
    return false
  }
}
