import NewsIndexCore
import NewsIndexFormat

/// Index-wide statistics across fields that the term dictionary does not store.
enum FieldStatistics {
  /// Documents containing `term` in at least one field, over all segments (BM25F's `df`): the
  /// document frequencies of its word streams, which the build stores in the dictionary (and
  /// merges recompute), so no query intersects postings for it.
  static func docFreqInAnyField(_ reader: IndexReader, term: [UInt8]) -> Int {
    TermStates(reader: reader, wordStreamOf: term).docFreq
  }

  /// Occurrences of `term` in `field` over all segments (query likelihood's collection counts).
  static func totalTermFreq(_ reader: IndexReader, field: Field, term: [UInt8]) -> Int {
    term.withUnsafeBytes { raw in
      reader.segments.reduce(0) { $0 + ($1.termInfo(field: field, term: raw)?.totalTermFreq ?? 0) }
    }
  }
}
