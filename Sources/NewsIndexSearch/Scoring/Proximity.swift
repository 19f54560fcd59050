import NewsIndexCore

/// Term proximity for ranked ORs of words (`--model bm25p`): BM25F plus a proximity term, the
/// ordered-window part of the sequential dependence model (Metzler and Croft 2005) scored with
/// BM25F instead of query likelihood.
///
/// For a query of words `q1 … qn`, each pair of neighbours `(qi, qi+1)` becomes an extra optional
/// clause: the two terms as a phrase at the distance they stand at in the query (a stop word
/// between them leaves its gap, as phrases do), scored by BM25F over title and body like any
/// phrase (its frequency in place of `tf`, the sum of the two idfs), times ``pairWeight``:
///
/// ```
/// score(d) = Σ_i BM25F(qi, d) + pairWeight · Σ_i BM25F("qi qi+1", d)
/// ```
///
/// A document that holds a pair also holds both words, so the clauses add to scores without
/// adding matches: the hits are the documents holding a query word, as with plain BM25F, only
/// ordered differently. Queries with phrases, required or excluded words, field restrictions or
/// boosts are left as they are (``applies(to:)``, the same queries RM3 expands).
package struct Proximity: Sendable, Equatable {
  /// Weight of each neighbour pair's phrase score relative to a word's.
  package var pairWeight: Double

  /// The default pair weight, chosen by leave-one-collection-out (`docs/RELEVANCE.md`).
  package static let defaultPairWeight = 0.2

  package init(pairWeight: Double = defaultPairWeight) {
    self.pairWeight = pairWeight
  }

  /// Whether pairs are added to `query`: a ranked OR of plain words searched in every field.
  package static func applies(to query: Query) -> Bool {
    guard RM3.applies(to: query) else { return false }
    if case .boolean = query { return true }
    // One word: a hyphenated or CJK word is already a phrase of its parts.
    return false
  }

  /// The query's neighbour pairs, in order: each pair's two terms and the distance between
  /// their positions (1 for adjacent words, 2 across a stop word). The words are analyzed
  /// together, so a stop word between them counts; terms at one position (a catenated
  /// hyphenated word beside its parts) give no pair of their own.
  package static func pairs(of query: Query, reader: IndexReader) -> [(terms: [[UInt8]], distance: Int)] {
    guard case .boolean(let clauses) = query else { return [] }
    let text = clauses.compactMap { clause -> String? in
      if case .term(_, let text) = clause.query { return text }
      return nil
    }.joined(separator: " ")
    var pairs: [(terms: [[UInt8]], distance: Int)] = []
    var previous: (term: [UInt8], position: Int)?
    for token in reader.analyzer.tokens(in: text) {
      let term = Array(token.term.utf8)
      if let last = previous {
        guard token.position > last.position else { continue }
        if last.term != term { pairs.append(([last.term, term], token.position - last.position)) }
      }
      previous = (term, token.position)
    }
    return pairs
  }

  /// `weight` (the query's words, or RM3's expansion of them) with the pair clauses of `query`
  /// added; `weight` itself when the query has no pair.
  func adding(to weight: Weight, pairsOf query: Query, reader: IndexReader, bm25: BM25, mu: Double?) -> Weight {
    let pairs = Self.pairs(of: query, reader: reader)
    guard !pairs.isEmpty, pairWeight > 0 else { return weight }
    let phrases = pairs.map { pair in
      Weight(
        terms: pair.terms, offsets: [0, pair.distance], field: nil, reader: reader, bm25: bm25, mu: mu,
        boost: pairWeight)
    }
    switch weight {
    case .boolean(let must, let should, let mustNot) where must.isEmpty:
      return .boolean(must: [], should: should + phrases, mustNot: mustNot)
    default:
      return .boolean(must: [], should: [weight] + phrases, mustNot: [])
    }
  }
}
