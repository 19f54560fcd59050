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

  /// `count` to two significant digits (1,234 → 1,200; 56 stays 56).
  static func rounded(_ count: Int) -> Int {
    var scale = 1
    while count / scale >= 100 { scale *= 10 }
    return (count + scale / 2) / scale * scale
  }
}
