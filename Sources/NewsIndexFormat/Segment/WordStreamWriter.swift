import NewsIndexCore

/// Writes a segment's word streams: for every word of the title or the body, one postings list
/// over the whole document, with no positions, whose frequency is
/// `titleWeight · tf(title) + tf(body)` and whose impacts are over the length
/// `titleWeight · length(title) + length(body)` (``PostingsFormat/wordStreamTitleWeight``).
///
/// A ranked search of a word under BM25F's default weights reads this one stream instead of
/// merging the word's title and body postings, and bounds it by one set of impacts; its dictionary
/// entry carries the any-field document frequency, so no query intersects postings to get it.
///
/// Driven by ``SegmentWriter`` from the per-field postings it is given, so every segment, flushed
/// or merged, has word streams that agree with its fields: the title's postings are kept (doc,
/// frequency) until the body's terms arrive; each body term's stream is written as its postings
/// stream past, merged with the title's; the words only in titles are written when the body's
/// terms end. Memory: the title's postings, and one dictionary entry per word until `finish`.
struct WordStreamWriter {
  /// (doc, frequency) pairs of every title term, back to back.
  private var titleArena: [UInt32] = []
  /// Each title term (in key order) with its range of pairs in `titleArena`, and whether a body
  /// term of the same word has taken it.
  private var titleTerms: [(term: [UInt8], pairs: Range<Int>, taken: Bool)] = []
  private var titleIndex: [[UInt8]: Int] = [:]
  /// The dictionary entries written so far: words of the body in key order, then (from
  /// `finishTitleOnlyWords`) those only in titles, also in key order.
  private var bodyEntries: [(term: [UInt8], info: TermInfo)] = []
  private var titleOnlyEntries: [(term: [UInt8], info: TermInfo)] = []
  private var titleOnlyWritten = false

  private var titleLengths: [UInt32] = []
  private var bodyLengths: [UInt32] = []

  // The word being written.
  private var termTitlePairs: Range<Int> = 0..<0
  private var titleCursor = 0
  private var blockDocs: [UInt32] = []
  private var blockFreqs: [UInt32] = []
  private var skips = ByteWriter()
  private var docBlocks: [UInt8] = []
  private var impactBytes = ByteWriter()
  private var impactScratch: [UInt64] = Array(repeating: 0, count: BitPacking.blockSize)
  private var scratch: [UInt32] = Array(repeating: 0, count: BitPacking.blockSize)
  private var lastBlockEnd: Int64 = -1
  private var docFreq = 0
  private var totalFreq = 0

  init() {
    blockDocs.reserveCapacity(BitPacking.blockSize)
    blockFreqs.reserveCapacity(BitPacking.blockSize)
  }

  /// Words written (dictionary entries `finish` returns).
  var wordCount: Int { bodyEntries.count + titleOnlyEntries.count }

  mutating func setFieldLengths(_ lengths: [UInt32], for field: Field) {
    switch field {
    case .title: titleLengths = lengths
    case .body: bodyLengths = lengths
    case .byline, .source: break  // not part of the word streams
    }
  }

  // MARK: Title terms

  mutating func startTitleTerm(_ term: UnsafeRawBufferPointer) {
    titleTerms.append((Array(term), titleArena.count..<titleArena.count, false))
  }

  mutating func appendTitlePosting(docID: DocID, frequency: UInt32) {
    titleArena.append(docID)
    titleArena.append(frequency)
  }

  mutating func finishTitleTerm() {
    let last = titleTerms.count - 1
    titleTerms[last].pairs = titleTerms[last].pairs.lowerBound..<titleArena.count
    titleIndex[titleTerms[last].term] = last
  }

  // MARK: Body terms

  /// Begins the word of a body term: its title postings, if any, are merged in as the body's
  /// arrive.
  mutating func startBodyTerm(_ term: UnsafeRawBufferPointer) {
    startWord()
    if let index = titleIndex[Array(term)] {
      titleTerms[index].taken = true
      termTitlePairs = titleTerms[index].pairs
    } else {
      termTitlePairs = 0..<0
    }
    titleCursor = termTitlePairs.lowerBound
  }

  mutating func appendBodyPosting(docID: DocID, frequency: UInt32) {
    var weighted = UInt64(frequency)
    while titleCursor < termTitlePairs.upperBound && titleArena[titleCursor] <= docID {
      let titleDoc = titleArena[titleCursor]
      let titleFrequency =
        UInt64(titleArena[titleCursor + 1]) * UInt64(PostingsFormat.wordStreamTitleWeight)
      titleCursor += 2
      if titleDoc == docID {
        weighted += titleFrequency
      } else {
        append(docID: titleDoc, frequency: titleFrequency)
      }
    }
    append(docID: docID, frequency: weighted)
  }

  /// Ends the word of the current body term: writes its stream to `postings` and keeps its
  /// dictionary entry for `finish`.
  mutating func finishBodyTerm(_ term: [UInt8], into postings: FileSink) throws(FormatError) {
    appendRemainingTitlePostings()
    bodyEntries.append((term, try finishWord(into: postings)))
  }

  // MARK: Words only in titles, and the dictionary

  /// Writes the streams of the title terms no body term took; call once, after the body's terms
  /// (a later call does nothing).
  mutating func finishTitleOnlyWords(into postings: FileSink) throws(FormatError) {
    guard !titleOnlyWritten else { return }
    titleOnlyWritten = true
    for index in titleTerms.indices where !titleTerms[index].taken {
      startWord()
      termTitlePairs = titleTerms[index].pairs
      titleCursor = termTitlePairs.lowerBound
      appendRemainingTitlePostings()
      titleOnlyEntries.append((titleTerms[index].term, try finishWord(into: postings)))
    }
    titleArena = []
    titleTerms = []
    titleIndex = [:]
  }

  /// Every word's dictionary entry, in key order (the two sorted lists merged).
  func sortedEntries() -> [(term: [UInt8], info: TermInfo)] {
    var merged: [(term: [UInt8], info: TermInfo)] = []
    merged.reserveCapacity(wordCount)
    var a = 0
    var b = 0
    while a < bodyEntries.count || b < titleOnlyEntries.count {
      if b == titleOnlyEntries.count
        || (a < bodyEntries.count
          && bodyEntries[a].term.lexicographicallyPrecedes(titleOnlyEntries[b].term))
      {
        merged.append(bodyEntries[a])
        a += 1
      } else {
        merged.append(titleOnlyEntries[b])
        b += 1
      }
    }
    return merged
  }

  // MARK: One word's stream

  private mutating func startWord() {
    blockDocs.removeAll(keepingCapacity: true)
    blockFreqs.removeAll(keepingCapacity: true)
    skips.removeAll()
    docBlocks.removeAll(keepingCapacity: true)
    lastBlockEnd = -1
    docFreq = 0
    totalFreq = 0
  }

  private mutating func appendRemainingTitlePostings() {
    while titleCursor < termTitlePairs.upperBound {
      let weighted =
        UInt64(titleArena[titleCursor + 1]) * UInt64(PostingsFormat.wordStreamTitleWeight)
      append(docID: titleArena[titleCursor], frequency: weighted)
      titleCursor += 2
    }
  }

  private mutating func append(docID: DocID, frequency: UInt64) {
    blockDocs.append(docID)
    blockFreqs.append(UInt32(clamping: frequency))
    docFreq += 1
    totalFreq += Int(frequency)
    if blockDocs.count == BitPacking.blockSize { flushBlock() }
  }

  /// The combined length of document `doc`, as the word stream's impacts measure it.
  private func length(_ doc: DocID) -> UInt32 {
    let title = Int(doc) < titleLengths.count ? UInt64(titleLengths[Int(doc)]) : 0
    let body = Int(doc) < bodyLengths.count ? UInt64(bodyLengths[Int(doc)]) : 0
    return UInt32(clamping: title * UInt64(PostingsFormat.wordStreamTitleWeight) + body)
  }

  private mutating func flushBlock() {
    guard !blockDocs.isEmpty else { return }
    let docStart = docBlocks.count
    for (k, doc) in blockDocs.enumerated() {
      impactScratch[k] = UInt64(blockFreqs[k]) << 32 | UInt64(length(doc))
    }
    let impacts = impactScratch.withUnsafeMutableBufferPointer { scratch in
      Impacts(
        competitivePairsOf: UnsafeMutableBufferPointer(rebasing: scratch[0..<blockDocs.count]))
    }
    PostingsFormat.appendDocBlock(
      docs: blockDocs, frequencies: blockFreqs, after: lastBlockEnd, scratch: &scratch,
      to: &docBlocks)
    let last = Int64(blockDocs[blockDocs.count - 1])
    skips.appendVarInt(UInt64(last - lastBlockEnd))
    skips.appendVarInt(docBlocks.count - docStart)
    skips.appendVarInt(0)  // no positions
    impactBytes.removeAll()
    impacts.append(to: &impactBytes)
    skips.appendVarInt(impactBytes.count)
    skips.append(contentsOf: impactBytes.bytes)
    lastBlockEnd = last
    blockDocs.removeAll(keepingCapacity: true)
    blockFreqs.removeAll(keepingCapacity: true)
  }

  private mutating func finishWord(into postings: FileSink) throws(FormatError) -> TermInfo {
    flushBlock()
    let info = TermInfo(
      docFreq: docFreq, totalTermFreq: totalFreq, postingsOffset: postings.payloadCount,
      positionsOffset: 0)
    var header = ByteWriter()
    header.appendVarInt(skips.count)
    try postings.append(header)
    try postings.append(skips)
    try postings.append(docBlocks)
    return info
  }
}
