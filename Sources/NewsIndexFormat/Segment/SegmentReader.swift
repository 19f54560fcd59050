#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
package import NewsIndexCore

/// Read access to one segment: term lookup, postings cursors, field lengths, stored fields.
///
/// Opening maps the five files and verifies their framing and checksums, so a damaged file is
/// reported here, before a query can read from it. The reader is immutable after opening and safe
/// to share between threads; cursors it hands out keep it alive.
package final class SegmentReader: @unchecked Sendable {
  package let info: SegmentInfo
  package let documentCount: Int

  let termsFile: MappedFile
  let postingsFile: MappedFile
  let positionsFile: MappedFile
  let normsFile: MappedFile
  let storeFile: MappedFile

  let termsPayload: UnsafeRawBufferPointer
  let postingsPayload: UnsafeRawBufferPointer
  let positionsPayload: UnsafeRawBufferPointer
  let normsPayload: UnsafeRawBufferPointer
  let storePayload: UnsafeRawBufferPointer

  /// First key of each dictionary block (as ranges into `termsPayload`) and the block's offset.
  private let blockFirstKeys: [Range<Int>]
  private let blockOffsets: [Int]
  private let blockIndexOffset: Int
  private let storeTableOffset: Int

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

    // Store trailer.
    let storeBytes = ByteReader(storePayload)
    let trailer = storePayload.count - PostingsFormat.storeTrailerByteCount
    guard trailer >= 0, let table = try? storeBytes.uint64(at: trailer),
      let storedDocs = try? storeBytes.uint32(at: trailer + 8), Int(storedDocs) == documentCount,
      table <= UInt64(trailer), UInt64(trailer) - table == UInt64(documentCount) * 8
    else {
      throw .corrupt(path: storeFile.path, byteOffset: FileEnvelope.headerByteCount + max(trailer, 0), reason: "bad stored-fields trailer")
    }
    storeTableOffset = Int(table)

    // Terms trailer and block index.
    let termsTrailer = termsPayload.count - PostingsFormat.termsTrailerByteCount
    let termsBytes = ByteReader(termsPayload)
    guard termsTrailer >= 0, let termCount = try? termsBytes.uint64(at: termsTrailer),
      let blockCount = try? termsBytes.uint32(at: termsTrailer + 8),
      let indexOffset = try? termsBytes.uint64(at: termsTrailer + 12), indexOffset <= UInt64(termsTrailer),
      termCount == UInt64(max(info.termCount, 0))
    else {
      throw .corrupt(path: termsFile.path, byteOffset: FileEnvelope.headerByteCount + max(termsTrailer, 0), reason: "bad term dictionary trailer")
    }
    blockIndexOffset = Int(indexOffset)
    var cursor = ByteReader(UnsafeRawBufferPointer(rebasing: termsPayload[0..<termsTrailer]), offset: blockIndexOffset)
    var firstKeys: [Range<Int>] = []
    var offsets: [Int] = []
    do {
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
  }

  // MARK: Terms

  /// Looks up `term` in `field`; nil when the segment does not contain it.
  package func termInfo(field: Field, term: UnsafeRawBufferPointer) -> TermInfo? {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: term.count + 1) { keyBuffer in
      keyBuffer[0] = field.rawValue
      for (k, byte) in term.enumerated() { keyBuffer[k + 1] = byte }
      let key = UnsafeRawBufferPointer(keyBuffer)
      // The last block whose first key is <= key.
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
      guard low > 0 else { return nil }
      return try? scanBlock(low - 1, for: key)
    }
  }

  private func scanBlock(_ block: Int, for key: UnsafeRawBufferPointer) throws -> TermInfo? {
    let end = block + 1 < blockOffsets.count ? blockOffsets[block + 1] : blockIndexOffset
    var reader = ByteReader(UnsafeRawBufferPointer(rebasing: termsPayload[0..<end]), offset: blockOffsets[block])
    var current: [UInt8] = []
    current.reserveCapacity(64)
    while !reader.isAtEnd {
      let shared = try reader.readVarInt(limit: current.count)
      let suffix = try reader.readLengthPrefixed()
      current.removeSubrange(shared...)
      current.append(contentsOf: suffix)
      let info = TermInfo(
        docFreq: try reader.readVarInt(limit: documentCount),
        totalTermFreq: try reader.readVarInt(limit: Int.max),
        postingsOffset: try reader.readVarInt(limit: postingsPayload.count),
        positionsOffset: try reader.readVarInt(limit: positionsPayload.count))
      let order = current.withUnsafeBytes { compare($0, key) }
      if order == 0 { return info }
      if order > 0 { return nil }
    }
    return nil
  }

  /// Calls `body` with every (field, term, info) in key order; stops early when it returns false.
  package func forEachTerm(_ body: (Field, UnsafeRawBufferPointer, TermInfo) -> Bool) throws(FormatError) {
    var reader = ByteReader(UnsafeRawBufferPointer(rebasing: termsPayload[0..<blockIndexOffset]))
    var key: [UInt8] = []
    do {
      while !reader.isAtEnd {
        if blockOffsets.contains(reader.offset) { key.removeAll(keepingCapacity: true) }
        let shared = try reader.readVarInt(limit: key.count)
        let suffix = try reader.readLengthPrefixed()
        key.removeSubrange(shared...)
        key.append(contentsOf: suffix)
        let info = TermInfo(
          docFreq: try reader.readVarInt(limit: documentCount), totalTermFreq: try reader.readVarInt(limit: Int.max),
          postingsOffset: try reader.readVarInt(limit: postingsPayload.count),
          positionsOffset: try reader.readVarInt(limit: positionsPayload.count))
        guard let first = key.first, let field = Field(rawValue: first) else {
          throw ByteReader.OutOfBounds(byteOffset: reader.offset, byteCount: 0)
        }
        let keepGoing = key.withUnsafeBytes { body(field, UnsafeRawBufferPointer(rebasing: $0[1...]), info) }
        if !keepGoing { return }
      }
    } catch {
      throw .corrupt(path: termsFile.path, byteOffset: FileEnvelope.headerByteCount + reader.offset, reason: "bad term entry")
    }
  }

  // MARK: Postings

  /// A cursor over the postings of a term found by ``termInfo(field:term:)``.
  package func postings(_ info: TermInfo) -> PostingsCursor {
    PostingsCursor(segment: self, info: info)
  }

  // MARK: Norms and stored fields

  /// Tokens of `field` in document `docID`.
  @inline(__always) package func fieldLength(_ field: Field, _ docID: DocID) -> UInt32 {
    let offset = 8 + (Int(field.rawValue) * documentCount + Int(docID)) * 4
    return UInt32(littleEndian: normsPayload.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }

  /// A reader positioned on the stored record of `docID`, its offset checked against the table.
  private func recordReader(_ docID: DocID, _ reader: ByteReader) throws(ByteReader.OutOfBounds) -> ByteReader {
    let entry = storeTableOffset + Int(docID) * 8
    let start = try reader.uint64(at: entry)
    guard start <= UInt64(storeTableOffset) else { throw ByteReader.OutOfBounds(byteOffset: entry, byteCount: 8) }
    return ByteReader(UnsafeRawBufferPointer(rebasing: storePayload[0..<storeTableOffset]), offset: Int(start))
  }

  /// Reads only the stored `id` of `docID` (what run files print), without decoding the rest.
  package func storedID(_ docID: DocID) throws(FormatError) -> String {
    precondition(Int(docID) < documentCount, "doc id out of range")
    let reader = ByteReader(storePayload)
    do {
      var fields = try recordReader(docID, reader)
      return try fields.readLengthPrefixedString()
    } catch {
      throw .corrupt(path: storeFile.path, byteOffset: FileEnvelope.headerByteCount + error.byteOffset, reason: "bad stored document \(docID)")
    }
  }

  /// Reads the stored fields of `docID`.
  package func storedDocument(_ docID: DocID) throws(FormatError) -> ExtractedDocument {
    precondition(Int(docID) < documentCount, "doc id out of range")
    let reader = ByteReader(storePayload)
    do {
      var fields = try recordReader(docID, reader)
      return ExtractedDocument(
        id: try fields.readLengthPrefixedString(), path: try fields.readLengthPrefixedString(),
        title: try fields.readLengthPrefixedString(), date: try fields.readLengthPrefixedString(),
        byline: try fields.readLengthPrefixedString(), body: try fields.readLengthPrefixedString())
    } catch {
      throw .corrupt(path: storeFile.path, byteOffset: FileEnvelope.headerByteCount + error.byteOffset, reason: "bad stored document \(docID)")
    }
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
