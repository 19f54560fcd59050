import NewsIndexCore
import NewsIndexFormat

/// A per-field matcher that reports how often its term (or phrase) occurs in the current document.
///
/// ``TermScorer`` and ``PhraseScorer`` are both; ``BM25FScorer`` combines one per field.
protocol FieldFrequencySource: Scorer {
  var field: Field { get }
  /// Occurrences in `field` of the current document (the term's `tf` or the phrase's frequency).
  var frequency: Double { get }
}

/// One unfielded term or phrase scored with BM25F over every field it occurs in.
///
/// The fields' frequencies and lengths are mixed with the field weights before BM25's
/// saturation is applied once (see ``BM25``), so a word in the title and the body is one strong
/// match, not two saturated ones. Matches the union of its sources, in `DocID` order.
final class BM25FScorer: Scorer {
  private let sources: [any FieldFrequencySource]
  private let segment: SegmentReader
  private let idf: Double
  private let bm25: BM25
  private let fieldWeights: [Double]
  private let averageLength: Double
  private(set) var docID: DocID

  init(sources: [any FieldFrequencySource], segment: SegmentReader, idf: Double, context: ScoringContext) {
    self.sources = sources
    self.segment = segment
    self.idf = idf
    self.bm25 = context.bm25
    self.fieldWeights = context.fieldWeights
    self.averageLength = context.weightedAverageLength
    docID = sources.reduce(PostingsCursor.end) { min($0, $1.docID) }
  }

  func next() {
    guard docID != PostingsCursor.end else { return }
    var smallest = PostingsCursor.end
    for source in sources {
      if source.docID == docID { source.next() }
      smallest = min(smallest, source.docID)
    }
    docID = smallest
  }

  func advance(to target: DocID) {
    guard target > docID else { return }
    var smallest = PostingsCursor.end
    for source in sources {
      source.advance(to: target)
      smallest = min(smallest, source.docID)
    }
    docID = smallest
  }

  func score() -> Double {
    var frequency = 0.0
    for source in sources where source.docID == docID {
      frequency += fieldWeights[Int(source.field.rawValue)] * source.frequency
    }
    var length = 0.0
    for field in Field.allCases {
      length += fieldWeights[Int(field.rawValue)] * Double(segment.fieldLength(field, docID))
    }
    return idf * bm25.termFrequencyFactor(frequency, length: length, averageLength: averageLength)
  }
}
