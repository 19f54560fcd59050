import NewsIndexSearch

/// Renders how many documents a query matched: exact, or a clearly labelled estimate.
enum MatchText {
  /// `"matches":N,"matches_exact":true|false` (members of a JSON object).
  static func json(_ result: SearchResult) -> String {
    json(count: result.matchCount, isExact: result.matchCountIsExact)
  }

  static func json(count: Int, isExact: Bool) -> String {
    "\"matches\":\(count),\"matches_exact\":\(isExact)"
  }

  /// `N matching documents`, or `about N matching documents` with the estimate rounded to two
  /// significant digits (an estimate's last digits mean nothing).
  static func text(_ result: SearchResult) -> String {
    let noun = result.matchCount == 1 ? "matching document" : "matching documents"
    guard !result.matchCountIsExact else { return "\(result.matchCount) \(noun)" }
    return "about \(rounded(result.matchCount)) \(noun)"
  }

  /// The line under a page of hits: `10 of about 1200 matching documents`, or with an offset
  /// the page's place in the ranking, `hits 11–20 of about 1200 matching documents`.
  static func footer(_ result: SearchResult) -> String {
    guard result.offset > 0 else { return "\(result.hits.count) of \(text(result))" }
    let first = result.offset + 1
    let last = result.offset + result.hits.count
    return first == last ? "hit \(first) of \(text(result))" : "hits \(first)–\(last) of \(text(result))"
  }

  /// `count` to two significant digits (1,234 → 1,200; 56 stays 56).
  static func rounded(_ count: Int) -> Int {
    var scale = 1
    while count / scale >= 100 { scale *= 10 }
    return (count + scale / 2) / scale * scale
  }
}
