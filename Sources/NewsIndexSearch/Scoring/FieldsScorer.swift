#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import NewsIndexCore
import NewsIndexFormat

/// A per-field matcher that reports how often its term (or phrase) occurs in the current document.
///
/// ``TermScorer`` and ``PhraseScorer`` are both; ``FieldsScorer`` combines one per field.
protocol FieldFrequencySource: Scorer {
  var field: Field { get }
  /// Occurrences in `field` of the current document (the term's `tf` or the phrase's frequency).
  var frequency: Double { get }
  /// Pairs (frequency, field length) that bound every document this source matches in the
  /// segment (``Impacts``); nil when the skip tables are damaged (no bound).
  func impacts() -> Impacts?
}

/// One term or phrase scored over the combined fields it is searched in: BM25F (see ``BM25``), or
/// query likelihood with Dirichlet smoothing.
///
/// The fields' frequencies and lengths are mixed with the field weights first, so a word in the
/// title and the body is one strong match, not two saturated ones:
/// `tf' = Σ w_f · tf_f`, `len' = Σ w_f · len_f` over the searched fields. Then
/// - BM25F: `boost · idf · tf' (k1 + 1) / (tf' + k1 (1 - b + b · len' / avglen'))`;
/// - query likelihood (Lucene's `LMDirichletSimilarity`, Anserini's `--qld`):
///   `max(0, boost · (ln(1 + tf' / (mu · P(t|C))) + ln(mu / (len' + mu))))`, where `P(t|C)` is
///   the word's weighted share of the searched fields' tokens.
/// Matches the union of its sources, in `DocID` order. Generic over the source type, so a word's
/// per-field ``TermScorer``s are called directly, not through an existential.
final class FieldsScorer<Source: FieldFrequencySource>: Scorer {
  private let sources: [Source]
  /// ``sources``, unretained, for the per-document loops.
  private let walk: [Unretained<Source>]
  /// The field weight of each source (same order).
  private let sourceWeights: [Double]
  private let fields: [Field]
  /// Each searched field's length column and weight (for `len'`).
  private let lengthColumns: [(column: UnsafeRawPointer, weight: Double)]
  private let segment: SegmentReader
  private let statistics: CombinedStatistics
  private let bm25: BM25
  private let averageLength: Double
  private let formula: BM25FFormula
  @exclusivity(unchecked) private(set) var docID: DocID
  /// ``sources`` when they are words (``TermScorer``s, which have block impacts), else nil.
  private let termSources: [TermScorer]?
  /// The last ``blockBound(at:)``: valid for every target up to its `lastDocID`.
  @exclusivity(unchecked) private var cachedBlockBound: BlockBound?

  init(
    sources: [Source], fields: [Field], segment: SegmentReader, statistics: CombinedStatistics,
    context: ScoringContext
  ) {
    self.sources = sources
    walk = sources.map { Unretained($0) }
    self.fields = fields
    self.segment = segment
    self.statistics = statistics
    self.bm25 = context.bm25
    sourceWeights = sources.map { context.fieldWeights[Int($0.field.rawValue)] }
    lengthColumns = fields.map { (segment.fieldLengthColumn($0), context.fieldWeights[Int($0.rawValue)]) }
    let averageLength = fields.reduce(0.0) { sum, field in
      sum + context.fieldWeights[Int(field.rawValue)] * context.averageFieldLengths[Int(field.rawValue)]
    }
    self.averageLength = averageLength
    formula = BM25FFormula(bm25: context.bm25, factor: statistics.boost * statistics.idf, averageLength: averageLength)
    docID = sources.reduce(PostingsCursor.end) { min($0, $1.docID) }
    termSources = sources as? [TermScorer]
  }

  var cost: Int { sources.reduce(0) { $0 + $1.cost } }

  @_specialize(exported: false, where Source == TermScorer)
  @_specialize(exported: false, where Source == PhraseScorer)
  func next() {
    guard docID != PostingsCursor.end else { return }
    var smallest = PostingsCursor.end
    for unretained in walk {
      smallest = unretained.with { source in
        if source.docID == docID { source.next() }
        return min(smallest, source.docID)
      }
    }
    docID = smallest
  }

  @_specialize(exported: false, where Source == TermScorer)
  @_specialize(exported: false, where Source == PhraseScorer)
  func advance(to target: DocID) {
    guard target > docID else { return }
    var smallest = PostingsCursor.end
    for unretained in walk {
      smallest = unretained.with { source in
        source.advance(to: target)
        return min(smallest, source.docID)
      }
    }
    docID = smallest
  }

  @_specialize(exported: false, where Source == TermScorer)
  @_specialize(exported: false, where Source == PhraseScorer)
  func score() -> Double {
    var frequency = 0.0
    for (index, unretained) in walk.enumerated() {
      frequency += unretained.with { source in source.docID == docID ? source.frequency : 0 } * sourceWeights[index]
    }
    var length = 0.0
    for (column, weight) in lengthColumns {
      length += weight * Double(UInt32(littleEndian: column.loadUnaligned(fromByteOffset: Int(docID) * 4, as: UInt32.self)))
    }
    guard let mu = statistics.mu else {
      return formula.score(frequency: frequency, length: length)
    }
    let score =
      statistics.boost
      * (log(1 + frequency / (mu * statistics.collectionProbability)) + log(mu / (length + mu)))
    return max(0, score)
  }

  /// ``upperBound()`` over the blocks holding each field's first posting at or after `target`,
  /// valid up to the first of those blocks to end. Only for words (term sources) under BM25F.
  func blockBound(at target: DocID) -> BlockBound? {
    // Targets only grow: up to the first of the current blocks to end, the bound stands.
    if let cached = cachedBlockBound, target <= cached.lastDocID { return cached }
    guard statistics.mu == nil, let terms = termSources else { return nil }
    var lastDocID = PostingsCursor.end
    var any = false
    let factor = ScoreBound.combinedTermFrequencyFactor(count: terms.count, bm25: bm25, averageLength: averageLength) {
      index in
      let source = terms[index]
      guard let block = source.blockImpacts(at: target) else { return .absent }
      lastDocID = min(lastDocID, block.lastDocID)
      any = true
      return block.impacts.map { .impacts(weight: sourceWeights[index], $0) } ?? .unbounded
    }
    let bound = any ? BlockBound(lastDocID: lastDocID, score: statistics.boost * statistics.idf * factor) : .exhausted
    cachedBlockBound = bound
    return bound
  }

  /// The segment-wide bound, from each source's impacts over the whole segment. Query
  /// likelihood: no bound.
  func upperBound() -> Double {
    guard statistics.mu == nil else { return .infinity }
    let factor = ScoreBound.combinedTermFrequencyFactor(count: sources.count, bm25: bm25, averageLength: averageLength) {
      index in
      sources[index].impacts().map { .impacts(weight: sourceWeights[index], $0) } ?? .unbounded
    }
    return statistics.boost * statistics.idf * factor
  }
}
