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
/// terms end; title and body terms both arrive in key order, so one merge walk pairs them. Memory:
/// the title's postings, and one dictionary entry per word until `finish`.
struct WordStreamWriter {
  /// (doc, frequency) pairs of every title term, back to back.
  private var titleArena: [UInt32] = []
  /// Each title term (in key order): its bytes in `termBytes`, its range of pairs in
  /// `titleArena`, and whether a body term of the same word has taken it.
  private var titleTerms: [(term: Range<Int>, pairs: Range<Int>, taken: Bool)] = []
  /// The first title term the body's terms have not passed yet.
  private var nextTitleTerm = 0
  /// The dictionary entries written so far, their terms as ranges of `termBytes`: words of the
  /// body in key order, then (from `finishTitleOnlyWords`) those only in titles, in key order.
  private var bodyEntries: [(term: Range<Int>, info: TermInfo)] = []
  private var titleOnlyEntries: [(term: Range<Int>, info: TermInfo)] = []
  /// The bytes of the title terms and of the body's words, back to back.
  private var termBytes: [UInt8] = []
  private var titleOnlyWritten = false

  /// Whether the postings given are also turned into term vectors (``writeTermVectors``); a
  /// merge that copies its inputs' vectors turns it off.
  var derivesTermVectors = true
  /// Every word posting as `doc << 32 | word`, where `word` is the word's place in the order
  /// the streams are written (body words, then words only in titles), and its count beside it.
  private var vectorKeys: [UInt64] = []
  private var vectorCounts: [UInt32] = []
  /// The place of the word being written in that order.
  private var currentWordIndex: UInt32 = 0

  private var titleLengths: [UInt32] = []
  private var bodyLengths: [UInt32] = []

  // The word being written.
  /// Where the current body term's bytes start in `termBytes`.
  private var currentTerm = 0
  private var termTitlePairs: Range<Int> = 0..<0
  private var titleCursor = 0
  private var blockDocs: [UInt32] = []
  private var blockFreqs: [UInt32] = []
  private var skips = ByteWriter()
  private var docBlocks: [UInt8] = []
  private var impactBytes = ByteWriter()
  private var header = ByteWriter()
  private var impactScratch: [UInt64] = Array(repeating: 0, count: BitPacking.blockSize)
  private var scratch: [UInt32] = Array(repeating: 0, count: BitPacking.blockSize)
  private var lastBlockEnd: Int64 = -1
  private var docFreq = 0
  private var totalFreq = 0

  init() {
    blockDocs.reserveCapacity(BitPacking.blockSize)
    blockFreqs.reserveCapacity(BitPacking.blockSize)
  }

  /// Words written (dictionary entries `forEachEntry` gives).
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
    let start = termBytes.count
    termBytes.append(contentsOf: term)
    titleTerms.append((start..<termBytes.count, titleArena.count..<titleArena.count, false))
  }

  mutating func appendTitlePosting(docID: DocID, frequency: UInt32) {
    titleArena.append(docID)
    titleArena.append(frequency)
  }

  mutating func finishTitleTerm() {
    let last = titleTerms.count - 1
    titleTerms[last].pairs = titleTerms[last].pairs.lowerBound..<titleArena.count
  }

  // MARK: Body terms

  /// Begins the word of a body term: its title postings, if any, are merged in as the body's
  /// arrive.
  mutating func startBodyTerm(_ term: UnsafeRawBufferPointer) {
    startWord()
    termTitlePairs = 0..<0
    while nextTitleTerm < titleTerms.count {
      let order = compareTitleTerm(nextTitleTerm, with: term)
      if order > 0 { break }
      if order == 0 {
        titleTerms[nextTitleTerm].taken = true
        termTitlePairs = titleTerms[nextTitleTerm].pairs
        nextTitleTerm += 1
        break
      }
      nextTitleTerm += 1
    }
    titleCursor = termTitlePairs.lowerBound
    currentWordIndex = UInt32(bodyEntries.count)
    currentTerm = termBytes.count
    termBytes.append(contentsOf: term)
  }

  mutating func appendBodyPosting(docID: DocID, frequency: UInt32) {
    var weighted = UInt64(frequency)
    var plain = UInt64(frequency)
    while titleCursor < termTitlePairs.upperBound && titleArena[titleCursor] <= docID {
      let titleDoc = titleArena[titleCursor]
      let titleCount = UInt64(titleArena[titleCursor + 1])
      let titleFrequency = titleCount * UInt64(PostingsFormat.wordStreamTitleWeight)
      titleCursor += 2
      if titleDoc == docID {
        weighted += titleFrequency
        plain += titleCount
      } else {
        append(docID: titleDoc, frequency: titleFrequency, count: titleCount)
      }
    }
    append(docID: docID, frequency: weighted, count: plain)
  }

  /// Ends the word of the current body term: writes its stream to `postings` and keeps its
  /// dictionary entry for `forEachEntry`.
  mutating func finishBodyTerm(into postings: FileSink) throws(FormatError) {
    appendRemainingTitlePostings()
    bodyEntries.append((currentTerm..<termBytes.count, try finishWord(into: postings)))
  }

  /// The order of title term `index` against `term`: negative before it, 0 equal, positive after.
  private func compareTitleTerm(_ index: Int, with term: UnsafeRawBufferPointer) -> Int {
    let range = titleTerms[index].term
    for offset in 0..<min(range.count, term.count) where termBytes[range.lowerBound + offset] != term[offset] {
      return Int(termBytes[range.lowerBound + offset]) - Int(term[offset])
    }
    return range.count - term.count
  }

  // MARK: Words only in titles, and the dictionary

  /// Writes the streams of the title terms no body term took; call once, after the body's terms
  /// (a later call does nothing).
  mutating func finishTitleOnlyWords(into postings: FileSink) throws(FormatError) {
    guard !titleOnlyWritten else { return }
    titleOnlyWritten = true
    for index in titleTerms.indices where !titleTerms[index].taken {
      startWord()
      currentWordIndex = UInt32(bodyEntries.count + titleOnlyEntries.count)
      termTitlePairs = titleTerms[index].pairs
      titleCursor = termTitlePairs.lowerBound
      appendRemainingTitlePostings()
      titleOnlyEntries.append((titleTerms[index].term, try finishWord(into: postings)))
    }
    titleArena = []
    titleTerms = []
  }

  /// Calls `body` with every word and its dictionary entry, in key order (the two sorted lists
  /// merged).
  func forEachEntry(_ body: (ArraySlice<UInt8>, TermInfo) throws(FormatError) -> Void) throws(FormatError) {
    try forEachInKeyOrder { place throws(FormatError) in
      let entry = place < bodyEntries.count ? bodyEntries[place] : titleOnlyEntries[place - bodyEntries.count]
      try body(termBytes[entry.term], entry.info)
    }
  }

  /// Calls `body` with every word's place in writing order (body words, then words only in
  /// titles), in key order: the merge walk of the two sorted lists.
  private func forEachInKeyOrder(_ body: (Int) throws(FormatError) -> Void) throws(FormatError) {
    var a = 0
    var b = 0
    while a < bodyEntries.count || b < titleOnlyEntries.count {
      let takeBody =
        b == titleOnlyEntries.count
        || (a < bodyEntries.count
          && termBytes[bodyEntries[a].term].lexicographicallyPrecedes(termBytes[titleOnlyEntries[b].term]))
      if takeBody {
        try body(a)
        a += 1
      } else {
        try body(bodyEntries.count + b)
        b += 1
      }
    }
  }

  // MARK: Term vectors

  /// Writes the term vectors of documents `0..<documentCount` from the postings given, after
  /// `finishTitleOnlyWords`: the word postings regrouped by document (a counting sort), each
  /// word as its ordinal in key order.
  mutating func writeTermVectors(into sink: inout TermVectorSink, documentCount: Int) throws(FormatError) {
    precondition(titleOnlyWritten, "term vectors before the words only in titles")
    // Place in writing order -> ordinal in key order (the merge walk of `forEachEntry`).
    var ordinalOf = [UInt32](repeating: 0, count: wordCount)
    var next: UInt32 = 0
    try forEachInKeyOrder { place in
      ordinalOf[place] = next
      next += 1
    }
    var starts = [Int](repeating: 0, count: documentCount + 1)
    for key in vectorKeys { starts[Int(key >> 32) + 1] += 1 }
    for doc in 0..<documentCount { starts[doc + 1] += starts[doc] }
    var fill = starts
    var placed = [UInt64](repeating: 0, count: vectorKeys.count)
    for (k, key) in vectorKeys.enumerated() {
      let doc = Int(key >> 32)
      placed[fill[doc]] = UInt64(ordinalOf[Int(key & 0xFFFF_FFFF)]) << 32 | UInt64(vectorCounts[k])
      fill[doc] += 1
    }
    vectorKeys = []
    vectorCounts = []
    var ordinals: [UInt32] = []
    var counts: [UInt32] = []
    for doc in 0..<documentCount {
      placed[starts[doc]..<starts[doc + 1]].sort()
      ordinals.removeAll(keepingCapacity: true)
      counts.removeAll(keepingCapacity: true)
      for entry in placed[starts[doc]..<starts[doc + 1]] {
        ordinals.append(UInt32(entry >> 32))
        counts.append(UInt32(entry & 0xFFFF_FFFF))
      }
      try sink.append(ordinals: ordinals, counts: counts)
    }
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
      let count = UInt64(titleArena[titleCursor + 1])
      append(
        docID: titleArena[titleCursor], frequency: count * UInt64(PostingsFormat.wordStreamTitleWeight), count: count)
      titleCursor += 2
    }
  }

  private mutating func append(docID: DocID, frequency: UInt64, count: UInt64) {
    if derivesTermVectors {
      vectorKeys.append(UInt64(docID) << 32 | UInt64(currentWordIndex))
      vectorCounts.append(UInt32(clamping: count))
    }
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
    header.removeAll()
    header.appendVarInt(skips.count)
    try postings.append(header)
    try postings.append(skips)
    try postings.append(docBlocks)
    return info
  }
}
