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
}

/// One term in one field: BM25 from the postings cursor and the field's length.
final class TermScorer: FieldFrequencySource {
  private let cursor: PostingsCursor
  private let segment: SegmentReader
  let field: Field
  private let factor: Double
  private let bm25: BM25
  private let averageLength: Double

  init(cursor: PostingsCursor, segment: SegmentReader, field: Field, factor: Double, context: ScoringContext) {
    self.cursor = cursor
    self.segment = segment
    self.field = field
    self.factor = factor
    self.bm25 = context.bm25
    self.averageLength = context.averageFieldLengths[Int(field.rawValue)]
  }

  var docID: DocID { cursor.docID }
  func next() { cursor.next() }
  func advance(to target: DocID) { cursor.advance(to: target) }
  var frequency: Double { Double(cursor.termFreq) }

  func score() -> Double {
    let length = Double(segment.fieldLength(field, cursor.docID))
    return factor * bm25.termFrequencyFactor(Double(cursor.termFreq), length: length, averageLength: averageLength)
  }
}

/// Documents matching every sub-scorer, found by leapfrogging; the score is their sum.
final class ConjunctionScorer: Scorer {
  private let scorers: [any Scorer]
  @exclusivity(unchecked) private(set) var docID: DocID

  init(_ scorers: [any Scorer]) {
    self.scorers = scorers
    docID = scorers[0].docID
    align()
  }

  /// Moves every scorer to the smallest document at or after the current `docID` that all share.
  private func align() {
    var target = scorers.reduce(docID) { max($0, $1.docID) }
    outer: while target != PostingsCursor.end {
      for scorer in scorers {
        scorer.advance(to: target)
        if scorer.docID != target {
          target = scorer.docID
          continue outer
        }
      }
      break
    }
    docID = target
  }

  func next() {
    guard docID != PostingsCursor.end else { return }
    scorers[0].next()
    docID = scorers[0].docID
    align()
  }

  func advance(to target: DocID) {
    guard target > docID else { return }
    docID = target
    align()
  }

  func score() -> Double { scorers.reduce(0) { $0 + $1.score() } }
}

/// Documents matching any sub-scorer; the score is the sum of those that match.
final class DisjunctionScorer: Scorer {
  private let scorers: [any Scorer]
  @exclusivity(unchecked) private(set) var docID: DocID

  init(_ scorers: [any Scorer]) {
    self.scorers = scorers
    docID = scorers.reduce(PostingsCursor.end) { min($0, $1.docID) }
  }

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
}
