import NewsIndexCore
import NewsIndexFormat

/// Iterates the matching documents of a query in one segment, in `DocID` order, and scores them.
///
/// A scorer stands on its first match when made; `docID` is `PostingsCursor.end` when exhausted.
/// `advance(to:)` moves to the first match at or after `target` and never moves backwards.
protocol Scorer: AnyObject {
  var docID: DocID { get }
  func next()
  func advance(to target: DocID)
  /// The score of the current document.
  func score() -> Double
  /// A number no document of this segment can score above (for dynamic pruning); computed on
  /// demand from the skip tables, `.infinity` when there is no useful bound.
  func upperBound() -> Double
  /// About how many documents the scorer can match (postings to walk): conjunctions lead with
  /// their cheapest clause.
  var cost: Int { get }
  /// The bound of the postings block(s) holding the first match at or after `target`, found
  /// through the skip tables without decoding (block-max pruning); nil when the scorer has no
  /// block-level bounds. May leave the scorer's position stale until its next `advance(to:)`,
  /// which must target at least `target`.
  func blockBound(at target: DocID) -> BlockBound?
}

extension Scorer {
  func blockBound(at target: DocID) -> BlockBound? { nil }
}

/// No document up to `lastDocID` (from the target asked for) scores above `score`.
struct BlockBound {
  var lastDocID: DocID
  var score: Double

  /// A scorer with no match left.
  static let exhausted = BlockBound(lastDocID: PostingsCursor.end, score: 0)
}

/// One term in one field: BM25 from the postings cursor and the field's length.
final class TermScorer: FieldFrequencySource {
  private let cursor: PostingsCursor
  private let segment: SegmentReader
  let field: Field
  private let factor: Double
  private let bm25: BM25
  private let averageLength: Double
  private let work: WorkCounter
  /// The last ``blockBound(at:)``: valid for every target up to its `lastDocID`.
  @exclusivity(unchecked) private var cachedBlockBound: BlockBound?

  init(cursor: PostingsCursor, segment: SegmentReader, field: Field, factor: Double, context: ScoringContext) {
    self.cursor = cursor
    self.segment = segment
    self.field = field
    self.factor = factor
    self.bm25 = context.bm25
    self.averageLength = context.averageFieldLengths[Int(field.rawValue)]
    self.work = context.work
  }

  var docID: DocID { cursor.docID }
  var cost: Int { cursor.docFreq }
  func next() { cursor.next() }
  func advance(to target: DocID) { cursor.advance(to: target) }
  var frequency: Double {
    work.postingsScored &+= 1
    return Double(cursor.termFreq)
  }

  func score() -> Double {
    work.postingsScored &+= 1
    let length = Double(segment.fieldLength(field, cursor.docID))
    return factor * bm25.termFrequencyFactor(Double(cursor.termFreq), length: length, averageLength: averageLength)
  }

  /// The best pair of the term's impacts over the whole segment.
  func upperBound() -> Double {
    factor * ScoreBound.termFrequencyFactor(cursor.allImpacts(), bm25: bm25, averageLength: averageLength)
  }

  func blockBound(at target: DocID) -> BlockBound? {
    // Targets only grow: up to the current block's end, its bound stands.
    if let cachedBlockBound, target <= cachedBlockBound.lastDocID { return cachedBlockBound }
    guard let block = blockImpacts(at: target) else { return .exhausted }
    let bound = BlockBound(
      lastDocID: block.lastDocID,
      score: factor * ScoreBound.termFrequencyFactor(block.impacts, bm25: bm25, averageLength: averageLength))
    cachedBlockBound = bound
    return bound
  }

  /// The last document and the impacts (nil: a damaged skip entry) of the block holding the
  /// first posting at or after `target`; nil when there is none.
  func blockImpacts(at target: DocID) -> (lastDocID: DocID, impacts: Impacts?)? {
    guard cursor.shallowAdvance(to: target) else { return nil }
    return (cursor.blockLastDocID, cursor.blockImpacts)
  }

  func impacts() -> Impacts? { cursor.allImpacts() }
}

/// Documents matching every sub-scorer, found by leapfrogging from the cheapest; the score is
/// their sum (in the query's order, so the floating-point sum does not depend on the costs).
/// Generic over the clause type, like ``MaxScore``: `+a +b` over plain words runs with direct calls.
final class ConjunctionScorer<Clause: Scorer>: Scorer {
  private let scorers: [Clause]
  /// The same scorers, cheapest first: the leader's documents are the candidates (unretained:
  /// ``scorers`` keeps them alive).
  private let byCost: [Unretained<Clause>]
  @exclusivity(unchecked) private(set) var docID: DocID

  init(_ scorers: [Clause]) {
    self.scorers = scorers
    byCost = scorers.sorted { $0.cost < $1.cost }.map { Unretained($0) }
    docID = byCost[0].with(\.docID)
    align()
  }

  var cost: Int { byCost[0].with(\.cost) }

  /// Moves every scorer to the smallest document at or after the current `docID` that all share.
  @_specialize(exported: false, where Clause == WordScorer)
  @_specialize(exported: false, where Clause == FieldsScorer<TermScorer>)
  private func align() {
    var target = docID
    for scorer in byCost { target = max(target, scorer.with(\.docID)) }
    outer: while target != PostingsCursor.end {
      for scorer in byCost {
        let reached = scorer.with { scorer in
          scorer.advance(to: target)
          return scorer.docID
        }
        if reached != target {
          target = reached
          continue outer
        }
      }
      break
    }
    docID = target
  }

  @_specialize(exported: false, where Clause == WordScorer)
  @_specialize(exported: false, where Clause == FieldsScorer<TermScorer>)
  func next() {
    guard docID != PostingsCursor.end else { return }
    docID = byCost[0].with { leader in
      leader.next()
      return leader.docID
    }
    align()
  }

  @_specialize(exported: false, where Clause == WordScorer)
  @_specialize(exported: false, where Clause == FieldsScorer<TermScorer>)
  func advance(to target: DocID) {
    guard target > docID else { return }
    docID = target
    align()
  }

  @_specialize(exported: false, where Clause == WordScorer)
  @_specialize(exported: false, where Clause == FieldsScorer<TermScorer>)
  func score() -> Double {
    var sum = 0.0
    for scorer in scorers { sum += scorer.score() }
    return sum
  }

  func upperBound() -> Double { scorers.reduce(0) { $0 + $1.upperBound() } }
}

/// A conjunction of `scorers`, specialized when they are all plain words.
func makeConjunction(_ scorers: [any Scorer]) -> any Scorer {
  let streams = scorers.compactMap { $0 as? WordScorer }
  if streams.count == scorers.count { return ConjunctionScorer(streams) }
  let words = scorers.compactMap { $0 as? FieldsScorer<TermScorer> }
  if words.count == scorers.count { return ConjunctionScorer(words) }
  return ConjunctionScorer(scorers.map(AnyScorer.init))
}

/// Documents matching any sub-scorer; the score is the sum of those that match.
final class DisjunctionScorer: Scorer {
  private let scorers: [any Scorer]
  @exclusivity(unchecked) private(set) var docID: DocID

  init(_ scorers: [any Scorer]) {
    self.scorers = scorers
    docID = scorers.reduce(PostingsCursor.end) { min($0, $1.docID) }
  }

  var cost: Int { scorers.reduce(0) { $0 + $1.cost } }

  func next() {
    guard docID != PostingsCursor.end else { return }
    var smallest = PostingsCursor.end
    for scorer in scorers {
      if scorer.docID == docID { scorer.next() }
      smallest = min(smallest, scorer.docID)
    }
    docID = smallest
  }

  func advance(to target: DocID) {
    guard target > docID else { return }
    var smallest = PostingsCursor.end
    for scorer in scorers {
      scorer.advance(to: target)
      smallest = min(smallest, scorer.docID)
    }
    docID = smallest
  }

  func score() -> Double {
    var sum = 0.0
    for scorer in scorers where scorer.docID == docID { sum += scorer.score() }
    return sum
  }

  func upperBound() -> Double { scorers.reduce(0) { $0 + $1.upperBound() } }
}

/// A required scorer, minus excluded documents, plus the scores of optional scorers that match.
final class BooleanScorer: Scorer {
  private let required: any Scorer
  private let optional: [any Scorer]
  private let excluded: [any Scorer]
  @exclusivity(unchecked) private(set) var docID: DocID

  init(required: any Scorer, optional: [any Scorer], excluded: [any Scorer]) {
    self.required = required
    self.optional = optional
    self.excluded = excluded
    docID = required.docID
    skipExcluded()
  }

  var cost: Int { required.cost }

  private func skipExcluded() {
    while required.docID != PostingsCursor.end {
      let candidate = required.docID
      var isExcluded = false
      for scorer in excluded {
        scorer.advance(to: candidate)
        if scorer.docID == candidate {
          isExcluded = true
          break
        }
      }
      if !isExcluded { break }
      required.next()
    }
    docID = required.docID
  }

  func next() {
    required.next()
    skipExcluded()
  }

  func advance(to target: DocID) {
    required.advance(to: target)
    skipExcluded()
  }

  func score() -> Double {
    var sum = required.score()
    for scorer in optional {
      scorer.advance(to: docID)
      if scorer.docID == docID { sum += scorer.score() }
    }
    return sum
  }

  func upperBound() -> Double { optional.reduce(required.upperBound()) { $0 + $1.upperBound() } }
}

/// A reference used without retaining it: scorers' inner loops reach their children through
/// these (an ordinary array beside them keeps the children alive). Reference counting was a
/// fifth of a ranked-OR query's instructions; `unowned(unsafe)` alone still retained on load.
struct Unretained<Object: AnyObject> {
  private let reference: Unmanaged<Object>

  init(_ object: Object) { reference = .passUnretained(object) }

  /// Calls `body` with the object, which the caller guarantees is alive.
  @inline(__always) func with<Result>(_ body: (Object) -> Result) -> Result {
    reference._withUnsafeGuaranteedRef(body)
  }
}
