#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Okapi BM25, the default ranking function, computed per field and summed over fields.
///
/// For a query term `t` and a document `d`, in field `f` with weight `w_f`:
///
/// ```
/// idf(t, f)     = ln(1 + (N - df + 0.5) / (df + 0.5))
/// score(t, d)   = Σ_f  w_f · idf(t, f) · tf · (k1 + 1) / (tf + k1 · (1 - b + b · len_f(d) / avglen_f))
/// ```
///
/// `N` is the number of documents in the index, `df` those containing `t` in `f`, `tf` the
/// occurrences of `t` in `f` of `d`, `len_f(d)` the tokens of `f` in `d` and `avglen_f` their mean
/// over all documents (statistics are index-wide, so a score does not depend on segmentation).
/// This `idf` (Lucene's since 8.0) is never negative. A phrase scores like one term whose `tf`
/// is the phrase's frequency and whose `idf` is the sum of its terms' `idf`s.
///
/// Defaults: `k1 = 0.9`, `b = 0.4` (Anserini's, tuned on TREC news), title weight 2.0, body 1.0.
package struct BM25: Sendable, Equatable {
  package var k1: Double
  package var b: Double
  /// Multiplier of title matches relative to body matches.
  package var titleWeight: Double

  package static let defaultK1 = 0.9
  package static let defaultB = 0.4
  package static let defaultTitleWeight = 2.0

  package init(k1: Double = defaultK1, b: Double = defaultB, titleWeight: Double = defaultTitleWeight) {
    self.k1 = k1
    self.b = b
    self.titleWeight = titleWeight
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
