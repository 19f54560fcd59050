package import NewsIndexCore

/// Writes one segment's five files from inverted data.
///
/// Call order (each step once unless noted):
/// 1. for every (field, term) key in strictly increasing order (field byte, then term bytes):
///    `startTerm`, then `appendPosting` for each document in increasing `DocID` order, then
///    `finishTerm`;
/// 2. `appendStoredDocument` for documents 0, 1, 2, … and `setFieldLengths` for each field,
///    in any order relative to step 1;
/// 3. `finish`, which writes and fsyncs the files and returns the ``SegmentInfo`` to commit.
///
/// Nothing is visible to readers until a commit names the segment.
package struct SegmentWriter {
  package let directory: IndexDirectory
  package let name: String

  private var terms = FileEnvelope.begin(.terms)
  private var postings = FileEnvelope.begin(.postings)
  private var positions = FileEnvelope.begin(.positions)
  private var store = FileEnvelope.begin(.store)
  private var storeOffsets: [UInt64] = []
  private var fieldLengths: [[UInt32]] = Array(repeating: [], count: Field.allCases.count)

  // Term dictionary state.
  private var previousKey: [UInt8] = []
  private var currentKey: [UInt8] = []
  private var blockIndex: [(firstKey: [UInt8], offset: Int)] = []
  private var termCount = 0
  private var postingCount = 0

  // Current term state.
  private var inTerm = false
  private var termPostings = ByteWriter()
  private var termSkips = ByteWriter()
  private var termPositions = ByteWriter()
  private var blockDocBytes = ByteWriter()
  private var blockPositionBytes = ByteWriter()
  private var blockDocCount = 0
  private var blockMaxTermFreq: UInt32 = 0
  private var blockCount = 0
  private var lastDocID: Int64 = -1
  private var lastBlockEnd: Int64 = 0
  private var termDocFreq = 0
  private var termTotalFreq = 0

  package init(directory: IndexDirectory, name: String) {
    self.directory = directory
    self.name = name
  }

  // MARK: Postings

  /// Begins the postings of `term` in `field`; keys must arrive in strictly increasing order.
  package mutating func startTerm(field: Field, term: UnsafeRawBufferPointer) {
    precondition(!inTerm, "startTerm without finishTerm")
    currentKey.removeAll(keepingCapacity: true)
    currentKey.append(field.rawValue)
    currentKey.append(contentsOf: term)
    precondition(termCount == 0 || previousKey.lexicographicallyPrecedes(currentKey), "term keys out of order")
    inTerm = true
    termDocFreq = 0
    termTotalFreq = 0
    blockCount = 0
    lastDocID = -1
    lastBlockEnd = 0
    termSkips.removeAll()
    termPostings.removeAll()
    termPositions.removeAll()
  }

  /// Adds one document to the current term; `positions` ascend and their count is the term frequency.
  package mutating func appendPosting(docID: DocID, positions docPositions: UnsafeBufferPointer<UInt32>) {
    precondition(inTerm && Int64(docID) > lastDocID && !docPositions.isEmpty, "postings out of order")
    let reference = blockDocCount == 0 ? lastBlockEnd : lastDocID
    blockDocBytes.appendVarInt(UInt64(Int64(docID) - reference))
    blockDocBytes.appendVarInt(UInt64(docPositions.count))
    var previous: UInt32 = 0
    for (k, position) in docPositions.enumerated() {
      blockPositionBytes.appendVarInt(k == 0 ? position : position - previous)
      previous = position
    }
    lastDocID = Int64(docID)
    blockMaxTermFreq = max(blockMaxTermFreq, UInt32(docPositions.count))
    blockDocCount += 1
    termDocFreq += 1
    termTotalFreq += docPositions.count
    if blockDocCount == PostingsFormat.blockSize { flushBlock() }
  }

  private mutating func flushBlock() {
    guard blockDocCount > 0 else { return }
    termSkips.appendVarInt(UInt64(lastDocID - lastBlockEnd))
    termSkips.appendVarInt(blockDocBytes.count)
    termSkips.appendVarInt(blockPositionBytes.count)
    termSkips.appendVarInt(blockMaxTermFreq)
    termPostings.append(contentsOf: blockDocBytes.bytes)
    termPositions.append(contentsOf: blockPositionBytes.bytes)
    blockDocBytes.removeAll()
    blockPositionBytes.removeAll()
    lastBlockEnd = lastDocID
    blockDocCount = 0
    blockMaxTermFreq = 0
    blockCount += 1
  }

  /// Ends the current term and records it in the dictionary.
  package mutating func finishTerm() {
    precondition(inTerm && termDocFreq > 0, "finishTerm without postings")
    flushBlock()
    let info = TermInfo(
      docFreq: termDocFreq, totalTermFreq: termTotalFreq,
      postingsOffset: postings.count - FileEnvelope.headerByteCount,
      positionsOffset: positions.count - FileEnvelope.headerByteCount)
    postings.appendVarInt(blockCount)
    postings.appendVarInt(termSkips.count)
    postings.append(contentsOf: termSkips.bytes)
    postings.append(contentsOf: termPostings.bytes)
    positions.append(contentsOf: termPositions.bytes)
    appendDictionaryEntry(info)
    postingCount += termDocFreq
    swap(&previousKey, &currentKey)
    inTerm = false
  }

  private mutating func appendDictionaryEntry(_ info: TermInfo) {
    var shared = 0
    if termCount % PostingsFormat.termsPerBlock == 0 {
      blockIndex.append((currentKey, terms.count - FileEnvelope.headerByteCount))
    } else {
      let limit = min(previousKey.count, currentKey.count)
      while shared < limit && previousKey[shared] == currentKey[shared] { shared += 1 }
    }
    terms.appendVarInt(shared)
    terms.appendVarInt(currentKey.count - shared)
    terms.append(contentsOf: currentKey[shared...])
    terms.appendVarInt(info.docFreq)
    terms.appendVarInt(info.totalTermFreq)
    terms.appendVarInt(info.postingsOffset)
    terms.appendVarInt(info.positionsOffset)
    termCount += 1
  }

  // MARK: Documents

  /// Stores the fields of the next document (ids are given in order: 0, 1, 2, …).
  package mutating func appendStoredDocument(_ document: ExtractedDocument) {
    storeOffsets.append(UInt64(store.count - FileEnvelope.headerByteCount))
    for value in [document.id, document.path, document.title, document.date, document.byline, document.body] {
      store.appendLengthPrefixed(value)
    }
  }

  /// Sets the token count of `field` for every document, indexed by `DocID`.
  package mutating func setFieldLengths(_ lengths: [UInt32], for field: Field) {
    fieldLengths[Int(field.rawValue)] = lengths
  }

  // MARK: Finish

  /// Writes and fsyncs all files of the segment.
  /// - Returns: the segment's entry for the commit.
  package mutating func finish() throws(FormatError) -> SegmentInfo {
    precondition(!inTerm, "finish inside a term")
    let documentCount = storeOffsets.count
    precondition(fieldLengths.allSatisfy { $0.count == documentCount }, "field lengths do not match documents")

    // Terms: block index and trailer.
    let blockIndexOffset = terms.count - FileEnvelope.headerByteCount
    for entry in blockIndex {
      entry.firstKey.withUnsafeBytes { terms.appendLengthPrefixed($0) }
      terms.appendVarInt(entry.offset)
    }
    terms.appendUInt64(UInt64(termCount))
    terms.appendUInt32(UInt32(blockIndex.count))
    terms.appendUInt64(UInt64(blockIndexOffset))

    // Store: offset table and trailer.
    let tableOffset = store.count - FileEnvelope.headerByteCount
    for offset in storeOffsets { store.appendUInt64(offset) }
    store.appendUInt64(UInt64(tableOffset))
    store.appendUInt32(UInt32(documentCount))

    var norms = FileEnvelope.begin(.norms, reservingCapacity: documentCount * 4 * fieldLengths.count)
    norms.appendUInt32(UInt32(documentCount))
    norms.appendUInt32(UInt32(fieldLengths.count))
    for lengths in fieldLengths { for length in lengths { norms.appendUInt32(length) } }

    var byteCounts: [String: Int] = [:]
    for (kind, writer) in [
      (IndexFileKind.terms, terms), (.postings, postings), (.positions, positions), (.norms, norms), (.store, store),
    ] {
      var file = writer
      FileEnvelope.end(&file)
      try FileIO.writeDurably(file.bytes, to: directory.filePath("\(name).\(kind.fileExtension)"))
      byteCounts[kind.fileExtension] = file.count
    }
    let tokenCounts = fieldLengths.map { $0.reduce(UInt64(0)) { $0 + UInt64($1) } }
    return SegmentInfo(
      name: name, documentCount: documentCount, fieldTokenCounts: tokenCounts, termCount: termCount,
      postingCount: postingCount, fileByteCounts: byteCounts)
  }
}
