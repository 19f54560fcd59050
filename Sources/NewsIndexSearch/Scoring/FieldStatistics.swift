import NewsIndexCore
import NewsIndexFormat

/// Index-wide statistics across fields that the term dictionary does not store.
enum FieldStatistics {
  /// Documents containing `term` in at least one field, over all segments (BM25F's `df`).
  ///
  /// The dictionary holds a `docFreq` per (field, term); when the term is in several fields of a
  /// segment, their postings are merged to count each document once.
  /// With two fields (title and body) the count is `df(title) + df(body) − |both|`, and `|both|`
  /// walks the shorter list and skips through the longer one with `advance(to:)`, so a word
  /// common in bodies but rare in titles costs about its title frequency, not its body frequency.
  /// - Complexity: O(1) per segment where the term is in one field; otherwise about the shorter
  ///   list's length times a skip (any other number of fields: the sum of the docFreqs).
  static func docFreqInAnyField(_ reader: IndexReader, term: [UInt8]) -> Int {
    docFreqInAnyField(reader, term: term, states: Field.ranked.map { TermStates(reader: reader, field: $0, term: term) })
  }

  /// The same from the term's already looked-up `states`, one per field (any order). Remembered
  /// by the reader: the snapshot never changes, and the count can cost a walk over postings.
  static func docFreqInAnyField(_ reader: IndexReader, term: [UInt8], states: [TermStates]) -> Int {
    let present = states.filter { $0.docFreq > 0 }
    if present.count <= 1 { return present.first?.docFreq ?? 0 }
    return reader.cachedAnyFieldDocFreq(for: term) {
      var total = 0
      for (ordinal, segment) in reader.segments.enumerated() {
        let infos = present.compactMap { $0.infos[ordinal] }
        if infos.count <= 1 {
          total += infos.first?.docFreq ?? 0
          continue
        }
        if infos.count == 2 {
          let (short, long) = infos[0].docFreq <= infos[1].docFreq ? (infos[0], infos[1]) : (infos[1], infos[0])
          let walker = segment.postings(short)
          let skipper = segment.postings(long)
          var both = 0
          while walker.docID != PostingsCursor.end && skipper.docID != PostingsCursor.end {
            skipper.advance(to: walker.docID)
            if skipper.docID == walker.docID { both += 1 }
            walker.next()
          }
          total += short.docFreq + long.docFreq - both
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
