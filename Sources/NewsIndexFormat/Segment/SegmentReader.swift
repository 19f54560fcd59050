import CZstd
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
package import NewsIndexCore

/// Read access to one segment: term lookup, postings cursors, field lengths, stored fields.
///
/// Opening maps the five files (six with `.dv`) and verifies their framing and checksums, so a damaged file is
/// reported here, before a query can read from it. The reader is immutable after opening and safe
/// to share between threads; cursors it hands out keep it alive.
package final class SegmentReader: @unchecked Sendable {
  package let info: SegmentInfo
  package let documentCount: Int
  /// One bit per document, set when deleted; empty when the segment has no deletions.
  private let deleted: [UInt64]
  /// Whether any document of the segment is deleted (searches check ``isDeleted(_:)`` only then).
  package let hasDeletions: Bool

  let termsFile: MappedFile
  let postingsFile: MappedFile
  let positionsFile: MappedFile
  let normsFile: MappedFile
  let storeFile: MappedFile
  /// The `.dv` file; nil for a segment written before document values existed.
  let valuesFile: MappedFile?

  let termsPayload: UnsafeRawBufferPointer
  let postingsPayload: UnsafeRawBufferPointer
  let positionsPayload: UnsafeRawBufferPointer
  let normsPayload: UnsafeRawBufferPointer
  let storePayload: UnsafeRawBufferPointer
  /// Empty when the segment has no `.dv` file.
  let valuesPayload: UnsafeRawBufferPointer
  /// Whether the segment has a `.dv` file: dates and duplicate signatures of its documents.
  /// Without one, every document's date is unknown and it has no signatures.
  package let hasDocumentValues: Bool
  /// The `.tv` file; nil for a segment written before term vectors existed.
  let termVectorsFile: MappedFile?
  /// Empty when the segment has no `.tv` file.
  let termVectorsPayload: UnsafeRawBufferPointer
  let termVectorTableOffset: Int
  /// Whether the segment has a `.tv` file (``termVector(_:ordinals:counts:)``).
  package let hasTermVectors: Bool
  /// Columns of the `.dv` file (0 without one).
  let valueColumnCount: Int

  /// First key of each dictionary block (as ranges into `termsPayload`) and the block's offset.
  let blockFirstKeys: [Range<Int>]
  private let blockOffsets: [Int]
  private let blockIndexOffset: Int
  /// Words with a word stream (dictionary entries after the fields' terms).
  package let wordCount: Int
  /// Entries of the fields' terms (the words' entries follow them).
  let fieldTermCount: Int
  private let storeIDsOffset: Int
  private let storeIDOffsetsOffset: Int
  private let storeBlockIndexOffset: Int
  private let storeBlockCount: Int

  /// Maps and verifies the segment's files.
  /// - Throws: ``FormatError`` naming the first file that is missing, truncated or damaged.
  package init(opening directory: IndexDirectory, info: SegmentInfo) throws(FormatError) {
    self.info = info
    func open(_ kind: IndexFileKind) throws(FormatError) -> (MappedFile, UnsafeRawBufferPointer) {
      let path = directory.filePath(info.fileName(kind))
      let file = try MappedFile(path: path)
      let payload = try FileEnvelope.validate(file.bytes, kind: kind, path: path)
      return (file, UnsafeRawBufferPointer(rebasing: file.bytes[payload]))
    }
    (termsFile, termsPayload) = try open(.terms)
    (postingsFile, postingsPayload) = try open(.postings)
    (positionsFile, positionsPayload) = try open(.positions)
    (normsFile, normsPayload) = try open(.norms)
    (storeFile, storePayload) = try open(.store)

    // Norms header.
    let norms = ByteReader(normsPayload)
    let normsDocs = Int((try? norms.uint32(at: 0)) ?? UInt32.max)
    let normsFields = Int((try? norms.uint32(at: 4)) ?? 0)
    guard normsDocs == info.documentCount, normsFields == Field.allCases.count,
      normsPayload.count == 8 + normsDocs * normsFields * 4
    else {
      throw .corrupt(path: normsFile.path, byteOffset: FileEnvelope.headerByteCount, reason: "norms do not match the commit")
    }
    documentCount = normsDocs

    // Document values: optional, listed by the commit when written.
    if info.fileByteCounts[IndexFileKind.documentValues.fileExtension] != nil {
      let (file, payload) = try open(.documentValues)
      valueColumnCount = try DocumentValuesFormat.validate(payload, documentCount: normsDocs, path: file.path)
      (valuesFile, valuesPayload, hasDocumentValues) = (file, payload, true)
    } else {
      valueColumnCount = 0
      (valuesFile, valuesPayload, hasDocumentValues) = (nil, UnsafeRawBufferPointer(start: nil, count: 0), false)
    }
    var bits: [UInt64] = []
    if let deletions = info.deletedDocuments, !deletions.isEmpty {
      bits = Array(repeating: 0, count: (normsDocs + 63) / 64)
      for doc in deletions where Int(doc) < normsDocs { bits[Int(doc) >> 6] |= 1 << UInt64(doc & 63) }
    }
    deleted = bits
    hasDeletions = !bits.isEmpty

    // Store trailer: ids, id offsets, block index.
    let storeBytes = ByteReader(storePayload)
    let trailer = storePayload.count - StoreFormat.trailerByteCount
    guard trailer >= 0, let idsOffset = try? storeBytes.uint64(at: trailer),
      let idOffsetsOffset = try? storeBytes.uint64(at: trailer + 8),
      let storeIndex = try? storeBytes.uint64(at: trailer + 16),
      let blockCount = try? storeBytes.uint32(at: trailer + 24),
      let storedDocs = try? storeBytes.uint32(at: trailer + 28), Int(storedDocs) == documentCount,
      idsOffset <= idOffsetsOffset, idOffsetsOffset <= storeIndex, storeIndex <= UInt64(trailer),
      storeIndex - idOffsetsOffset == UInt64(documentCount + 1) * 4,
      UInt64(trailer) - storeIndex == UInt64(blockCount) * UInt64(StoreFormat.blockEntryByteCount)
    else {
      throw .corrupt(path: storeFile.path, byteOffset: FileEnvelope.headerByteCount + max(trailer, 0), reason: "bad stored-fields trailer")
    }
    storeIDsOffset = Int(idsOffset)
    storeIDOffsetsOffset = Int(idOffsetsOffset)
    storeBlockIndexOffset = Int(storeIndex)
    storeBlockCount = Int(blockCount)

    // Terms trailer and block index.
    let termsTrailer = termsPayload.count - PostingsFormat.termsTrailerByteCount
    let termsBytes = ByteReader(termsPayload)
    guard termsTrailer >= 0, let termCount = try? termsBytes.uint64(at: termsTrailer),
      let blockCount = try? termsBytes.uint32(at: termsTrailer + 8),
      let indexOffset = try? termsBytes.uint64(at: termsTrailer + 12), indexOffset <= UInt64(termsTrailer),
      let words = try? termsBytes.uint64(at: termsTrailer + 20), words <= UInt64(termsTrailer),
      termCount == UInt64(max(info.termCount, 0))
    else {
      throw .corrupt(path: termsFile.path, byteOffset: FileEnvelope.headerByteCount + max(termsTrailer, 0), reason: "bad term dictionary trailer")
    }
    blockIndexOffset = Int(indexOffset)
    wordCount = Int(words)
    var cursor = ByteReader(UnsafeRawBufferPointer(rebasing: termsPayload[0..<termsTrailer]), offset: blockIndexOffset)
    var firstKeys: [Range<Int>] = []
    var offsets: [Int] = []
    do throws(ByteReader.OutOfBounds) {
      for _ in 0..<blockCount {
        let length = try cursor.readVarInt(limit: cursor.remaining)
        firstKeys.append(cursor.offset..<(cursor.offset + length))
        cursor.offset += length
        offsets.append(try cursor.readVarInt(limit: blockIndexOffset))
      }
    } catch {
      throw .corrupt(path: termsFile.path, byteOffset: FileEnvelope.headerByteCount + error.byteOffset, reason: "bad term block index")
    }
    blockFirstKeys = firstKeys
    blockOffsets = offsets
    fieldTermCount = Int(termCount)

    // Term vectors: optional, listed by the commit when written.
    if info.fileByteCounts[IndexFileKind.termVectors.fileExtension] != nil {
      let (file, payload) = try open(.termVectors)
      termVectorTableOffset = try TermVectorFormat.validate(
        payload, documentCount: normsDocs, wordCount: wordCount, path: file.path)
      (termVectorsFile, termVectorsPayload, hasTermVectors) = (file, payload, true)
    } else {
      termVectorTableOffset = 0
      (termVectorsFile, termVectorsPayload, hasTermVectors) = (nil, UnsafeRawBufferPointer(start: nil, count: 0), false)
    }
  }

  /// Where the `.tv` file is (or would be).
  var termVectorsPath: String { termVectorsFile?.path ?? info.fileName(.termVectors) }

  // MARK: Terms

  /// Looks up `term` in `field`; nil when the segment does not contain it.
  package func termInfo(field: Field, term: UnsafeRawBufferPointer) -> TermInfo? {
    dictionaryEntry(keyByte: field.rawValue, term: term)
  }

  /// Looks up the word stream of `term` (its postings over title and body, FileFormat.md);
  /// nil when neither field of the segment contains it.
  package func wordInfo(term: UnsafeRawBufferPointer) -> TermInfo? {
    dictionaryEntry(keyByte: PostingsFormat.wordStreamKeyByte, term: term)
  }

  private func dictionaryEntry(keyByte: UInt8, term: UnsafeRawBufferPointer) -> TermInfo? {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: term.count + 1) { keyBuffer in
      keyBuffer[0] = keyByte
      for (k, byte) in term.enumerated() { keyBuffer[k + 1] = byte }
      let key = UnsafeRawBufferPointer(keyBuffer)
      let following = blocksStarting(atOrBefore: key)
      guard following > 0 else { return nil }
      return try? scanBlock(following - 1, for: key)
    }
  }

  /// Walks one front-coded dictionary block for `key`. The current key is rebuilt in a buffer
  /// on the stack (a key longer than the buffer ends the scan as "absent", which only a damaged
  /// dictionary could cause: keys are capped by the analyzer) and the entry's numbers are read
  /// only when the key matches.
  private func scanBlock(_ block: Int, for key: UnsafeRawBufferPointer) throws -> TermInfo? {
    let end = block + 1 < blockOffsets.count ? blockOffsets[block + 1] : blockIndexOffset
    var reader = ByteReader(UnsafeRawBufferPointer(rebasing: termsPayload[0..<end]), offset: blockOffsets[block])
    return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { current -> TermInfo? in
      var length = 0
      while !reader.isAtEnd {
        let (shared, suffix) = try DictionaryEntry.readKey(&reader, previousLength: length)
        guard shared + suffix.count <= current.count else { return nil }
        if let source = suffix.baseAddress, !suffix.isEmpty {
          UnsafeMutableRawPointer(current.baseAddress! + shared).copyMemory(from: source, byteCount: suffix.count)
        }
        length = shared + suffix.count
        let order = compare(UnsafeRawBufferPointer(start: current.baseAddress, count: length), key)
        if order > 0 { return nil }
        if order == 0 { return try DictionaryEntry.readInfo(&reader, of: self) }
        try DictionaryEntry.skipInfo(&reader)
      }
      return nil
    }
  }

  /// Calls `body` with every (field, term, info) in key order; stops early when it returns false.
  package func forEachTerm(_ body: (Field, UnsafeRawBufferPointer, TermInfo) -> Bool) throws(FormatError) {
    var terms = TermIterator(self)
    while try terms.next() {
      let keepGoing = terms.key.withUnsafeBytes { key in
        body(terms.field, UnsafeRawBufferPointer(rebasing: key[1...]), terms.info)
      }
      if !keepGoing { return }
    }
  }

  /// Calls `body` with every word stream's (term, info) in key order; stops early when it returns
  /// false.
  package func forEachWord(_ body: (UnsafeRawBufferPointer, TermInfo) -> Bool) throws(FormatError) {
    var terms = TermIterator(self, words: true)
    while try terms.next() {
      let keepGoing = terms.key.withUnsafeBytes { key in
        body(UnsafeRawBufferPointer(rebasing: key[1...]), terms.info)
      }
      if !keepGoing { return }
    }
  }

  /// Whether document `docID` was deleted after the segment was written.
  @inline(__always) package func isDeleted(_ docID: DocID) -> Bool {
    hasDeletions && deleted[Int(docID) >> 6] & (1 << UInt64(docID & 63)) != 0
  }

  /// The dictionary block that holds `key` if the segment has it: the last block whose first key
  /// is at most `key` (0 when every block starts after it).
  func termBlock(atOrBefore key: [UInt8]) -> Int {
    key.withUnsafeBytes { key in max(0, blocksStarting(atOrBefore: key) - 1) }
  }

  /// How many dictionary blocks start at or before `key` (binary search over their first keys).
  private func blocksStarting(atOrBefore key: UnsafeRawBufferPointer) -> Int {
    var low = 0
    var high = blockFirstKeys.count
    while low < high {
      let mid = (low + high) / 2
      if compare(UnsafeRawBufferPointer(rebasing: termsPayload[blockFirstKeys[mid]]), key) <= 0 {
        low = mid + 1
      } else {
        high = mid
      }
    }
    return low
  }

  /// Payload offsets of the dictionary's blocks, ascending (for ``TermIterator``).
  var termBlockOffsets: [Int] { blockOffsets }

  /// End of the dictionary's entries (where its block index starts), in payload bytes.
  var termEntriesEnd: Int { blockIndexOffset }

  // MARK: Postings

  /// A cursor over the postings of a term found by ``termInfo(field:term:)``.
  package func postings(_ info: TermInfo) -> PostingsCursor {
    PostingsCursor(segment: self, info: info)
  }

  // MARK: Norms and stored fields

  /// The column of `field`'s lengths (tokens per document, little-endian `UInt32` at
  /// `docID * 4`), for scorers that read one per document: ``fieldLength(_:_:)`` without the
  /// call and the offset arithmetic.
  package func fieldLengthColumn(_ field: Field) -> UnsafeRawPointer {
    normsPayload.baseAddress! + 8 + Int(field.rawValue) * documentCount * 4
  }

  /// Tokens of `field` in document `docID`.
  @inline(__always) package func fieldLength(_ field: Field, _ docID: DocID) -> UInt32 {
    UInt32(littleEndian: fieldLengthColumn(field).loadUnaligned(fromByteOffset: Int(docID) * 4, as: UInt32.self))
  }

  /// The date of `docID` in seconds since 1970, ``DocumentDate/unknown`` when it has none.
  @inline(__always) package func date(_ docID: DocID) -> Int64 {
    guard hasDocumentValues else { return DocumentDate.unknown }
    return Int64(bitPattern: DocumentValuesFormat.value(valuesPayload, column: 0, docID: Int(docID), documentCount: documentCount))
  }

  /// Every value of `docID` (``DocumentValues/absent`` without a `.dv` file).
  package func documentValues(_ docID: DocID) -> DocumentValues {
    guard hasDocumentValues else { return .absent }
    func column(_ k: Int) -> UInt64 {
      DocumentValuesFormat.value(valuesPayload, column: k, docID: Int(docID), documentCount: documentCount)
    }
    return DocumentValues(
      date: Int64(bitPattern: column(0)), exactHash: column(1), simHash: column(2),
      sourceKey: valueColumnCount > 3 ? column(3) : 0, languageCode: valueColumnCount > 4 ? column(4) : 0)
  }

  /// The ``DocumentValues/languageCode`` of `docID`: 0 when its language is unknown or the
  /// segment predates the column.
  @inline(__always) package func languageCode(_ docID: DocID) -> UInt64 {
    guard valueColumnCount > 4 else { return 0 }
    return DocumentValuesFormat.value(valuesPayload, column: 4, docID: Int(docID), documentCount: documentCount)
  }

  /// The ``DocumentValues/sourceKey`` of `docID`: 0 when it has no source or the segment
  /// predates the column.
  @inline(__always) package func sourceKey(_ docID: DocID) -> UInt64 {
    guard valueColumnCount > 3 else { return 0 }
    return DocumentValuesFormat.value(valuesPayload, column: 3, docID: Int(docID), documentCount: documentCount)
  }

  /// Reads only the stored `id` of `docID` (what run files print), without decompressing anything.
  package func storedID(_ docID: DocID) throws(FormatError) -> String {
    precondition(Int(docID) < documentCount, "doc id out of range")
    let reader = ByteReader(storePayload)
    do throws(ByteReader.OutOfBounds) {
      let entry = storeIDOffsetsOffset + Int(docID) * 4
      let start = Int(try reader.uint32(at: entry))
      guard storeIDsOffset + start < storeIDOffsetsOffset else {
        throw ByteReader.OutOfBounds(byteOffset: entry, byteCount: 4)
      }
      var ids = ByteReader(UnsafeRawBufferPointer(rebasing: storePayload[0..<storeIDOffsetsOffset]), offset: storeIDsOffset + start)
      return try ids.readLengthPrefixedString()
    } catch {
      throw .corrupt(path: storeFile.path, byteOffset: FileEnvelope.headerByteCount + error.byteOffset, reason: "bad stored id of document \(docID)")
    }
  }

  /// One compressed stored-fields block as it lies in the file, for merges that copy blocks.
  package struct StoredBlock {
    package var firstDocument: Int
    package var documentCount: Int
    package var compressed: UnsafeRawBufferPointer
    package var rawByteCount: Int
  }

  /// Calls `body` with every compressed stored-fields block in order, without decompressing.
  package func forEachStoredBlock(_ body: (StoredBlock) throws(FormatError) -> Void) throws(FormatError) {
    for block in 0..<storeBlockCount { try body(try storedBlock(block)) }
  }

  /// Calls `body` with every stored document in order, decompressing each block once.
  package func forEachStoredDocument(_ body: (DocID, ExtractedDocument) throws(FormatError) -> Void) throws(FormatError) {
    var docID: DocID = 0
    for block in 0..<storeBlockCount {
      let stored = try storedBlock(block)
      guard stored.firstDocument == Int(docID) else { throw storeCorrupt(blockEntry(block), "stored-fields block \(block) out of order") }
      let raw = try decompress(stored, block: block)
      var documents: [ExtractedDocument] = []
      let ok = raw.withUnsafeBytes { bytes -> Bool in
        var fields = ByteReader(bytes)
        for _ in 0..<stored.documentCount {
          guard let document = try? Self.readRecord(&fields, id: "") else { return false }
          documents.append(document)
        }
        return true
      }
      guard ok else { throw storeCorrupt(blockEntry(block), "bad records in stored-fields block \(block)") }
      for var document in documents {
        document.id = try storedID(docID)
        try body(docID, document)
        docID += 1
      }
    }
    guard Int(docID) == documentCount else {
      throw storeCorrupt(storeBlockIndexOffset, "stored-fields blocks cover \(docID) of \(documentCount) documents")
    }
  }

  /// Reads the stored fields of `docID`, decompressing the block that holds them.
  package func storedDocument(_ docID: DocID) throws(FormatError) -> ExtractedDocument {
    let id = try storedID(docID)
    let reader = ByteReader(storePayload)
    // The last block whose first document is <= docID.
    var low = 0
    var high = storeBlockCount
    while low < high {
      let mid = (low + high) / 2
      let first = (try? reader.uint32(at: blockEntry(mid))) ?? UInt32.max
      if first <= docID { low = mid + 1 } else { high = mid }
    }
    guard low > 0 else { throw storeCorrupt(storeBlockIndexOffset, "bad stored document \(docID)") }
    let stored = try storedBlock(low - 1)
    let raw = try decompress(stored, block: low - 1)
    let document: ExtractedDocument? = raw.withUnsafeBytes { bytes in
      var fields = ByteReader(bytes)
      for _ in stored.firstDocument..<Int(docID) {
        for _ in 0..<StoreFormat.fieldsPerRecord { guard (try? fields.readLengthPrefixed()) != nil else { return nil } }
      }
      return try? Self.readRecord(&fields, id: id)
    }
    guard let document else { throw storeCorrupt(blockEntry(low - 1), "bad stored document \(docID)") }
    return document
  }

  // MARK: Stored-field blocks

  /// Payload offset of block `block`'s entry in the block index.
  private func blockEntry(_ block: Int) -> Int { storeBlockIndexOffset + block * StoreFormat.blockEntryByteCount }

  private func storeCorrupt(_ offset: Int, _ reason: String) -> FormatError {
    .corrupt(path: storeFile.path, byteOffset: FileEnvelope.headerByteCount + offset, reason: reason)
  }

  /// Block `block` as its index entry describes it, checked against the file's layout.
  private func storedBlock(_ block: Int) throws(FormatError) -> StoredBlock {
    let reader = ByteReader(storePayload)
    let entry = blockEntry(block)
    guard let firstDoc = try? reader.uint32(at: entry), let offset = try? reader.uint64(at: entry + 4),
      let compressedSize = try? reader.uint32(at: entry + 12), let rawSize = try? reader.uint32(at: entry + 16),
      offset + UInt64(compressedSize) <= UInt64(storeIDsOffset), rawSize <= 1 << 30
    else { throw storeCorrupt(entry, "bad stored-fields block \(block)") }
    let nextFirst = block + 1 < storeBlockCount
      ? Int((try? reader.uint32(at: blockEntry(block + 1))) ?? UInt32(documentCount))
      : documentCount
    guard Int(firstDoc) <= nextFirst, nextFirst <= documentCount else {
      throw storeCorrupt(entry, "bad stored-fields block \(block)")
    }
    return StoredBlock(
      firstDocument: Int(firstDoc), documentCount: nextFirst - Int(firstDoc),
      compressed: UnsafeRawBufferPointer(rebasing: storePayload[Int(offset)..<(Int(offset) + Int(compressedSize))]),
      rawByteCount: Int(rawSize))
  }

  /// The raw records of a block (`ZSTD_decompress`).
  private func decompress(_ stored: StoredBlock, block: Int) throws(FormatError) -> [UInt8] {
    var raw = [UInt8](repeating: 0, count: stored.rawByteCount)
    let produced = raw.withUnsafeMutableBytes { out in
      ZSTD_decompress(out.baseAddress, out.count, stored.compressed.baseAddress, stored.compressed.count)
    }
    guard ZSTD_isError(produced) == 0, produced == stored.rawByteCount else {
      throw storeCorrupt(blockEntry(block), "stored-fields block \(block) does not decompress")
    }
    return raw
  }

  /// One record: path, title, date, byline, body, source (the id lives in the id table).
  private static func readRecord(_ fields: inout ByteReader, id: String) throws(ByteReader.OutOfBounds) -> ExtractedDocument {
    var document = ExtractedDocument(
      id: id, path: try fields.readLengthPrefixedString(), title: try fields.readLengthPrefixedString(),
      date: try fields.readLengthPrefixedString(), byline: try fields.readLengthPrefixedString(),
      body: try fields.readLengthPrefixedString())
    document.source = try fields.readLengthPrefixedString()
    return document
  }
}

/// Byte-wise comparison, shorter first on a common prefix: the dictionary's key order.
@inline(__always) func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
  let common = min(a.count, b.count)
  if common > 0 {
    let order = memcmp(a.baseAddress!, b.baseAddress!, common)
    if order != 0 { return Int(order) }
  }
  return a.count - b.count
}
