import NewsIndexCore
import NewsIndexFormat

/// Index-wide statistics across fields that the term dictionary does not store.
enum FieldStatistics {
  /// Documents containing `term` in at least one field, over all segments (BM25F's `df`).
  ///
  /// The dictionary holds a `docFreq` per (field, term); when the term is in several fields of a
  /// segment, their postings are merged to count each document once.
  /// - Complexity: O(1) per segment where the term is in one field, else O(sum of its docFreqs).
  static func docFreqInAnyField(_ reader: IndexReader, term: [UInt8]) -> Int {
    term.withUnsafeBytes { raw in
      var total = 0
      for segment in reader.segments {
        let infos = Field.allCases.compactMap { segment.termInfo(field: $0, term: raw) }
        if infos.count <= 1 {
          total += infos.first?.docFreq ?? 0
          continue
        }
        let cursors = infos.map { segment.postings($0) }
        while true {
          let smallest = cursors.reduce(PostingsCursor.end) { min($0, $1.docID) }
          if smallest == PostingsCursor.end { break }
          total += 1
          for cursor in cursors where cursor.docID == smallest { cursor.next() }
        }
      }
      return total
    }
  }

  /// Occurrences of `term` in `field` over all segments (query likelihood's collection counts).
  static func totalTermFreq(_ reader: IndexReader, field: Field, term: [UInt8]) -> Int {
    term.withUnsafeBytes { raw in
      reader.segments.reduce(0) { $0 + ($1.termInfo(field: field, term: raw)?.totalTermFreq ?? 0) }
    }
  }
}
