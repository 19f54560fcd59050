#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
package import NewsIndexCore
import NewsIndexFormat

/// Okapi BM25, the default ranking function, with fields combined as BM25F (the default) or
/// scored per field and summed.
///
/// For a query term `t` (or phrase: `tf` is the phrase's frequency and `idf` the sum of its terms'
/// `idf`s) and a document `d`, with field weights `w_f` (title ``titleWeight``, body 1):
///
/// ```
/// idf(df)   = ln(1 + (N - df + 0.5) / (df + 0.5))
/// BM25F:    tf'  = Σ_f w_f · tf_f(d)          len' = Σ_f w_f · len_f(d)      avglen' = Σ_f w_f · avglen_f
///           score(t, d) = idf(df_any) · tf' · (k1 + 1) / (tf' + k1 · (1 - b + b · len' / avglen'))
/// per-field sum:
///           score(t, d) = Σ_f  w_f · idf(df_f) · tf_f · (k1 + 1) / (tf_f + k1 · (1 - b + b · len_f(d) / avglen_f))
/// ```
///
/// `N` is the number of documents in the index; `df_any` those containing `t` in any field,
/// `df_f` those containing it in `f`; `tf_f(d)` the occurrences of `t` in `f` of `d`, `len_f(d)`
/// the tokens of `f` in `d` (stop words included) and `avglen_f` their mean over all documents.
/// Statistics are index-wide, so a score does not depend on segmentation. This `idf` (Lucene's
/// since 8.0) is never negative. A query restricted to one field (`title:word`) is scored per
/// field in both models. BM25F with title weight 1 is BM25 over title and body as one field.
///
/// Defaults: `k1 = 1.5`, `b = 0.4`, BM25F with title weight ``defaultTitleWeight``, chosen by
/// leave-one-collection-out over Cranfield, CISI, MED, CACM, NPL and the Reuters-21578 topic
/// queries (`scripts/relevance-sweep.py`, `docs/RELEVANCE.md`); one setting for all.
package struct BM25: Sendable, Equatable {
  /// How a word searched in every field combines its fields.
  package enum FieldModel: String, Sendable, CaseIterable {
    /// Frequencies and lengths mixed by field weight, saturated once (Robertson et al. 2004).
    case bm25f
    /// BM25 per field with the field's own statistics, weighted and summed (newsindex v1).
    case sum
  }

  package var k1: Double
  package var b: Double
  /// Multiplier of title matches relative to body matches.
  package var titleWeight: Double
  package var fieldModel: FieldModel

  package static let defaultK1 = 1.5
  package static let defaultB = 0.4
  package static let defaultTitleWeight = 3.0
  package static let defaultFieldModel = FieldModel.bm25f

  package init(
    k1: Double = defaultK1, b: Double = defaultB, titleWeight: Double = defaultTitleWeight,
    fieldModel: FieldModel = defaultFieldModel
  ) {
    self.k1 = k1
    self.b = b
    self.titleWeight = titleWeight
    self.fieldModel = fieldModel
  }

  /// The weight of `field`'s matches: ``titleWeight`` for the title, 1 for the body.
  package func weight(of field: Field) -> Double { field == .title ? titleWeight : 1 }

  /// Whether a word over all fields is scored from its word stream: BM25F with the title weight
  /// the streams were written with (other weights and the per-field sum read the fields'
  /// postings).
  var usesWordStreams: Bool {
    fieldModel == .bm25f && titleWeight == Double(PostingsFormat.wordStreamTitleWeight)
  }

  /// Inverse document frequency of a term found in `docFreq` of `documentCount` documents.
  package static func idf(docFreq: Int, documentCount: Int) -> Double {
    let n = Double(documentCount)
    let df = Double(docFreq)
    return log(1 + (n - df + 0.5) / (df + 0.5))
  }

  /// The term-frequency part: `tf · (k1 + 1) / (tf + k1 · (1 - b + b · length / averageLength))`.
  @inline(__always) package func termFrequencyFactor(_ tf: Double, length: Double, averageLength: Double) -> Double {
    let norm = averageLength > 0 ? 1 - b + b * length / averageLength : 1
    return tf * (k1 + 1) / (tf + k1 * norm)
  }
}

/// BM25F for one word (or phrase) over weighted fields, rearranged so a score is one division:
/// `scale · tf' / (tf' + base + perToken · len')` with `scale = factor · (k1 + 1)`,
/// `base = k1 (1 − b)` and `perToken = k1 · b / avglen'` (``BM25/termFrequencyFactor(_:length:averageLength:)``
/// times `factor`). Shared by ``FieldsScorer`` and ``WordScorer``, so both compute the same bits.
struct BM25FFormula {
  let scale: Double
  let base: Double
  let perToken: Double

  /// `factor`: the word's `boost · idf`; `averageLength`: `avglen'`, the weighted mean length.
  init(bm25: BM25, factor: Double, averageLength: Double) {
    scale = factor * (bm25.k1 + 1)
    base = averageLength > 0 ? bm25.k1 * (1 - bm25.b) : bm25.k1
    perToken = averageLength > 0 ? bm25.k1 * bm25.b / averageLength : 0
  }

  @inline(__always) func score(frequency: Double, length: Double) -> Double {
    scale * frequency / (frequency + base + perToken * length)
  }
}
