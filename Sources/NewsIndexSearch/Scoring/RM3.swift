import NewsIndexCore

/// Pseudo-relevance feedback with relevance model 3, as Anserini's `RM3Reranker` does it, for
/// queries that are a ranked OR of words (``applies(to:)``).
///
/// 1. The query runs as usual; its best ``feedbackDocuments`` are taken as relevant.
/// 2. Each one's term counts (``FeedbackTerms``: only terms of 2–20 ASCII letters or digits
///    found in at most 10 % of documents) are pruned to the
///    ``feedbackTerms`` most frequent, normalized to sum 1 and weighted by the document's score;
///    summed, pruned to ``feedbackTerms`` terms and normalized to sum 1, they are the relevance model.
/// 3. The new query is `α · q + (1 − α) · rm` over the union of terms, where `q` is the original
///    query's term counts normalized to sum 1 and `α` = ``originalQueryWeight``: a ranked OR of
///    the terms, each scored as usual (BM25F or query likelihood) and multiplied by its weight.
package struct RM3: Sendable, Equatable {
  package var feedbackDocuments: Int
  package var feedbackTerms: Int
  package var originalQueryWeight: Double

  /// Anserini's defaults: 10 documents, 10 terms, original query weight 0.5.
  package init(feedbackDocuments: Int = 10, feedbackTerms: Int = 10, originalQueryWeight: Double = 0.5) {
    self.feedbackDocuments = feedbackDocuments
    self.feedbackTerms = feedbackTerms
    self.originalQueryWeight = originalQueryWeight
  }

  /// Whether feedback applies to `query`: only a ranked OR of plain words searched in every
  /// field. Phrases, required or excluded words and field restrictions keep their exact meaning
  /// (an expansion would let documents match that the query excludes); boosted clauses too.
  package static func applies(to query: Query) -> Bool {
    switch query {
    case .term(let field, _): field == nil
    // Boosts weigh the user's clauses; an expansion would reweigh them.
    case .phrase, .boosted: false
    case .boolean(let clauses): clauses.allSatisfy { $0.occur == .should && applies(to: $0.query) }
    }
  }

  /// The expanded query for `weight`, whose first-pass answer is `hits`; nil when there is
  /// nothing to expand with (no hits, no usable terms).
  func expand(_ weight: Weight, hits: [Hit], reader: IndexReader, bm25: BM25, mu: Double?) -> Weight? {
    let original = weight.bagOfTerms
    guard !original.isEmpty, !hits.isEmpty else { return nil }
    var model: [[UInt8]: Double] = [:]
    var terms = FeedbackTerms(reader: reader, limit: feedbackTerms)
    for hit in hits.prefix(feedbackDocuments) {
      let top = terms.mostFrequent(in: hit.docNumber)
      let norm = top.values.reduce(0.0, +)  // whole counts: exact in any order
      guard norm > 0 else { continue }
      for (term, count) in top { model[term, default: 0] += count / norm * hit.score }
    }
    let relevance = Self.normalized(Self.top(model, feedbackTerms))
    var query: [[UInt8]: Double] = [:]
    for term in original { query[term, default: 0] += 1 }
    let queryVector = Self.normalized(query)
    var combined: [[UInt8]: Double] = [:]
    for (term, value) in queryVector { combined[term, default: 0] += originalQueryWeight * value }
    for (term, value) in relevance { combined[term, default: 0] += (1 - originalQueryWeight) * value }
    // Sorted so that the query (and so float summation order) is the same on every run.
    let clauses = combined.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { term, boost in
      Weight(terms: [term], offsets: [0], field: nil, reader: reader, bm25: bm25, mu: mu, boost: boost)
    }
    return clauses.isEmpty ? nil : .boolean(must: [], should: clauses, mustNot: [])
  }

  /// The `count` largest entries (ties: smaller term first, so the choice is deterministic).
  static func top(_ vector: [[UInt8]: Double], _ count: Int) -> [[UInt8]: Double] {
    let sorted = vector.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.lexicographicallyPrecedes($1.key) }
    return Dictionary(uniqueKeysWithValues: sorted.prefix(count).map { ($0.key, $0.value) })
  }

  /// `vector` scaled to sum 1. Summed in term order: a dictionary's order changes from process to
  /// process (seeded hashing), and a different float summation order would change the last bits of
  /// scores, so the same query could rank ties differently in two runs.
  private static func normalized(_ vector: [[UInt8]: Double]) -> [[UInt8]: Double] {
    let sum = vector.sorted { $0.key.lexicographicallyPrecedes($1.key) }.reduce(0.0) { $0 + $1.value }
    return sum > 0 ? vector.mapValues { $0 / sum } : vector
  }
}
