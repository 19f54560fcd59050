package import NewsIndexAnalysis
package import NewsIndexCore
package import NewsIndexFormat
import Synchronization

/// A read-only snapshot of one commit: its segments, its analyzer, its collection statistics.
///
/// Opened once and shared by every query (it is immutable). A build running meanwhile writes new
/// segment files and swaps `meta.json`; this snapshot keeps the files it mapped and never sees
/// the change.
package final class IndexReader: Sendable {
  package let directory: IndexDirectory
  package let commit: Commit
  package let analyzer: Analyzer
  package let segments: [SegmentReader]
  /// `DocID` offset of each segment in the index-wide numbering (used for tie-breaking).
  package let segmentBases: [Int]
  package let documentCount: Int
  /// Mean tokens per document, per field (indexed by `Field.rawValue`).
  package let averageFieldLengths: [Double]
  /// The commit's groups of duplicate stories (empty for an index built without them).
  package let duplicates: DuplicateGroups
  /// The span of the documents' dates that recency weighting uses, computed on first use
  /// (``recencyBounds``).
  let recencyBoundsCache = Mutex<ClosedRange<Int64>??>(nil)
  /// Per segment, which of its words can be relevance-feedback terms (decided on first use).
  let feedbackWordFlags: [FeedbackWordFlags]

  /// Opens the current commit of `directory`.
  /// - Throws: ``FormatError`` when there is no index, the analyzer is unknown, or a file is damaged.
  package init(opening directory: IndexDirectory) throws(FormatError) {
    self.directory = directory
    // A build may swap the commit between reading meta.json and opening its files: retry once.
    var attempt = 0
    while true {
      guard let commit = try directory.readCommit() else { throw .missingIndex(path: directory.path) }
      guard commit.analyzer.isSupported else {
        throw .unsupportedAnalyzer(path: directory.filePath(IndexDirectory.commitFileName), analyzer: commit.analyzer.description)
      }
      do {
        var segments: [SegmentReader] = []
        for info in commit.segments { segments.append(try SegmentReader(opening: directory, info: info)) }
        let table = try commit.duplicatesFile.map { name throws(FormatError) in
          try DuplicateTable.read(name, in: directory, documentCount: commit.documentCount)
        }
        self.commit = commit
        self.segments = segments
        feedbackWordFlags = segments.map { _ in FeedbackWordFlags() }
        duplicates = DuplicateGroups(table: table, documentCount: commit.documentCount)
        break
      } catch {
        attempt += 1
        if attempt >= 2 { throw error }
      }
    }
    analyzer = Analyzer(settings: commit.analyzer)
    var bases: [Int] = []
    var total = 0
    for segment in segments {
      bases.append(total)
      total += segment.documentCount
    }
    segmentBases = bases
    documentCount = total
    let infos = commit.segments
    averageFieldLengths = Field.allCases.map { field in
      let tokens = infos.reduce(UInt64(0)) { sum, info in
        sum + (Int(field.rawValue) < info.fieldTokenCounts.count ? info.fieldTokenCounts[Int(field.rawValue)] : 0)
      }
      return total == 0 ? 0 : Double(tokens) / Double(total)
    }
  }

  /// Per-term answers that queries of one process share (RM3 asks whether each word of its
  /// feedback documents is too common, the same few thousand words query after query).
  private let termFlags = TermMemo<Bool>()

  /// Returns the remembered flag of `term`, computing and remembering it on first use.
  package func cachedFlag(for term: [UInt8], compute: () -> Bool) -> Bool {
    termFlags.value(for: term, compute: compute)
  }

  /// Documents containing `term` in `field`, over all segments.
  package func docFreq(field: Field, term: [UInt8]) -> Int {
    term.withUnsafeBytes { raw in
      segments.reduce(0) { $0 + ($1.termInfo(field: field, term: raw)?.docFreq ?? 0) }
    }
  }

  /// Stored fields of an index-wide document number.
  package func storedDocument(_ docNumber: Int) throws(FormatError) -> ExtractedDocument {
    let (segment, docID) = locate(docNumber)
    return try segments[segment].storedDocument(docID)
  }

  /// The stored `id` of an index-wide document number.
  package func storedID(_ docNumber: Int) throws(FormatError) -> String {
    let (segment, docID) = locate(docNumber)
    return try segments[segment].storedID(docID)
  }

  func locate(_ docNumber: Int) -> (segment: Int, docID: DocID) {
    var low = 0
    var high = segmentBases.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if segmentBases[mid] <= docNumber { low = mid } else { high = mid - 1 }
    }
    return (low, DocID(docNumber - segmentBases[low]))
  }
}

/// Answers per term, computed once and shared by every query on a reader (its snapshot never
/// changes). The table starts over past a million terms.
private final class TermMemo<Value: Sendable>: Sendable {
  private let table = Mutex<[[UInt8]: Value]>([:])

  func value(for term: [UInt8], compute: () -> Value) -> Value {
    if let known = table.withLock({ $0[term] }) { return known }
    let value = compute()
    table.withLock { table in
      if table.count > 1_000_000 { table.removeAll() }
      table[term] = value
    }
    return value
  }
}
