import CZstd
package import NewsIndexCore

/// Writes one segment's six files from inverted data, streaming them to disk.
///
/// Call order:
/// 1. `setFieldLengths` for every field (block metadata needs each document's length);
/// 2. for every (field, term) key in strictly increasing order (field byte, then term bytes):
///    `startTerm`, then `appendPosting` for each document in increasing `DocID` order, then
///    `finishTerm`;
/// 3. `appendStoredDocument` for documents 0, 1, 2, … (any time after `init`), each with its
///    ``DocumentValues``;
/// 4. `finish`, which completes, fsyncs and closes the files and returns the ``SegmentInfo``.
///
/// From the title's and the body's postings it also writes each word's stream over the whole
/// document (``WordStreamWriter``), whose dictionary entries follow the fields' at `finish`.
///
/// Memory stays bounded by one term's postings plus one stored-fields block, plus the title's
/// postings without positions and one entry per word for the word streams. Nothing is visible
/// to readers until a commit names the segment.
package struct SegmentWriter {
  package let directory: IndexDirectory
  package let name: String

  private let terms: FileSink
  private let postings: FileSink
  private let positions: FileSink
  private let store: FileSink
  private var fieldLengths: [[UInt32]] = Array(repeating: [], count: Field.allCases.count)
  /// Per-document values, written as the `.dv` file by `finish`.
  private var documentValues: [DocumentValues] = []

  // Term dictionary.
  private var termBlock = ByteWriter(reservingCapacity: 4096)
  private var previousKey: [UInt8] = []
  private var currentKey: [UInt8] = []
  private var blockIndex = ByteWriter()
  private var blockCountInIndex = 0
  /// Dictionary entries written: the fields' terms, then the words.
  private var termCount = 0
  /// The fields' terms alone (the commit's `termCount`).
  private var fieldTermCount = 0
  private var postingCount = 0
  /// The word streams, derived from the title's and the body's postings.
  private var words = WordStreamWriter()

  // Current term.
  private var currentField = Field.body
  private var inTerm = false
  private var termSkips = ByteWriter()
  private var impactBytes = ByteWriter()
  private var impactScratch: [UInt64] = Array(repeating: 0, count: BitPacking.blockSize)
  private var termDocBlocks: [UInt8] = []
  private var termPositionBlocks: [UInt8] = []
  private var blockDocs: [UInt32] = []
  private var blockFreqs: [UInt32] = []
  private var blockPositionDeltas: [UInt32] = []
  private var lastDocID: Int64 = -1
  /// Last doc id of the previous block of the current term, -1 before the first block.
  private var lastBlockEnd: Int64 = -1
  private var termDocFreq = 0
  private var termTotalFreq = 0
  private var scratch: [UInt32] = Array(repeating: 0, count: BitPacking.blockSize)

  // Stored fields.
  private var storeBlock = ByteWriter(reservingCapacity: StoreFormat.blockRawBytes + 4096)
  private var storeBlockFirstDoc = 0
  private var storeBlockIndex = ByteWriter()
  private var storeBlockCount = 0
  private var storedIDs = ByteWriter()
  private var storedIDOffsets: [UInt32] = [0]
  private var documentCount = 0
  private let compressor = UnsafeCompressor()
  /// The `.tv` file, when a merge copies its inputs' vectors (``appendTermVectors(copying:remaps:)``).
  private var copiedTermVectors: TermVectorSink?

  /// Whether the term vectors are derived from the postings given (a flush, or a merge of
  /// segments that lack vectors) rather than copied from the merged segments. Set before the
  /// first posting.
  package var derivesTermVectors: Bool {
    get { words.derivesTermVectors }
    set { words.derivesTermVectors = newValue }
  }

  /// Creates the segment's files in `directory`.
  package init(directory: IndexDirectory, name: String) throws(FormatError) {
    self.directory = directory
    self.name = name
    func sink(_ kind: IndexFileKind) throws(FormatError) -> FileSink {
      try FileSink(path: directory.filePath("\(name).\(kind.fileExtension)"), kind: kind)
    }
    terms = try sink(.terms)
    postings = try sink(.postings)
    positions = try sink(.positions)
    store = try sink(.store)
    blockDocs.reserveCapacity(BitPacking.blockSize)
    blockFreqs.reserveCapacity(BitPacking.blockSize)
  }

  /// Sets the token count of `field` for every document, indexed by `DocID`.
  package mutating func setFieldLengths(_ lengths: [UInt32], for field: Field) {
    fieldLengths[Int(field.rawValue)] = lengths
    words.setFieldLengths(lengths, for: field)
  }

  // MARK: Postings

  /// Begins the postings of `term` in `field`; keys must arrive in strictly increasing order.
  package mutating func startTerm(field: Field, term: UnsafeRawBufferPointer) {
    precondition(!inTerm, "startTerm without finishTerm")
    currentKey.removeAll(keepingCapacity: true)
    currentKey.append(field.rawValue)
    currentKey.append(contentsOf: term)
    precondition(termCount == 0 || previousKey.lexicographicallyPrecedes(currentKey), "term keys out of order")
    currentField = field
    inTerm = true
    termDocFreq = 0
    termTotalFreq = 0
    lastDocID = -1
    lastBlockEnd = -1
    termSkips.removeAll()
    termDocBlocks.removeAll(keepingCapacity: true)
    termPositionBlocks.removeAll(keepingCapacity: true)
    switch field {
    case .title: words.startTitleTerm(term)
    case .body: words.startBodyTerm(term)
    case .byline, .source: break  // not part of the word streams
    }
  }

  /// Adds one document to the current term; `positions` ascend and their count is the term frequency.
  package mutating func appendPosting(docID: DocID, positions docPositions: UnsafeBufferPointer<UInt32>) {
    precondition(inTerm && Int64(docID) > lastDocID && !docPositions.isEmpty, "postings out of order")
    blockDocs.append(docID)
    blockFreqs.append(UInt32(docPositions.count))
    var previous: UInt32 = 0
    for (k, position) in docPositions.enumerated() {
      blockPositionDeltas.append(k == 0 ? position : position &- previous)
      previous = position
    }
    lastDocID = Int64(docID)
    termDocFreq += 1
    termTotalFreq += docPositions.count
    switch currentField {
    case .title: words.appendTitlePosting(docID: docID, frequency: UInt32(docPositions.count))
    case .body: words.appendBodyPosting(docID: docID, frequency: UInt32(docPositions.count))
    case .byline, .source: break
    }
    if blockDocs.count == BitPacking.blockSize { flushBlock() }
  }

  /// Encodes the buffered block: bit-packed when full, varints for the final partial block.
  private mutating func flushBlock() {
    guard !blockDocs.isEmpty else { return }
    let docStart = termDocBlocks.count
    let positionStart = termPositionBlocks.count
    let lengths = fieldLengths[Int(currentField.rawValue)]
    for (k, doc) in blockDocs.enumerated() {
      let length = Int(doc) < lengths.count ? lengths[Int(doc)] : 0
      impactScratch[k] = UInt64(blockFreqs[k]) << 32 | UInt64(length)
    }
    let impacts = impactScratch.withUnsafeMutableBufferPointer { scratch in
      Impacts(competitivePairsOf: UnsafeMutableBufferPointer(rebasing: scratch[0..<blockDocs.count]))
    }
    PostingsFormat.appendDocBlock(
      docs: blockDocs, frequencies: blockFreqs, after: lastBlockEnd, scratch: &scratch, to: &termDocBlocks)
    // Positions: groups of 128 deltas bit-packed, the remainder as varints.
    var k = 0
    while k + BitPacking.blockSize <= blockPositionDeltas.count {
      for i in 0..<BitPacking.blockSize { scratch[i] = blockPositionDeltas[k + i] }
      PostingsFormat.appendPacked(scratch, to: &termPositionBlocks)
      k += BitPacking.blockSize
    }
    var tail = ByteWriter()
    while k < blockPositionDeltas.count {
      tail.appendVarInt(blockPositionDeltas[k])
      k += 1
    }
    termPositionBlocks.append(contentsOf: tail.bytes)

    termSkips.appendVarInt(UInt64(Int64(blockDocs[blockDocs.count - 1]) - lastBlockEnd))
    termSkips.appendVarInt(termDocBlocks.count - docStart)
    termSkips.appendVarInt(termPositionBlocks.count - positionStart)
    impactBytes.removeAll()
    impacts.append(to: &impactBytes)
    termSkips.appendVarInt(impactBytes.count)
    termSkips.append(contentsOf: impactBytes.bytes)
    lastBlockEnd = Int64(blockDocs[blockDocs.count - 1])
    blockDocs.removeAll(keepingCapacity: true)
    blockFreqs.removeAll(keepingCapacity: true)
    blockPositionDeltas.removeAll(keepingCapacity: true)
  }


  /// Ends the current term and records it in the dictionary.
  package mutating func finishTerm() throws(FormatError) {
    precondition(inTerm && termDocFreq > 0, "finishTerm without postings")
    flushBlock()
    let info = TermInfo(
      docFreq: termDocFreq, totalTermFreq: termTotalFreq, postingsOffset: postings.payloadCount,
      positionsOffset: positions.payloadCount)
    var header = ByteWriter()
    header.appendVarInt(termSkips.count)
    try postings.append(header)
    try postings.append(termSkips)
    try postings.append(termDocBlocks)
    try positions.append(termPositionBlocks)
    try appendDictionaryEntry(info)
    fieldTermCount += 1
    postingCount += termDocFreq
    switch currentField {
    case .title: words.finishTitleTerm()
    case .body: try words.finishBodyTerm(into: postings)
    case .byline, .source: break
    }
    swap(&previousKey, &currentKey)
    inTerm = false
  }

  private mutating func appendDictionaryEntry(_ info: TermInfo) throws(FormatError) {
    var shared = 0
    if termCount % PostingsFormat.termsPerBlock == 0 {
      try terms.append(termBlock)
      termBlock.removeAll()
      currentKey.withUnsafeBytes { blockIndex.appendLengthPrefixed($0) }
      blockIndex.appendVarInt(terms.payloadCount)
      blockCountInIndex += 1
    } else {
      let limit = min(previousKey.count, currentKey.count)
      while shared < limit && previousKey[shared] == currentKey[shared] { shared += 1 }
    }
    termBlock.appendVarInt(shared)
    termBlock.appendVarInt(currentKey.count - shared)
    termBlock.append(contentsOf: currentKey[shared...])
    termBlock.appendVarInt(info.docFreq)
    termBlock.appendVarInt(info.totalTermFreq)
    termBlock.appendVarInt(info.postingsOffset)
    termBlock.appendVarInt(info.positionsOffset)
    termCount += 1
  }

  // MARK: Documents

  /// Stores the fields of the next document (ids are given in order: 0, 1, 2, …) and its
  /// values (by default its date alone, read from `document.date`).
  package mutating func appendStoredDocument(
    _ document: ExtractedDocument, values: DocumentValues? = nil
  ) throws(FormatError) {
    var values = values ?? DocumentValues(dateOf: document)
    values.sourceKey = DocumentValues.sourceKey(document.source)
    // Stored documents carry no language (a merge passes the old values on).
    if !document.language.isEmpty { values.languageCode = DocumentValues.languageCode(document.language) }
    documentValues.append(values)
    storedIDs.appendLengthPrefixed(document.id)
    storedIDOffsets.append(UInt32(clamping: storedIDs.count))
    for value in [document.path, document.title, document.date, document.byline, document.body, document.source] {
      storeBlock.appendLengthPrefixed(value)
    }
    documentCount += 1
    if storeBlock.count >= StoreFormat.blockRawBytes { try flushStoreBlock() }
  }

  /// Appends all stored documents of `segment` by copying its compressed blocks as they are
  /// (no decompression): a merge of segments without deletions pays no zstd work.
  package mutating func appendStoredDocuments(copyingBlocksOf segment: SegmentReader) throws(FormatError) {
    try flushStoreBlock()
    let base = documentCount
    var copied = 0
    try segment.forEachStoredBlock { block throws(FormatError) in
      try appendStoreBlock(Array(block.compressed), firstDocument: base + block.firstDocument, rawByteCount: block.rawByteCount)
      copied += block.documentCount
    }
    guard copied == segment.documentCount else {
      throw .corrupt(path: store.path, byteOffset: 0, reason: "stored-fields blocks of the merged segment do not cover it")
    }
    for doc in 0..<segment.documentCount {
      storedIDs.appendLengthPrefixed(try segment.storedID(DocID(doc)))
      storedIDOffsets.append(UInt32(clamping: storedIDs.count))
      documentValues.append(segment.documentValues(DocID(doc)))
    }
    documentCount += segment.documentCount
    storeBlockFirstDoc = documentCount
  }

  /// Writes one compressed block and its block-index entry.
  private mutating func appendStoreBlock(_ compressed: [UInt8], firstDocument: Int, rawByteCount: Int) throws(FormatError) {
    storeBlockIndex.appendUInt32(UInt32(firstDocument))
    storeBlockIndex.appendUInt64(UInt64(store.payloadCount))
    storeBlockIndex.appendUInt32(UInt32(compressed.count))
    storeBlockIndex.appendUInt32(UInt32(rawByteCount))
    try store.append(compressed)
    storeBlockCount += 1
  }

  /// Compresses the buffered records with zstd and records the block in the index.
  private mutating func flushStoreBlock() throws(FormatError) {
    guard storeBlock.count > 0 else { return }
    let raw = storeBlock.bytes
    guard let compressed = compressor.compress(raw) else {
      throw .notWritable(path: store.path, reason: "zstd compression failed")
    }
    try appendStoreBlock(compressed, firstDocument: storeBlockFirstDoc, rawByteCount: raw.count)
    storeBlockFirstDoc = documentCount
    storeBlock.removeAll()
  }

  // MARK: Finish

  /// Writes the term vectors of the live documents of `readers` (in order; `remaps[r][doc]` is
  /// the new id of a document, negative when it is dropped), their word ordinals translated to
  /// this segment's words. Call once, after every posting and before `finish`, with
  /// ``derivesTermVectors`` off; every reader must have term vectors.
  package mutating func appendTermVectors(copying readers: [SegmentReader], remaps: [[Int32]]) throws(FormatError) {
    precondition(!derivesTermVectors && copiedTermVectors == nil, "term vectors copied twice or also derived")
    try words.finishTitleOnlyWords(into: postings)
    var merged: [ArraySlice<UInt8>] = []
    merged.reserveCapacity(words.wordCount)
    try words.forEachEntry { term, _ throws(FormatError) in merged.append(term) }
    var sink = try TermVectorSink(path: directory.filePath("\(name).\(IndexFileKind.termVectors.fileExtension)"))
    var ordinals: [UInt32] = []
    var counts: [UInt32] = []
    for (r, reader) in readers.enumerated() {
      // Both word lists are sorted, so one walk maps them; a word that only dropped documents
      // held is gone from the merged segment and maps to -1 (no live vector names it).
      var newOrdinal: [Int32] = []
      newOrdinal.reserveCapacity(reader.wordCount)
      var k = 0
      try reader.forEachWord { term, _ in
        while k < merged.count && merged[k].lexicographicallyPrecedes(term) { k += 1 }
        newOrdinal.append(k < merged.count && merged[k].elementsEqual(term) ? Int32(k) : -1)
        return true
      }
      guard newOrdinal.count == reader.wordCount else {
        throw .corrupt(path: reader.termVectorsPath, byteOffset: 0, reason: "the dictionary lists \(newOrdinal.count) of \(reader.wordCount) words")
      }
      for doc in 0..<reader.documentCount where remaps[r][doc] >= 0 {
        try reader.termVector(DocID(doc), ordinals: &ordinals, counts: &counts)
        for i in ordinals.indices {
          let mapped = newOrdinal[Int(ordinals[i])]
          guard mapped >= 0 else {
            throw .corrupt(
              path: reader.termVectorsPath, byteOffset: 0,
              reason: "document \(doc)'s term vector names a word its postings lack")
          }
          ordinals[i] = UInt32(mapped)
        }
        try sink.append(ordinals: ordinals, counts: counts)
      }
    }
    copiedTermVectors = sink
  }

  /// Completes, fsyncs and closes all files of the segment.
  /// - Returns: the segment's entry for the commit.
  package mutating func finish() throws(FormatError) -> SegmentInfo {
    precondition(!inTerm, "finish inside a term")
    precondition(fieldLengths.allSatisfy { $0.count == documentCount }, "field lengths do not match documents")
    precondition(documentValues.count == documentCount, "document values do not match documents")

    // Word streams: those of words only in titles, then every word's entry after the fields'.
    try words.finishTitleOnlyWords(into: postings)
    try words.forEachEntry { term, info throws(FormatError) in
      currentKey.removeAll(keepingCapacity: true)
      currentKey.append(PostingsFormat.wordStreamKeyByte)
      currentKey.append(contentsOf: term)
      try appendDictionaryEntry(info)
      swap(&previousKey, &currentKey)
    }

    // Terms: last block, block index, trailer.
    try terms.append(termBlock)
    let blockIndexOffset = terms.payloadCount
    try terms.append(blockIndex)
    var trailer = ByteWriter()
    trailer.appendUInt64(UInt64(fieldTermCount))
    trailer.appendUInt32(UInt32(blockCountInIndex))
    trailer.appendUInt64(UInt64(blockIndexOffset))
    trailer.appendUInt64(UInt64(words.wordCount))
    try terms.append(trailer)

    // Store: last block, ids, id offsets, block index, trailer.
    try flushStoreBlock()
    let idsOffset = store.payloadCount
    try store.append(storedIDs)
    let idOffsetsOffset = store.payloadCount
    var offsets = ByteWriter(reservingCapacity: storedIDOffsets.count * 4)
    for offset in storedIDOffsets { offsets.appendUInt32(offset) }
    try store.append(offsets)
    let storeIndexOffset = store.payloadCount
    try store.append(storeBlockIndex)
    var storeTrailer = ByteWriter()
    storeTrailer.appendUInt64(UInt64(idsOffset))
    storeTrailer.appendUInt64(UInt64(idOffsetsOffset))
    storeTrailer.appendUInt64(UInt64(storeIndexOffset))
    storeTrailer.appendUInt32(UInt32(storeBlockCount))
    storeTrailer.appendUInt32(UInt32(documentCount))
    try store.append(storeTrailer)

    let norms = try FileSink(path: directory.filePath("\(name).\(IndexFileKind.norms.fileExtension)"), kind: .norms)
    var normBytes = ByteWriter(reservingCapacity: 8 + documentCount * 4 * fieldLengths.count)
    normBytes.appendUInt32(UInt32(documentCount))
    normBytes.appendUInt32(UInt32(fieldLengths.count))
    for lengths in fieldLengths { for length in lengths { normBytes.appendUInt32(length) } }
    try norms.append(normBytes)

    let values = try FileSink(
      path: directory.filePath("\(name).\(IndexFileKind.documentValues.fileExtension)"), kind: .documentValues)
    try values.append(DocumentValuesFormat.encode(documentValues))

    var byteCounts: [String: Int] = [:]
    if var vectors = copiedTermVectors {
      precondition(vectors.documentCount == documentCount, "term vectors do not match documents")
      byteCounts[IndexFileKind.termVectors.fileExtension] = try vectors.finish(wordCount: words.wordCount)
    } else {
      var vectors = try TermVectorSink(path: directory.filePath("\(name).\(IndexFileKind.termVectors.fileExtension)"))
      try words.writeTermVectors(into: &vectors, documentCount: documentCount)
      byteCounts[IndexFileKind.termVectors.fileExtension] = try vectors.finish(wordCount: words.wordCount)
    }
    for (kind, sink) in [
      (IndexFileKind.terms, terms), (.postings, postings), (.positions, positions), (.norms, norms), (.store, store),
      (.documentValues, values),
    ] {
      byteCounts[kind.fileExtension] = try sink.finish()
    }
    let tokenCounts = fieldLengths.map { $0.reduce(UInt64(0)) { $0 + UInt64($1) } }
    return SegmentInfo(
      name: name, documentCount: documentCount, fieldTokenCounts: tokenCounts, termCount: fieldTermCount,
      postingCount: postingCount, fileByteCounts: byteCounts)
  }
}

/// Constants of the stored-fields layout.
package enum StoreFormat {
  /// Records are compressed together once a block holds this many raw bytes.
  package static let blockRawBytes = 32 * 1024
  /// zstd level: 3 is zstd's default, a good speed/ratio balance for text.
  static let compressionLevel: Int32 = 3
  /// Bytes of the fixed trailer at the end of the `.store` payload.
  static let trailerByteCount = 32
  /// Bytes of one block-index entry: first doc u32, offset u64, compressed size u32, raw size u32.
  static let blockEntryByteCount = 20
  /// Length-prefixed fields of one record: path, title, date, byline, body, source (since v3).
  static let fieldsPerRecord = 6
}

/// A zstd compression context (`ZSTD_createCCtx`) reused for every block of one segment, so
/// each block does not pay for allocating and clearing a new one.
final class UnsafeCompressor {
  private let context: OpaquePointer?
  private var output: [UInt8] = []

  init() { context = ZSTD_createCCtx() }

  deinit { ZSTD_freeCCtx(context) }

  /// `input` compressed at ``StoreFormat/compressionLevel``; nil when zstd fails.
  func compress(_ input: [UInt8]) -> [UInt8]? {
    guard let context else { return nil }
    let bound = ZSTD_compressBound(input.count)
    if output.count < bound { output = [UInt8](repeating: 0, count: bound) }
    let size = output.withUnsafeMutableBytes { out in
      input.withUnsafeBytes { source in
        ZSTD_compressCCtx(context, out.baseAddress, out.count, source.baseAddress, source.count, StoreFormat.compressionLevel)
      }
    }
    guard ZSTD_isError(size) == 0 else { return nil }
    return Array(output[0..<size])
  }
}
