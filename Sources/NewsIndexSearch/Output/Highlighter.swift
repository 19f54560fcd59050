package import NewsIndexAnalysis
package import NewsIndexCore

/// Finds where a query matches a document's text, for snippets and `show --highlight`.
///
/// Only the words the user typed count (never the words a feedback model such as RM3 added, nor
/// excluded clauses): each word, and each phrase as one unit, so `"free trade agreement" korea`
/// lights the three words of the phrase together where they stand in order, never a lone
/// `trade`. A word that analyzes to several terms (`free-trade`) is a phrase. Clauses limited to
/// a field (`title:oil`) only light that field.
package struct Highlighter: Sendable {
  /// One unit of the query: terms at position offsets from the first (stop words leave gaps).
  struct Unit: Sendable, Hashable {
    var terms: [[UInt8]]
    var offsets: [Int]
    var field: Field?
  }

  package let analyzer: Analyzer
  let units: [Unit]

  package init(query: Query, analyzer: Analyzer) {
    self.analyzer = analyzer
    var units: [Unit] = []
    Self.collect(query, analyzer: analyzer, into: &units)
    var seen = Set<Unit>()
    self.units = units.filter { seen.insert($0).inserted }
  }

  /// Whether the query has anything to highlight.
  package var isEmpty: Bool { units.isEmpty }

  private static func collect(_ query: Query, analyzer: Analyzer, into units: inout [Unit]) {
    switch query {
    case .term(let field, let text), .phrase(let field, let text):
      let tokens = analyzer.tokens(in: text)
      guard let first = tokens.first else { return }
      units.append(Unit(terms: tokens.map { Array($0.term.utf8) }, offsets: tokens.map { $0.position - first.position }, field: field))
    case .boolean(let clauses):
      for clause in clauses where clause.occur != .mustNot { collect(clause.query, analyzer: analyzer, into: &units) }
    case .boosted(let inner, _):
      collect(inner, analyzer: analyzer, into: &units)
    }
  }

  /// The byte ranges of `text` (UTF-8) where the query matches in `field`, ascending and
  /// disjoint (a phrase is one range from its first word to its last), each with the index of
  /// the unit that matched.
  package func matches(in text: String, field: Field) -> [Range<Int>] {
    matchesWithUnits(in: text, field: field).map(\.range)
  }

  func matchesWithUnits(in text: String, field: Field) -> [(range: Range<Int>, unit: Int)] {
    let active = units.indices.filter { units[$0].field == nil || units[$0].field == field }
    guard !active.isEmpty else { return [] }
    var tokens: [(term: [UInt8], position: Int, range: Range<Int>)] = []
    var copy = text
    _ = copy.withUTF8 { utf8 in
      analyzer.forEachIndexToken(in: UnsafeRawBufferPointer(utf8), cache: nil) { token in
        tokens.append((Array(token.term), token.position, token.byteRange))
      }
    }
    // Tokens by position (a joined word shares its first part's position).
    var byPosition: [Int: [Int]] = [:]
    for (i, token) in tokens.enumerated() { byPosition[token.position, default: []].append(i) }
    var found: [(range: Range<Int>, unit: Int)] = []
    for (i, token) in tokens.enumerated() {
      for u in active where units[u].terms[0] == token.term {
        let unit = units[u]
        var end = token.range.upperBound
        var matched = true
        for k in 1..<max(1, unit.terms.count) where unit.terms.count > 1 {
          let position = token.position + unit.offsets[k]
          guard let next = byPosition[position]?.first(where: { tokens[$0].term == unit.terms[k] }) else {
            matched = false
            break
          }
          end = max(end, tokens[next].range.upperBound)
        }
        if matched { found.append((token.range.lowerBound..<end, u)) }
      }
      _ = i
    }
    // Sorted and merged: overlapping matches (CJK bigrams, a joined word and its parts) are one.
    found.sort { $0.range.lowerBound < $1.range.lowerBound || ($0.range.lowerBound == $1.range.lowerBound && $0.range.upperBound > $1.range.upperBound) }
    var merged: [(range: Range<Int>, unit: Int)] = []
    for match in found {
      if let last = merged.last, match.range.lowerBound < last.range.upperBound {
        merged[merged.count - 1].range = last.range.lowerBound..<max(last.range.upperBound, match.range.upperBound)
      } else {
        merged.append(match)
      }
    }
    return merged
  }

  /// The whole of `title` with its matches.
  package func title(_ title: String) -> Snippet {
    Snippet(text: title, highlights: matches(in: title, field: .title))
  }
}
