package import NewsIndexCore

/// The `.tv` file: per document, the words of its title and body with their counts (a forward
/// index, Lucene's term vectors without positions), so relevance feedback and "more like this"
/// read a document's terms without decompressing and re-analysing its stored text.
///
/// A word is its *ordinal*: its rank among the segment's word streams (the dictionary's entries
/// keyed `0xFF`, in key order), which ``SegmentReader/word(ordinal:)`` turns back into bytes. Its
/// count is `tf(title) + tf(body)`, tokens as indexed. Layout (FileFormat.md, `.tv`):
///
/// ```
/// per document: n varint | first ordinal varint (when n > 0)
///               | gaps: width u8, (n − 1) × (gap − 1) in `width` bits | counts: width u8, n × (count − 1)
/// offsets:      (documents + 1) × u64, where each document's record starts (the last: the end)
/// trailer:      offsets' offset u64 | documents u32 | words u32
/// ```
package enum TermVectorFormat {
  static let trailerByteCount = 16

  /// Appends `values` as their bit width (a byte) and the values at that width, low bits first,
  /// padded to a byte: a document's gaps between word ordinals and its counts are mostly small
  /// (counts mostly 1), so this takes about half the bytes of varints.
  static func appendPacked(_ values: [UInt32], to out: inout ByteWriter) {
    values.withUnsafeBufferPointer { values in
      let width = BitPacking.width(of: values)
      var packed: [UInt8] = [UInt8(width)]
      BitPacking.pack(values, width: width, into: &packed)
      out.append(contentsOf: packed)
    }
  }

  /// Reads `count` values written by ``appendPacked(_:to:)``, calling `body` with each.
  static func readPacked(
    _ reader: inout ByteReader, count: Int, _ body: (UInt32) throws(ByteReader.OutOfBounds) -> Void
  ) throws(ByteReader.OutOfBounds) {
    let width = Int(try reader.readByte())
    guard width <= 32 else { throw ByteReader.OutOfBounds(byteOffset: reader.offset - 1, byteCount: 1) }
    guard width > 0 else {
      for _ in 0..<count { try body(0) }
      return
    }
    let bytes = try reader.readBytes((count * width + 7) / 8)
    let mask: UInt64 = (1 << UInt64(width)) - 1
    var bit = 0
    for _ in 0..<count {
      var word: UInt64 = 0
      let first = bit >> 3
      for k in 0..<min(5, bytes.count - first) { word |= UInt64(bytes[first + k]) << UInt64(8 * k) }
      try body(UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask))
      bit += width
    }
  }

  /// Checks the trailer and the offset table's bounds against the segment; returns the table's
  /// offset. Records are checked when read.
  static func validate(
    _ payload: UnsafeRawBufferPointer, documentCount: Int, wordCount: Int, path: String
  ) throws(FormatError) -> Int {
    let reader = ByteReader(payload)
    let trailer = payload.count - trailerByteCount
    guard trailer >= 0, let table = try? reader.uint64(at: trailer),
      let documents = try? reader.uint32(at: trailer + 8), let words = try? reader.uint32(at: trailer + 12),
      Int(documents) == documentCount, Int(words) == wordCount,
      table <= UInt64(trailer), UInt64(trailer) - table == UInt64(documentCount + 1) * 8,
      (try? reader.uint64(at: Int(table))) == 0,
      (try? reader.uint64(at: Int(table) + documentCount * 8)) == table
    else {
      throw .corrupt(
        path: path, byteOffset: FileEnvelope.headerByteCount + max(trailer, 0),
        reason: "term vectors do not match the segment")
    }
    return Int(table)
  }
}

/// Writes a `.tv` file one document at a time, in document order.
struct TermVectorSink {
  private let sink: FileSink
  private var offsets: [UInt64] = [0]
  private var record = ByteWriter()

  init(path: String) throws(FormatError) {
    sink = try FileSink(path: path, kind: .termVectors)
  }

  var documentCount: Int { offsets.count - 1 }

  /// Appends the next document's vector: `ordinals` strictly ascending, `counts` (each ≥ 1)
  /// beside them.
  mutating func append(ordinals: [UInt32], counts: [UInt32]) throws(FormatError) {
    record.removeAll()
    record.appendVarInt(ordinals.count)
    if let first = ordinals.first {
      record.appendVarInt(first)
      var gaps: [UInt32] = []
      gaps.reserveCapacity(ordinals.count - 1)
      for k in 1..<ordinals.count {
        precondition(ordinals[k] > ordinals[k - 1], "term vector ordinals must ascend")
        gaps.append(ordinals[k] - ordinals[k - 1] - 1)
      }
      TermVectorFormat.appendPacked(gaps, to: &record)
      TermVectorFormat.appendPacked(counts.map { max($0, 1) - 1 }, to: &record)
    }
    try sink.append(record)
    offsets.append(UInt64(sink.payloadCount))
  }

  /// Writes the offsets and trailer and closes the file; returns its byte count.
  mutating func finish(wordCount: Int) throws(FormatError) -> Int {
    let table = sink.payloadCount
    var tail = ByteWriter(reservingCapacity: offsets.count * 8 + TermVectorFormat.trailerByteCount)
    for offset in offsets { tail.appendUInt64(offset) }
    tail.appendUInt64(UInt64(table))
    tail.appendUInt32(UInt32(documentCount))
    tail.appendUInt32(UInt32(wordCount))
    try sink.append(tail)
    return try sink.finish()
  }
}

extension SegmentReader {
  /// Reads document `docID`'s term vector into `ordinals` and `counts` (replacing their contents):
  /// word ordinals ascending, each below ``wordCount``, with their title-plus-body counts.
  /// - Throws: ``FormatError`` when the segment has no `.tv` file or its record is damaged.
  package func termVector(
    _ docID: DocID, ordinals: inout [UInt32], counts: inout [UInt32]
  ) throws(FormatError) {
    ordinals.removeAll(keepingCapacity: true)
    counts.removeAll(keepingCapacity: true)
    guard hasTermVectors else {
      throw .corrupt(path: termVectorsPath, byteOffset: 0, reason: "the segment has no term vectors")
    }
    precondition(Int(docID) < documentCount, "doc id out of range")
    let bytes = ByteReader(termVectorsPayload)
    do throws(ByteReader.OutOfBounds) {
      let entry = termVectorTableOffset + Int(docID) * 8
      let start = try bytes.uint64(at: entry)
      let end = try bytes.uint64(at: entry + 8)
      guard start <= end, end <= UInt64(termVectorTableOffset) else {
        throw ByteReader.OutOfBounds(byteOffset: entry, byteCount: 16)
      }
      var reader = ByteReader(UnsafeRawBufferPointer(rebasing: termVectorsPayload[0..<Int(end)]), offset: Int(start))
      // Distinct ordinals: at most one entry per word (packed values of width 0 take no bytes,
      // so the record's length does not bound n).
      let n = try reader.readVarInt(limit: wordCount)
      if n > 0 {
        var ordinal = try reader.readVarInt(limit: wordCount - 1)
        ordinals.append(UInt32(ordinal))
        let gapsOffset = reader.offset
        try TermVectorFormat.readPacked(&reader, count: n - 1) { gap throws(ByteReader.OutOfBounds) in
          ordinal += Int(gap) + 1
          guard ordinal < wordCount else { throw ByteReader.OutOfBounds(byteOffset: gapsOffset, byteCount: 1) }
          ordinals.append(UInt32(ordinal))
        }
        try TermVectorFormat.readPacked(&reader, count: n) { count in counts.append(count + 1) }
      }
      guard reader.isAtEnd else { throw ByteReader.OutOfBounds(byteOffset: reader.offset, byteCount: 1) }
    } catch {
      ordinals.removeAll(keepingCapacity: true)
      counts.removeAll(keepingCapacity: true)
      throw .corrupt(
        path: termVectorsPath, byteOffset: FileEnvelope.headerByteCount + error.byteOffset,
        reason: "bad term vector of document \(docID)")
    }
  }

  /// The bytes of the word whose ordinal (rank among the segment's word streams) is `ordinal`.
  package func word(ordinal: Int) throws(FormatError) -> [UInt8] {
    try wordEntry(ordinal: ordinal).term
  }

  /// The word whose ordinal is `ordinal` and its word stream's entry (whose `docFreq` is the
  /// word's any-field document frequency in this segment): one front-coded block walked to it.
  package func wordEntry(ordinal: Int) throws(FormatError) -> (term: [UInt8], info: TermInfo) {
    precondition(ordinal >= 0 && ordinal < wordCount, "word ordinal out of range")
    let entry = fieldTermCount + ordinal
    let block = entry / PostingsFormat.termsPerBlock
    guard block < termBlockOffsets.count else {
      throw .corrupt(
        path: termsFile.path, byteOffset: FileEnvelope.headerByteCount,
        reason: "word \(ordinal) lies past the dictionary's blocks")
    }
    let end = block + 1 < termBlockOffsets.count ? termBlockOffsets[block + 1] : termEntriesEnd
    var reader = ByteReader(UnsafeRawBufferPointer(rebasing: termsPayload[0..<end]), offset: termBlockOffsets[block])
    let found: (term: [UInt8], info: TermInfo)?
    do throws(ByteReader.OutOfBounds) {
      // The key is rebuilt in a buffer on the stack, as a lookup does (keys are capped by the
      // analyzer; a longer one can only come from a damaged dictionary).
      found = try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) {
        current throws(ByteReader.OutOfBounds) -> (term: [UInt8], info: TermInfo)? in
        var length = 0
        for _ in 0..<(entry % PostingsFormat.termsPerBlock) {
          let (shared, suffix) = try DictionaryEntry.readKey(&reader, previousLength: length)
          guard shared + suffix.count <= current.count else { return nil }
          if let source = suffix.baseAddress, !suffix.isEmpty {
            UnsafeMutableRawPointer(current.baseAddress! + shared).copyMemory(from: source, byteCount: suffix.count)
          }
          length = shared + suffix.count
          try DictionaryEntry.skipInfo(&reader)
        }
        let (shared, suffix) = try DictionaryEntry.readKey(&reader, previousLength: length)
        var key = [UInt8](UnsafeBufferPointer(rebasing: current[0..<shared]))
        key.append(contentsOf: suffix)
        guard key.first == PostingsFormat.wordStreamKeyByte else { return nil }
        return (Array(key[1...]), try DictionaryEntry.readInfo(&reader, of: self))
      }
    } catch {
      throw .corrupt(
        path: termsFile.path, byteOffset: FileEnvelope.headerByteCount + error.byteOffset,
        reason: "bad dictionary block \(block)")
    }
    guard let found else {
      throw .corrupt(
        path: termsFile.path, byteOffset: FileEnvelope.headerByteCount + termBlockOffsets[block],
        reason: "entry \(entry) is not a word stream")
    }
    return found
  }
}
