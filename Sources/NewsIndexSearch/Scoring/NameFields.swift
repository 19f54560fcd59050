import NewsIndexCore

/// Bylines and sources in the ranking of plain word queries (`--byline-weight`,
/// `--source-weight`): each word of a ranked OR is also searched in the byline and the source,
/// each scored by BM25 with that field's own statistics, times its weight, and added to the
/// word's BM25F score over title and body.
///
/// Unlike proximity this adds matches: a story whose byline alone holds a reporter's name
/// matches a search for the name. Off by default (weights 0): it did not win on the test
/// collections (`docs/RELEVANCE.md`). Applies to the queries RM3 expands (``RM3/applies(to:)``);
/// `byline:` and `source:` remain the way to search those fields alone.
package struct NameFields: Sendable, Equatable {
  package var bylineWeight: Double
  package var sourceWeight: Double

  package init(bylineWeight: Double, sourceWeight: Double) {
    self.bylineWeight = bylineWeight
    self.sourceWeight = sourceWeight
  }

  /// Whether either field has a weight.
  var isActive: Bool { bylineWeight > 0 || sourceWeight > 0 }

  /// `weight` with a byline and a source clause for each word of `query` (a ranked OR of words).
  func adding(to weight: Weight, wordsOf query: Query, reader: IndexReader, bm25: BM25, mu: Double?) -> Weight {
    let texts: [String]
    switch query {
    case .term(_, let text): texts = [text]
    case .boolean(let clauses):
      texts = clauses.compactMap { clause in
        if case .term(_, let text) = clause.query { return text }
        return nil
      }
    default: return weight
    }
    var clauses: [Weight] = []
    for (field, fieldWeight) in [(Field.byline, bylineWeight), (Field.source, sourceWeight)] where fieldWeight > 0 {
      for text in texts {
        if let clause = Weight(query: .term(field: field, text: text), reader: reader, bm25: bm25, mu: mu, boost: fieldWeight) {
          clauses.append(clause)
        }
      }
    }
    guard !clauses.isEmpty else { return weight }
    switch weight {
    case .boolean(let must, let should, let mustNot) where must.isEmpty:
      return .boolean(must: [], should: should + clauses, mustNot: mustNot)
    default:
      return .boolean(must: [], should: [weight] + clauses, mustNot: [])
    }
  }
}
