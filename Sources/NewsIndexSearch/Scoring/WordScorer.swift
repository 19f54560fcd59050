import NewsIndexCore
import NewsIndexFormat

/// One word scored by BM25F over title and body from its word stream (one postings list over the
/// whole document, FileFormat.md), under the default field weights the stream was written with.
///
/// The stream's frequency is already `tf' = 3 · tf(title) + tf(body)` and its impacts are over
/// `len' = 3 · len(title) + len(body)`, so a document costs one posting and two length reads, and
/// a block is bounded by its own impacts. Scores are bit-identical to ``FieldsScorer``'s over the
/// word's two per-field postings: the same integers are summed in the same order, and the
/// constants are computed alike.
final class WordScorer: Scorer {
  private let cursor: PostingsCursor
  private let titleLengths: UnsafeRawPointer
  private let bodyLengths: UnsafeRawPointer
  private let titleWeight: Double
  private let bodyWeight: Double
  private let bm25: BM25
  private let averageLength: Double
  /// `boost · idf`: the bound's factor.
  private let factor: Double
  private let formula: BM25FFormula
  private let work: WorkCounter
  /// The last ``blockBound(at:)``: valid for every target up to its `lastDocID`.
  @exclusivity(unchecked) private var cachedBlockBound: BlockBound?

  init(
    cursor: PostingsCursor, segment: SegmentReader, statistics: CombinedStatistics,
    context: ScoringContext
  ) {
    self.cursor = cursor
    titleLengths = segment.fieldLengthColumn(.title)
    bodyLengths = segment.fieldLengthColumn(.body)
    titleWeight = context.fieldWeights[Int(Field.title.rawValue)]
    bodyWeight = context.fieldWeights[Int(Field.body.rawValue)]
    bm25 = context.bm25
    averageLength = context.weightedAverageLength
    factor = statistics.boost * statistics.idf
    formula = BM25FFormula(bm25: context.bm25, factor: factor, averageLength: averageLength)
    work = context.work
  }

  var docID: DocID { cursor.docID }
  var cost: Int { cursor.docFreq }
  func next() { cursor.next() }
  func advance(to target: DocID) { cursor.advance(to: target) }

  func score() -> Double {
    work.postingsScored &+= 1
    let frequency = Double(cursor.termFreq)
    let offset = Int(cursor.docID) * 4
    var length = 0.0
    length +=
      titleWeight
      * Double(
        UInt32(littleEndian: titleLengths.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    length +=
      bodyWeight
      * Double(
        UInt32(littleEndian: bodyLengths.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    return formula.score(frequency: frequency, length: length)
  }

  func upperBound() -> Double {
    factor
      * ScoreBound.termFrequencyFactor(
        cursor.allImpacts(), bm25: bm25, averageLength: averageLength)
  }

  func blockBound(at target: DocID) -> BlockBound? {
    // Targets only grow: up to the current block's end, its bound stands.
    if let cachedBlockBound, target <= cachedBlockBound.lastDocID { return cachedBlockBound }
    guard cursor.shallowAdvance(to: target) else {
      cachedBlockBound = .exhausted
      return .exhausted
    }
    let bound = BlockBound(
      lastDocID: cursor.blockLastDocID,
      score: factor
        * ScoreBound.termFrequencyFactor(
          cursor.blockImpacts, bm25: bm25, averageLength: averageLength))
    cachedBlockBound = bound
    return bound
  }
}
