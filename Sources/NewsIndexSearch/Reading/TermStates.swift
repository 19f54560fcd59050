import NewsIndexCore
import NewsIndexFormat

/// One (field, term)'s dictionary entries in every segment of a reader, looked up once per query
/// and then used both for statistics (`docFreq`) and for opening postings in each segment.
struct TermStates {
  /// By segment ordinal; nil where the segment does not contain the term.
  let infos: [TermInfo?]
  /// Documents containing the term, over all segments.
  let docFreq: Int

  init(reader: IndexReader, field: Field, term: [UInt8]) {
    self.init(reader: reader, term: term) { $0.termInfo(field: field, term: $1) }
  }

  /// The word streams of `term` (over title and body); `docFreq` is then the documents holding
  /// it in any field.
  init(reader: IndexReader, wordStreamOf term: [UInt8]) {
    self.init(reader: reader, term: term) { $0.wordInfo(term: $1) }
  }

  private init(
    reader: IndexReader, term: [UInt8], lookUp: (SegmentReader, UnsafeRawBufferPointer) -> TermInfo?
  ) {
    var docFreq = 0
    infos = term.withUnsafeBytes { raw in
      reader.segments.map { segment in
        let info = lookUp(segment, raw)
        docFreq += info?.docFreq ?? 0
        return info
      }
    }
    self.docFreq = docFreq
  }

  /// Occurrences over all segments.
  var totalTermFreq: Int { infos.reduce(0) { $0 + ($1?.totalTermFreq ?? 0) } }
}
