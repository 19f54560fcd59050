import NewsIndexFormat

/// Score bounds for dynamic pruning, from ``Impacts``: the one place newsindex bounds a score.
///
/// BM25's `termFrequencyFactor` grows with the frequency and falls with the length, so over a
/// set of postings it is largest at one of the set's competitive pairs. A word in one field is
/// bounded by the best pair of its impacts; a phrase by the impacts of its rarest term; a word
/// over several fields (BM25F) by ``combinedTermFrequencyFactor(count:bm25:averageLength:_:)``.
enum ScoreBound {
  /// What one source contributes to a combined bound.
  enum Part {
    /// The source has no posting in the range bounded.
    case absent
    /// Its postings there are bounded by `impacts`; their frequencies and lengths weigh `weight`.
    case impacts(weight: Double, Impacts)
    /// No bound is known (a damaged skip table).
    case unbounded
  }

  /// The largest `termFrequencyFactor` of any pair of `impacts`; nil impacts (a damaged skip
  /// table) give the factor's limit, `k1 + 1`.
  static func termFrequencyFactor(_ impacts: Impacts?, bm25: BM25, averageLength: Double) -> Double
  {
    guard let impacts else { return bm25.k1 + 1 }
    var best = 0.0
    for index in 0..<impacts.count {
      let pair = impacts[index]
      best = max(
        best,
        bm25.termFrequencyFactor(
          Double(pair.frequency), length: Double(pair.length), averageLength: averageLength))
    }
    return best
  }

  /// The largest BM25F `termFrequencyFactor(tf', len')` of a document, given what each of
  /// `count` sources (one per field) contributes, read through `part`.
  ///
  /// A document matching in a set `S` of the fields has, for each `f ∈ S`, a frequency and a
  /// field length beaten by some pair of `f`'s impacts, and a length of at least 0 in the other
  /// fields; so `tf' ≤ Σ_{f∈S} w_f · frequency_f` and `len' ≥ Σ_{f∈S} w_f · length_f` for one
  /// pair per field of `S`. The bound is the best such sum over every non-empty `S` and every
  /// choice of pairs (at most 9 × 9 for title and body): a word found mostly in bodies is bounded
  /// by its body alone, and only a document matching in both fields pays both lengths.
  static func combinedTermFrequencyFactor(
    count: Int, bm25: BM25, averageLength: Double, _ part: (Int) -> Part
  ) -> Double {
    withUnsafeTemporaryAllocation(of: (weight: Double, impacts: Impacts).self, capacity: count) {
      parts in
      var present = 0
      for index in 0..<count {
        switch part(index) {
        case .absent: continue
        case .unbounded: return bm25.k1 + 1
        case .impacts(let weight, let impacts):
          (parts.baseAddress! + present).initialize(to: (weight, impacts))
          present += 1
        }
      }
      defer { parts.baseAddress!.deinitialize(count: present) }
      var best = 0.0
      // Depth-first over the fields: each either not matched or matched at one of its pairs.
      func visit(_ index: Int, frequency: Double, length: Double, matched: Bool) {
        guard index < present else {
          if matched {
            best = max(
              best,
              bm25.termFrequencyFactor(frequency, length: length, averageLength: averageLength))
          }
          return
        }
        visit(index + 1, frequency: frequency, length: length, matched: matched)
        let (weight, impacts) = parts[index]
        for pair in 0..<impacts.count {
          let (pairFrequency, pairLength) = impacts[pair]
          visit(
            index + 1, frequency: frequency + weight * Double(pairFrequency),
            length: length + weight * Double(pairLength), matched: true)
        }
      }
      visit(0, frequency: 0, length: 0, matched: false)
      return best
    }
  }
}
