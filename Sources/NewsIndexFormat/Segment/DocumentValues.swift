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
  /// ``sourceKey(_:)`` of the document's source (agency or publisher), 0 when it has none or
  /// the segment was written before the column existed: what `--facet source` counts.
  package var sourceKey: UInt64 = 0
  /// ``languageCode(_:)`` of the document's language, 0 when unknown or the segment was written
  /// before the column existed: what `--facet language` counts.
  package var languageCode: UInt64 = 0

  package init(
    date: Int64, exactHash: UInt64 = 0, simHash: UInt64 = 0, sourceKey: UInt64 = 0, languageCode: UInt64 = 0
  ) {
    self.date = date
    self.exactHash = exactHash
    self.simHash = simHash
    self.sourceKey = sourceKey
    self.languageCode = languageCode
  }

  /// A language tag (`en`, `pt`) packed into 8 bytes, first byte lowest; tags are ASCII and
  /// short, longer ones are cut to 8 bytes. 0 for an empty tag.
  package static func languageCode(_ tag: String) -> UInt64 {
    var code: UInt64 = 0
    for (i, byte) in tag.utf8.prefix(8).enumerated() { code |= UInt64(byte) << (8 * UInt64(i)) }
    return code
  }

  /// The tag of a ``languageCode(_:)``.
  package static func languageTag(_ code: UInt64) -> String {
    var bytes: [UInt8] = []
    var rest = code
    while rest != 0 {
      bytes.append(UInt8(rest & 0xFF))
      rest >>= 8
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A 64-bit FNV-1a hash of `source`'s UTF-8 bytes, never 0 for a non-empty source; 0 for an
  /// empty one. The name of a key is read back from any document that has it.
  package static func sourceKey(_ source: String) -> UInt64 {
    guard !source.isEmpty else { return 0 }
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in source.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    return h == 0 ? 1 : h
  }

  /// The values of a segment written before `.dv` files existed: unknown date, no signatures.
  package static let absent = DocumentValues(date: DocumentDate.unknown)

  /// The date of `document` read from its ISO 8601 text; no signatures.
  package init(dateOf document: ExtractedDocument) {
    self.init(date: DocumentDate.seconds(from: document.date))
  }
}

/// Constants of the `.dv` layout: `documentCount u32 | columnCount u32 | date i64{n} |
/// exactHash u64{n} | simHash u64{n} [| sourceKey u64{n} | languageCode u64{n}]` (column-major,
/// like `.norms`).
package enum DocumentValuesFormat {
  /// The columns a reader needs; files with more are accepted (the fourth and fifth,
  /// `sourceKey` and `languageCode`, were added later and read as 0 when absent).
  package static let columnCount = 3
  /// The columns this version writes.
  package static let writtenColumnCount = 5
  static let headerByteCount = 8

  /// The payload for `values`.
  static func encode(_ values: [DocumentValues]) -> ByteWriter {
    var bytes = ByteWriter(reservingCapacity: headerByteCount + values.count * 8 * writtenColumnCount)
    bytes.appendUInt32(UInt32(values.count))
    bytes.appendUInt32(UInt32(writtenColumnCount))
    for value in values { bytes.appendUInt64(UInt64(bitPattern: value.date)) }
    for value in values { bytes.appendUInt64(value.exactHash) }
    for value in values { bytes.appendUInt64(value.simHash) }
    for value in values { bytes.appendUInt64(value.sourceKey) }
    for value in values { bytes.appendUInt64(value.languageCode) }
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
      let columns = try validate(payload, documentCount: info.documentCount, path: path)
      let n = info.documentCount
      return (0..<n).map { doc in
        DocumentValues(
          date: Int64(bitPattern: value(payload, column: 0, docID: doc, documentCount: n)),
          exactHash: value(payload, column: 1, docID: doc, documentCount: n),
          simHash: value(payload, column: 2, docID: doc, documentCount: n),
          sourceKey: columns > 3 ? value(payload, column: 3, docID: doc, documentCount: n) : 0,
          languageCode: columns > 4 ? value(payload, column: 4, docID: doc, documentCount: n) : 0)
      }
    }
  }
}
