import NewsIndexCore

/// RM3 as a re-ranker (`--rm3-rerank`): the expanded query scores, but only the documents that
/// match the original query are returned, so every hit holds a query word.
extension RM3 {
  /// `expanded` (RM3's expansion of `query`) restricted to the matches of `query`: the original
  /// query, weighted 0, is required, and the expanded terms score the documents it matches.
  /// Nil when the original query has nothing searchable.
  static func restricted(
    _ expanded: Weight, toMatchesOf query: Query, reader: IndexReader, bm25: BM25, mu: Double?
  ) -> Weight? {
    guard let matches = Weight(query: query, reader: reader, bm25: bm25, mu: mu, boost: 0) else { return nil }
    return .boolean(must: [matches], should: [expanded], mustNot: [])
  }
}
