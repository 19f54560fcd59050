import NewsIndexCore
import NewsIndexFormat
import Synchronization

/// The terms of a feedback document and their counts, for relevance feedback (``RM3``): the
/// words of its title and body, each counted as often as it was indexed there, keeping only those
/// that can carry feedback (``isCandidate(_:)``), pruned to the most frequent.
///
/// Read from the segment's term vectors (``SegmentReader/termVector(_:ordinals:counts:)``): a
/// lookup and a few varints per word, with each word's candidacy remembered per segment
/// (``FeedbackWordFlags``) so a query decides only about words no earlier query met. A segment
/// written before term vectors existed falls back to re-analysing the stored title and body.
package struct FeedbackTerms {
  let reader: IndexReader
  /// Terms kept per document.
  let limit: Int
  private let maxDocFreq: Double
  private var ordinals: [UInt32] = []
  private var counts: [UInt32] = []
  private var isCandidate: [Bool] = []
  private var keys: [UInt64] = []

  /// - Parameter maxDocFraction: the share of documents above which a word is too common to
  ///   carry feedback (RM3: a tenth, as Anserini).
  package init(reader: IndexReader, limit: Int, maxDocFraction: Double = Self.defaultMaxDocFraction) {
    self.reader = reader
    self.limit = limit
    maxDocFreq = maxDocFraction * Double(reader.documentCount)
    // The reader remembers decisions at the default limit only; another limit decides afresh.
    sharesDecisions = maxDocFraction == Self.defaultMaxDocFraction
    flags = sharesDecisions ? reader.feedbackWordFlags : reader.segments.map { _ in FeedbackWordFlags() }
  }

  /// RM3's limit, as Anserini's: a word in more than a tenth of the documents carries no feedback.
  package static let defaultMaxDocFraction = 0.1
  private let sharesDecisions: Bool
  private let flags: [FeedbackWordFlags]

  /// The `limit` most frequent candidate terms of index-wide document `docNumber` with their
  /// counts (ties: the smaller term first); empty when the document cannot be read.
  package mutating func mostFrequent(in docNumber: Int) -> [[UInt8]: Double] {
    let (segmentIndex, docID) = reader.locate(docNumber)
    let segment = reader.segments[segmentIndex]
    guard segment.hasTermVectors else { return fromStoredText(docNumber) }
    guard (try? segment.termVector(docID, ordinals: &ordinals, counts: &counts)) != nil else { return [:] }
    let flags = flags[segmentIndex]
    flags.markCandidates(of: ordinals, into: &isCandidate, wordCount: segment.wordCount) { ordinal -> [UInt8]? in
      guard let (term, info) = try? segment.wordEntry(ordinal: Int(ordinal)), Self.isCandidateShape(term) else {
        return nil
      }
      // The word stream's df is this segment's share of the any-field df; the other segments'
      // come from their word streams' entries.
      var docFreq = info.docFreq
      term.withUnsafeBytes { raw in
        for (k, other) in reader.segments.enumerated() where k != segmentIndex {
          docFreq += other.wordInfo(term: raw)?.docFreq ?? 0
        }
      }
      return Double(docFreq) <= maxDocFreq ? term : nil
    }
    // Most frequent first, ties by ordinal (ordinals sort as their words do, so this is the
    // order `RM3.top` gives): one integer key each.
    keys.removeAll(keepingCapacity: true)
    for k in ordinals.indices where isCandidate[k] {
      keys.append(UInt64(UInt32.max - counts[k]) << 32 | UInt64(ordinals[k]))
    }
    keys.sort()
    var top: [[UInt8]: Double] = [:]
    for (ordinal, term) in flags.terms(of: keys.prefix(limit).map { UInt32(truncatingIfNeeded: $0) }) {
      top[term] = Double(counts[ordinals.firstIndex(of: ordinal)!])
    }
    return top
  }

  /// Whether `term` can be a feedback term: 2–20 ASCII letters or digits (no stray symbols or
  /// CJK bigrams) and found in at most 10 % of the documents. The document-frequency answer is
  /// remembered by the reader for every later query.
  func isCandidate(_ term: [UInt8]) -> Bool {
    guard Self.isCandidateShape(term) else { return false }
    let maxDocFreq = maxDocFreq
    let reader = reader
    let decide = { Double(FieldStatistics.docFreqInAnyField(reader, term: term)) <= maxDocFreq }
    return sharesDecisions ? reader.cachedFlag(for: term, compute: decide) : decide()
  }

  /// The fallback for a segment without term vectors: the stored title and body re-analysed.
  private func fromStoredText(_ docNumber: Int) -> [[UInt8]: Double] {
    guard let document = try? reader.storedDocument(docNumber) else { return [:] }
    let stems = reader.analyzer.makeStemCache()
    var counts: [[UInt8]: Int] = [:]
    for var text in [document.title, document.body] {
      _ = text.withUTF8 { utf8 in
        reader.analyzer.forEachToken(in: UnsafeRawBufferPointer(utf8), cache: stems) { token in
          counts[Array(token.term), default: 0] += 1
        }
      }
    }
    return RM3.top(counts.filter { isCandidate($0.key) }.mapValues(Double.init), limit)
  }

  /// 2–20 ASCII letters or digits.
  private static func isCandidateShape(_ term: [UInt8]) -> Bool {
    term.count >= 2 && term.count <= 20 && term.allSatisfy(isASCIIWordByte)
  }

  private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
  }
}

/// Per segment, which of its words can be feedback terms (``FeedbackTerms/isCandidate(_:)``),
/// decided on first use and shared by every query on the reader (its snapshot never changes),
/// with the candidates' bytes kept so a query resolves no ordinal twice.
package final class FeedbackWordFlags: Sendable {
  private struct State {
    /// Per word ordinal: 0 undecided, 1 a candidate (its bytes in `terms`), 2 not; empty until
    /// first used.
    var flags: [UInt8] = []
    var terms: [UInt32: [UInt8]] = [:]
  }
  private let state = Mutex(State())

  package init() {}

  /// Sets `marks[k]` to whether `ordinals[k]` is a candidate; `decide` (called outside the lock)
  /// settles the words not decided yet, giving the bytes of a candidate.
  func markCandidates(
    of ordinals: [UInt32], into marks: inout [Bool], wordCount: Int, decide: (UInt32) -> [UInt8]?
  ) {
    marks.removeAll(keepingCapacity: true)
    var undecided: [Int] = []
    state.withLock { state in
      if state.flags.count != wordCount { state.flags = [UInt8](repeating: 0, count: wordCount) }
      for (k, ordinal) in ordinals.enumerated() {
        let flag = state.flags[Int(ordinal)]
        if flag == 0 { undecided.append(k) }
        marks.append(flag == 1)
      }
    }
    guard !undecided.isEmpty else { return }
    let decided = undecided.map { decide(ordinals[$0]) }
    state.withLock { state in
      for (k, term) in zip(undecided, decided) {
        let ordinal = ordinals[k]
        state.flags[Int(ordinal)] = term == nil ? 2 : 1
        if let term { state.terms[ordinal] = term }
      }
    }
    for (k, term) in zip(undecided, decided) { marks[k] = term != nil }
  }

  /// The bytes of candidate words `ordinals` (as ``markCandidates(of:into:wordCount:decide:)`` found them).
  func terms(of ordinals: [UInt32]) -> [(UInt32, [UInt8])] {
    state.withLock { state in ordinals.compactMap { ordinal in state.terms[ordinal].map { (ordinal, $0) } } }
  }
}
