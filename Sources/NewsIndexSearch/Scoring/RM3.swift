import NewsIndexCore

/// Pseudo-relevance feedback with relevance model 3, as Anserini's `RM3Reranker` does it, for
/// queries that are a ranked OR of words (``applies(to:)``).
///
/// 1. The query runs as usual; its best ``feedbackDocuments`` are taken as relevant.
/// 2. Each is re-analyzed from its stored title and body; its term counts (only terms of 2–20
///    ASCII letters or digits found in at most 10 % of documents) are pruned to the
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
    var dfCache: [[UInt8]: Bool] = [:]
    let maxDocFreq = 0.1 * Double(reader.documentCount)
    // One stemmer (and stem cache) for the query's feedback documents: the same words recur.
    let stems = reader.analyzer.makeStemCache()
    for hit in hits.prefix(feedbackDocuments) {
      guard let document = try? reader.storedDocument(hit.docNumber) else { continue }
      var counts: [[UInt8]: Int] = [:]
      for var text in [document.title, document.body] {
        _ = text.withUTF8 { utf8 in
          reader.analyzer.forEachToken(in: UnsafeRawBufferPointer(utf8), cache: stems) { token in
            let term = token.term
            guard term.count >= 2, term.count <= 20, term.allSatisfy(Self.isASCIIWordByte) else { return }
            counts[Array(term), default: 0] += 1
          }
        }
      }
      let kept = counts.filter { term, _ in
        if let ok = dfCache[term] { return ok }
        // Shared by all queries on this reader (the limit depends only on the index).
        let ok = reader.cachedFlag(for: term) {
          // Per-field docFreqs bound the any-field one (max ≤ df ≤ sum): merge postings only
          // when the bounds straddle the limit.
          let perField = Field.ranked.map { Double(reader.docFreq(field: $0, term: term)) }
          if perField.reduce(0, +) <= maxDocFreq { return true }
          if perField.max() ?? 0 > maxDocFreq { return false }
          return Double(FieldStatistics.docFreqInAnyField(reader, term: term)) <= maxDocFreq
        }
        dfCache[term] = ok
        return ok
      }
      let top = Self.top(kept.mapValues(Double.init), feedbackTerms)
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

  private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
  }

  /// The `count` largest entries (ties: smaller term first, so the choice is deterministic).
  private static func top(_ vector: [[UInt8]: Double], _ count: Int) -> [[UInt8]: Double] {
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
