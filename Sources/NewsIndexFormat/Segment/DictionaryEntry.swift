import NewsIndexCore

/// The one decoder of the term dictionary's entries (FileFormat.md, `.terms`), used by lookups
/// (``SegmentReader/termInfo(field:term:)``) and walks (``TermIterator``) alike:
/// `shared varint | suffix bytes | docFreq varint | totalTermFreq varint | postingsOffset varint |
/// positionsOffset varint`, the key front-coded against the entry before it in its block.
enum DictionaryEntry {
  /// Reads an entry's key part: how many bytes it shares with the previous key (at most
  /// `previousLength`), and its suffix (a view into the dictionary).
  @inline(__always)
  static func readKey(_ reader: inout ByteReader, previousLength: Int) throws(ByteReader.OutOfBounds) -> (
    shared: Int, suffix: UnsafeRawBufferPointer
  ) {
    let shared = try reader.readVarInt(limit: previousLength)
    return (shared, try reader.readLengthPrefixed())
  }

  /// Reads the entry's numbers, each checked against what `segment` holds.
  @inline(__always)
  static func readInfo(_ reader: inout ByteReader, of segment: SegmentReader) throws(ByteReader.OutOfBounds)
    -> TermInfo
  {
    TermInfo(
      docFreq: try reader.readVarInt(limit: segment.documentCount),
      totalTermFreq: try reader.readVarInt(limit: Int.max),
      postingsOffset: try reader.readVarInt(limit: segment.postingsPayload.count),
      positionsOffset: try reader.readVarInt(limit: segment.positionsPayload.count))
  }

  /// Steps over the entry's numbers (a lookup reads them only for the key it wants).
  @inline(__always)
  static func skipInfo(_ reader: inout ByteReader) throws(ByteReader.OutOfBounds) {
    for _ in 0..<4 { _ = try reader.readVarInt() }
  }
}
