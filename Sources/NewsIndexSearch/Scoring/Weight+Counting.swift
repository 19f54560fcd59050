import NewsIndexFormat

extension Weight {
  /// Whether the weight's scorer reports block bounds (``Scorer/blockBound(at:)``) for block-max
  /// pruning: a word in one field, or a word over several fields scored by BM25F.
  var hasBlockBounds: Bool {
    switch self {
    case .term, .word: true
    case .fields(let parts, let statistics):
      statistics.mu == nil && parts.allSatisfy { if case .term = $0 { true } else { false } }
    case .phrase, .boolean, .nothing: false
    }
  }

  /// The exact number of documents matching a single word, from the dictionary alone, when the
  /// index has no deletions (its document frequencies count deleted documents); nil otherwise.
  func dictionaryMatchCount(_ reader: IndexReader) -> Int? {
    guard !reader.segments.contains(where: \.hasDeletions) else { return nil }
    switch self {
    case .term(_, _, _, let states), .word(_, _, let states): return states.docFreq
    case .fields(let parts, let statistics) where hasBlockBounds:
      if parts.count == 1, case .term(_, _, _, let states) = parts[0] { return states.docFreq }
      return statistics.docFreq > 0 ? statistics.docFreq : nil
    default: return nil
    }
  }

  /// The share of documents expected to match, from document frequencies, taking the words of a
  /// query as independent (as Lucene's and Xapian's estimates do): an OR matches
  /// `1 − Π(1 − p)`, an AND `Π p`, an exclusion keeps `1 − p`. A phrase is taken at its rarest
  /// word's share (an upper end: its words rarely all stand next to each other).
  func matchFraction(documentCount: Int) -> Double {
    guard documentCount > 0 else { return 0 }
    let total = Double(documentCount)
    switch self {
    case .term(_, _, _, let states), .word(_, _, let states):
      return min(1, Double(states.docFreq) / total)
    case .phrase(_, _, _, _, let states, _):
      return min(1, Double(states.map(\.docFreq).min() ?? 0) / total)
    case .fields(let parts, let statistics):
      if statistics.docFreq > 0 { return min(1, Double(statistics.docFreq) / total) }
      return Self.union(parts.map { $0.matchFraction(documentCount: documentCount) })
    case .boolean(let must, let should, let mustNot):
      var fraction =
        must.isEmpty
        ? Self.union(should.map { $0.matchFraction(documentCount: documentCount) })
        : must.reduce(1.0) { $0 * $1.matchFraction(documentCount: documentCount) }
      for weight in mustNot { fraction *= 1 - weight.matchFraction(documentCount: documentCount) }
      return fraction
    case .nothing:
      return 0
    }
  }

  private static func union(_ fractions: [Double]) -> Double {
    1 - fractions.reduce(1.0) { $0 * (1 - $1) }
  }
}
