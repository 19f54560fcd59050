import NewsIndexCore
import NewsIndexFormat

/// Top-k of a ranked OR (optionally minus excluded clauses) with MaxScore dynamic pruning
/// (Turtle and Flood 1995, as PISA's `maxscore` and Lucene's `MaxScoreBulkScorer` do it).
///
/// Each clause has an upper bound on its score in this segment (``Scorer/upperBound()``, from the
/// skip tables' largest frequency and shortest field length per block). Sorted by bound, the
/// clauses whose bounds together cannot beat the current k-th best score are *non-essential*: a
/// document found only in them cannot enter the top k, so candidates come from the *essential*
/// clauses alone, and a non-essential clause is consulted (with `advance(to:)`, skipping blocks)
/// only while the candidate can still make it. The set of essential clauses shrinks as the k-th
/// best score rises.
///
/// The results are exactly those of exhaustive evaluation: a document is skipped only when its
/// bound is at or below the k-th best score (and, visited in document order, a later document
/// with an equal score ranks lower); a collected score is summed in the query's clause order,
/// the same floating-point sum as ``DisjunctionScorer``'s.
///
/// Generic over the clause type: for the usual query, plain words each scored over title and
/// body (``FieldsScorer`` of ``TermScorer``s), every call in the loop is direct and inlined;
/// other clauses go through ``AnyScorer``.
struct MaxScore<Clause: Scorer> {
  /// The query's clauses in this segment, in query order.
  private let clauses: [Clause]
  /// `clauses[order[i]]`, unretained (``clauses`` keeps them alive).
  private let ordered: [Unretained<Clause>]
  private let excluded: [any Scorer]
  /// Clause indexes by ascending bound.
  private let order: [Int]
  /// `prefixBound[i]`: the sum of the bounds of `order[0...i]`, widened a little so that float
  /// rounding in a score's sum can never exceed it.
  private let prefixBound: [Double]

  init(clauses: [Clause], excluded: [any Scorer]) {
    self.clauses = clauses
    self.excluded = excluded
    let bounds = clauses.map { $0.upperBound() }
    order = clauses.indices.sorted { bounds[$0] != bounds[$1] ? bounds[$0] < bounds[$1] : $0 < $1 }
    ordered = order.map { Unretained(clauses[$0]) }
    var sum = 0.0
    prefixBound = order.map { index in
      sum += bounds[index]
      return sum * (1 + 1e-9) + 1e-12
    }
  }

  /// Offers every competitive live document of `segment` (whose numbers start at `base`) to
  /// `collector`; `accept` filters candidates (deletions, dates) before they are scored.
  func collect(
    into collector: inout TopKCollector, segment: SegmentReader, base: Int, work: WorkCounter,
    accept: (DocID) -> Bool
  ) {
    let count = clauses.count
    withExtendedLifetime(clauses) {
      ordered.withUnsafeBufferPointer { ordered in
        order.withUnsafeBufferPointer { order in
          prefixBound.withUnsafeBufferPointer { prefixBound in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { scores in
              withUnsafeTemporaryAllocation(of: Bool.self, capacity: count) { matched in
                matched.initialize(repeating: false)
                run(
                  ordered: ordered, order: order, prefixBound: prefixBound, scores: scores, matched: matched,
                  collector: &collector, base: base, work: work, accept: accept)
              }
            }
          }
        }
      }
    }
  }

  /// The MaxScore loop; `ordered[firstEssential...]` are the essential clauses.
  @inline(__always)
  private func run(
    ordered: UnsafeBufferPointer<Unretained<Clause>>, order: UnsafeBufferPointer<Int>,
    prefixBound: UnsafeBufferPointer<Double>, scores: UnsafeMutableBufferPointer<Double>,
    matched: UnsafeMutableBufferPointer<Bool>, collector: inout TopKCollector, base: Int, work: WorkCounter,
    accept: (DocID) -> Bool
  ) {
    let count = ordered.count
    var firstEssential = 0
    var threshold = collector.minimumCompetitiveScore ?? -.infinity
    while firstEssential < count && prefixBound[firstEssential] <= threshold { firstEssential += 1 }

    while firstEssential < count {
      var candidate = PostingsCursor.end
      for position in firstEssential..<count { candidate = min(candidate, ordered[position].with(\.docID)) }
      if candidate == PostingsCursor.end { break }

      if accept(candidate) && !isExcluded(candidate) {
        // Essential clauses on the candidate, then non-essential ones from the largest bound
        // down while the candidate can still beat the threshold.
        var partial = 0.0
        for position in firstEssential..<count {
          ordered[position].with { clause in
            if clause.docID == candidate {
              let score = clause.score()
              scores[order[position]] = score
              matched[order[position]] = true
              partial += score
            }
          }
        }
        var competitive = true
        var position = firstEssential - 1
        while position >= 0 {
          if partial + prefixBound[position] <= threshold {
            competitive = false
            break
          }
          ordered[position].with { clause in
            clause.advance(to: candidate)
            if clause.docID == candidate {
              let score = clause.score()
              scores[order[position]] = score
              matched[order[position]] = true
              partial += score
            }
          }
          position -= 1
        }
        if competitive {
          // Summed in query order: the same floating-point sum as exhaustive evaluation.
          var total = 0.0
          for index in 0..<count where matched[index] { total += scores[index] }
          work.documentsScored &+= 1
          collector.collect(Hit(docNumber: base + Int(candidate), score: total))
          if let minimum = collector.minimumCompetitiveScore, minimum > threshold {
            threshold = minimum
            while firstEssential < count && prefixBound[firstEssential] <= threshold { firstEssential += 1 }
          }
        }
        for index in 0..<count { matched[index] = false }
      }
      for position in firstEssential..<count {
        ordered[position].with { clause in
          if clause.docID == candidate { clause.next() }
        }
      }
    }
  }

  private func isExcluded(_ candidate: DocID) -> Bool {
    for scorer in excluded {
      scorer.advance(to: candidate)
      if scorer.docID == candidate { return true }
    }
    return false
  }
}

/// Any scorer as a concrete ``Scorer`` type (an existential is not one), for ``MaxScore`` over
/// mixed clauses.
final class AnyScorer: Scorer {
  private let base: any Scorer

  init(_ base: any Scorer) { self.base = base }

  var docID: DocID { base.docID }
  var cost: Int { base.cost }
  func next() { base.next() }
  func advance(to target: DocID) { base.advance(to: target) }
  func score() -> Double { base.score() }
  func upperBound() -> Double { base.upperBound() }
}
