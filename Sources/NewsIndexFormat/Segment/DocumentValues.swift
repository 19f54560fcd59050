package import NewsIndexCore

/// The fixed-width values a segment keeps per document in its `.dv` file: what date filters,
/// date sorting, recency and duplicate detection read without touching stored fields.
package struct DocumentValues: Sendable, Equatable {
  /// Seconds since 1970 (UTC), ``DocumentDate/unknown`` when the document has no readable date.
  package var date: Int64
  /// Hash of the document's normalized text, equal for exact duplicates; 0 when the document has
  /// no text to compare.
  package var exactHash: UInt64
  /// 64-bit SimHash of the text's word shingles; near-duplicates differ in few bits. 0 when the
  /// text is too short for near-duplicate detection.
  package var simHash: UInt64

  package init(date: Int64, exactHash: UInt64 = 0, simHash: UInt64 = 0) {
    self.date = date
    self.exactHash = exactHash
    self.simHash = simHash
  }

  /// The values of a segment written before `.dv` files existed: unknown date, no signatures.
  package static let absent = DocumentValues(date: DocumentDate.unknown)

  /// The date of `document` read from its ISO 8601 text; no signatures.
  package init(dateOf document: ExtractedDocument) {
    self.init(date: DocumentDate.seconds(from: document.date))
  }
}

/// Constants of the `.dv` layout: `documentCount u32 | columnCount u32 | date i64{n} |
/// exactHash u64{n} | simHash u64{n}` (column-major, like `.norms`).
package enum DocumentValuesFormat {
  /// The columns this version writes; a reader accepts files with at least these.
  package static let columnCount = 3
  static let headerByteCount = 8

  /// The payload for `values`.
  static func encode(_ values: [DocumentValues]) -> ByteWriter {
    var bytes = ByteWriter(reservingCapacity: headerByteCount + values.count * 8 * columnCount)
    bytes.appendUInt32(UInt32(values.count))
    bytes.appendUInt32(UInt32(columnCount))
    for value in values { bytes.appendUInt64(UInt64(bitPattern: value.date)) }
    for value in values { bytes.appendUInt64(value.exactHash) }
    for value in values { bytes.appendUInt64(value.simHash) }
    return bytes
  }

  /// Checks the payload's header against the segment's document count.
  /// - Returns: the number of columns.
  static func validate(_ payload: UnsafeRawBufferPointer, documentCount: Int, path: String)
    throws(FormatError) -> Int
  {
    let reader = ByteReader(payload)
    let count = Int((try? reader.uint32(at: 0)) ?? UInt32.max)
    let columns = Int((try? reader.uint32(at: 4)) ?? 0)
    guard count == documentCount, columns >= columnCount,
      payload.count == headerByteCount + count * columns * 8
    else {
      throw .corrupt(
        path: path, byteOffset: FileEnvelope.headerByteCount,
        reason: "document values do not match the commit (\(count) documents, \(columns) columns)")
    }
    return columns
  }

  /// Value `column` of `docID` in a validated payload.
  @inline(__always) static func value(
    _ payload: UnsafeRawBufferPointer, column: Int, docID: Int, documentCount: Int
  ) -> UInt64 {
    UInt64(
      littleEndian: payload.loadUnaligned(
        fromByteOffset: headerByteCount + (column * documentCount + docID) * 8, as: UInt64.self))
  }

  /// Maps and verifies only the `.dv` file of `info` and returns every document's values (for
  /// the duplicate table, which needs no other file); ``DocumentValues/absent`` for each document
  /// when the segment has no `.dv` file.
  package static func readAll(directory: IndexDirectory, info: SegmentInfo) throws(FormatError)
    -> [DocumentValues]
  {
    guard info.fileByteCounts[IndexFileKind.documentValues.fileExtension] != nil else {
      return Array(repeating: .absent, count: info.documentCount)
    }
    let path = directory.filePath(info.fileName(.documentValues))
    let file = try MappedFile(path: path)
    // The map lives until the values are copied out.
    return try withExtendedLifetime(file) { () throws(FormatError) -> [DocumentValues] in
      let range = try FileEnvelope.validate(file.bytes, kind: .documentValues, path: path)
      let payload = UnsafeRawBufferPointer(rebasing: file.bytes[range])
      _ = try validate(payload, documentCount: info.documentCount, path: path)
      let n = info.documentCount
      return (0..<n).map { doc in
        DocumentValues(
          date: Int64(bitPattern: value(payload, column: 0, docID: doc, documentCount: n)),
          exactHash: value(payload, column: 1, docID: doc, documentCount: n),
          simHash: value(payload, column: 2, docID: doc, documentCount: n))
      }
    }
  }
}
