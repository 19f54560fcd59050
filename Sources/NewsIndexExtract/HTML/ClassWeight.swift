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

  /// From the lowercased `class id` bytes.
  init(classAndID text: UnsafeBufferPointer<UInt8>) {
    let found = Self.patterns.matches(in: text)
    let maybe = found & Self.okMaybeBit != 0
    unlikely = !maybe && found & Self.unlikelyBit != 0
    furniture = found & Self.furnitureBit != 0 || Self.isAdvertising(text)
    if found & Self.negativeBit != 0 { weight -= 25 }
    if found & Self.positiveBit != 0 { weight += 25 }
  }

  init(classAndID text: String) {
    var text = text
    self = text.withUTF8 { ClassVerdict(classAndID: $0) }
  }

  private static let unlikelyBit: UInt8 = 1
  private static let okMaybeBit: UInt8 = 2
  private static let furnitureBit: UInt8 = 4
  private static let negativeBit: UInt8 = 8
  private static let positiveBit: UInt8 = 16

  private static let patterns = BytePatternSet([
    (unlikelyWords, unlikelyBit), (okMaybe, okMaybeBit), (furnitureWords, furnitureBit),
    (negativeWords, negativeBit), (positiveWords, positiveBit),
  ])

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

  /// `ad`, `ads`, `ad-…`, `…-ad`, `…-ad-…` as whole tokens (`-ad-` is also a pattern).
  static func isAdvertising(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    var start = 0
    let count = text.count
    while start < count {
      var end = start
      while end < count && text[end] != 0x20 { end += 1 }
      let length = end - start
      if length >= 2 && text[start] == UInt8(ascii: "a") && text[start + 1] == UInt8(ascii: "d") {
        if length == 2 { return true }
        let third = text[start + 2]
        if third == UInt8(ascii: "-") || third == UInt8(ascii: "_") { return true }
        if third == UInt8(ascii: "s") && (length == 3 || text[start + 3] == UInt8(ascii: "-")) {
          return true
        }
      }
      if length >= 3 && text[end - 3] == UInt8(ascii: "-") && text[end - 2] == UInt8(ascii: "a")
        && text[end - 1] == UInt8(ascii: "d")
      {
        return true
      }
      if length >= 4 && text[end - 4] == UInt8(ascii: "-") && text[end - 3] == UInt8(ascii: "a")
        && text[end - 2] == UInt8(ascii: "d") && text[end - 1] == UInt8(ascii: "s")
      {
        return true
      }
      start = end + 1
    }
    return false
  }
}

/// Substring search for many short ASCII patterns at once: patterns are bucketed by first byte,
/// so each text position is compared only with the patterns that start with its byte. Storage is
/// flat (one byte table, one entry table), so matching touches no reference counts.
struct BytePatternSet: Sendable {
  private struct Entry {
    var start: Int32
    var length: Int32
    var bits: UInt8
  }

  private var bytes: [UInt8] = []
  private var entries: [Entry] = []
  /// `entries[bucketStart[b]..<bucketStart[b + 1]]` start with byte `b`.
  private var bucketStart = [Int32](repeating: 0, count: 257)

  init(_ groups: [([String], UInt8)]) {
    var all: [(first: UInt8, pattern: [UInt8], bits: UInt8)] = []
    for (words, bits) in groups {
      for word in words { all.append((word.utf8.first!, Array(word.utf8), bits)) }
    }
    all.sort { $0.first < $1.first }
    var counts = [Int32](repeating: 0, count: 256)
    for item in all {
      entries.append(Entry(start: Int32(bytes.count), length: Int32(item.pattern.count), bits: item.bits))
      bytes += item.pattern
      counts[Int(item.first)] += 1
    }
    for byte in 0..<256 { bucketStart[byte + 1] = bucketStart[byte] + counts[byte] }
  }

  /// The union of the bits of every pattern occurring in `text`.
  func matches(in text: UnsafeBufferPointer<UInt8>) -> UInt8 {
    bytes.withUnsafeBufferPointer { bytes in
      entries.withUnsafeBufferPointer { entries in
        bucketStart.withUnsafeBufferPointer { bucketStart in
          var found: UInt8 = 0
          let count = text.count
          for start in 0..<count {
            let first = Int(text[start])
            var entryIndex = Int(bucketStart[first])
            let end = Int(bucketStart[first + 1])
            while entryIndex < end {
              let entry = entries[entryIndex]
              entryIndex += 1
              let length = Int(entry.length)
              guard found & entry.bits != entry.bits, start + length <= count else { continue }
              var offset = 1
              let base = Int(entry.start)
              while offset < length && text[start + offset] == bytes[base + offset] { offset += 1 }
              if offset == length { found |= entry.bits }
            }
          }
          return found
        }
      }
    }
  }
}
