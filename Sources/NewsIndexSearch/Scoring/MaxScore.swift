import NewsIndexCore
import NewsIndexFormat

/// Top-k of a ranked OR (optionally minus excluded clauses) with block-max MaxScore dynamic
/// pruning (Turtle and Flood 1995; by windows of blocks as Lucene's `MaxScoreBulkScorer` does it).
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
  private let excluded: [any Scorer]

  init(clauses: [Clause], excluded: [any Scorer]) {
    self.clauses = clauses
    self.excluded = excluded
  }

  /// Offers every competitive live document of `segment` (whose numbers start at `base`) to
  /// `collector`; `accept` filters candidates (deletions, dates) before they are scored.
  func collect(
    into collector: inout TopKCollector, segment: SegmentReader, base: Int, work: WorkCounter,
    accept: (DocID) -> Bool
  ) {
    let count = clauses.count
    withExtendedLifetime(clauses) {
      clauses.map { Unretained($0) }.withUnsafeBufferPointer { byQuery in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * count) { numbers in
          // Segment-wide bounds, computed on first use (NaN: not yet): only clauses without
          // block bounds need them, and for a common word they cost a pass over its skip table.
          let globalBounds = UnsafeMutableBufferPointer(rebasing: numbers[(3 * count)..<(4 * count)])
          globalBounds.initialize(repeating: .nan)
          withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { order in
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: count) { matched in
              matched.initialize(repeating: false)
              let window = Window(
                byQuery: byQuery, globalBounds: globalBounds,
                bounds: UnsafeMutableBufferPointer(rebasing: numbers[0..<count]),
                prefixBound: UnsafeMutableBufferPointer(rebasing: numbers[count..<(2 * count)]),
                scores: UnsafeMutableBufferPointer(rebasing: numbers[(2 * count)..<(3 * count)]),
                order: order, matched: matched)
              window.run(
                collector: &collector, base: base, work: work,
                accept: { accept($0) && !isExcluded($0) })
            }
          }
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
  func blockBound(at target: DocID) -> BlockBound? { base.blockBound(at: target) }
}

/// The MaxScore loop over one segment, window by window.
///
/// A window runs from the first document no clause has passed to the end of the first block (of
/// any clause) that ends after it; within it each clause's bound is its current block's
/// (``Scorer/blockBound(at:)``, read from the skip tables) or, without block bounds, its
/// segment-wide one. A window whose bounds sum to at most the k-th best score is skipped without
/// decoding a block; otherwise MaxScore runs in it with the window's bounds.
private struct Window<Clause: Scorer> {
  let byQuery: UnsafeBufferPointer<Unretained<Clause>>
  /// Segment-wide bounds by query order, filled on first use (NaN until then).
  let globalBounds: UnsafeMutableBufferPointer<Double>
  /// The window's bound of each clause, by query order.
  let bounds: UnsafeMutableBufferPointer<Double>
  /// Over `order`: the sum of the bounds of `order[0...i]`, widened a little so float rounding in
  /// a score's sum can never exceed it.
  let prefixBound: UnsafeMutableBufferPointer<Double>
  let scores: UnsafeMutableBufferPointer<Double>
  /// Clause indexes by ascending window bound.
  let order: UnsafeMutableBufferPointer<Int>
  let matched: UnsafeMutableBufferPointer<Bool>

  func run(collector: inout TopKCollector, base: Int, work: WorkCounter, accept: (DocID) -> Bool) {
    let count = byQuery.count
    var threshold = collector.minimumCompetitiveScore ?? -.infinity
    var start = PostingsCursor.end
    for clause in byQuery { start = min(start, clause.with(\.docID)) }
    while start != PostingsCursor.end {
      // The window's bounds.
      var end = PostingsCursor.end
      for index in 0..<count {
        if let block = byQuery[index].with({ $0.blockBound(at: start) }) {
          bounds[index] = block.score
          end = min(end, block.lastDocID)
        } else {
          if globalBounds[index].isNaN { globalBounds[index] = byQuery[index].with { $0.upperBound() } }
          bounds[index] = globalBounds[index]
        }
      }
      sortByBound()
      if prefixBound[count - 1] <= threshold {
        // Nothing in the window can enter the top k: skip it without decoding.
        guard end != PostingsCursor.end else { return }
        start = end + 1
        continue
      }
      var firstEssential = 0
      while firstEssential < count && prefixBound[firstEssential] <= threshold { firstEssential += 1 }
      for position in firstEssential..<count {
        byQuery[order[position]].with { $0.advance(to: start) }
      }
      while firstEssential < count {
        var candidate = PostingsCursor.end
        for position in firstEssential..<count {
          candidate = min(candidate, byQuery[order[position]].with(\.docID))
        }
        if candidate == PostingsCursor.end || candidate > end { break }
        if accept(candidate) {
          // Essential clauses on the candidate, then non-essential ones from the largest bound
          // down while the candidate can still beat the threshold.
          var partial = 0.0
          for position in firstEssential..<count {
            let index = order[position]
            byQuery[index].with { clause in
              if clause.docID == candidate {
                let score = clause.score()
                scores[index] = score
                matched[index] = true
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
            let index = order[position]
            byQuery[index].with { clause in
              clause.advance(to: candidate)
              if clause.docID == candidate {
                let score = clause.score()
                scores[index] = score
                matched[index] = true
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
          byQuery[order[position]].with { clause in
            if clause.docID == candidate { clause.next() }
          }
        }
      }
      guard end != PostingsCursor.end else { return }
      start = end + 1
    }
  }

  /// `order` by ascending window bound (ties by query order), and `prefixBound` over it.
  private func sortByBound() {
    let count = byQuery.count
    // Insertion sort: a query has a handful of clauses (RM3's expansions about twenty).
    for index in 0..<count {
      var position = index
      while position > 0 && bounds[order[position - 1]] > bounds[index] {
        order[position] = order[position - 1]
        position -= 1
      }
      order[position] = index
    }
    var sum = 0.0
    for position in 0..<count {
      sum += bounds[order[position]]
      prefixBound[position] = sum * (1 + 1e-9) + 1e-12
    }
  }
}
