/// Constants of the postings layout, shared by writer and reader.
package enum PostingsFormat {
  /// Documents per postings block; each block has one skip entry.
  package static let blockSize = 128
  /// Term entries per front-coded block of the term dictionary.
  package static let termsPerBlock = 32
  /// Bytes of the fixed trailer at the end of the `.terms` payload.
  static let termsTrailerByteCount = 20
}

/// Where one term's data lies, as the dictionary records it.
package struct TermInfo: Sendable, Equatable {
  /// Documents containing the term (in this segment).
  package var docFreq: Int
  /// Occurrences of the term in all documents (in this segment).
  package var totalTermFreq: Int
  /// Byte offset of the term's skip table in the `.doc` payload.
  package var postingsOffset: Int
  /// Byte offset of the term's first position in the `.pos` payload.
  package var positionsOffset: Int
}
