import Foundation
import NewsIndexCore
import NewsIndexFormat

/// Creates a fresh folder under the system temp directory, runs `body`, and removes the folder.
func withTemporaryDirectory<T>(_ body: (IndexDirectory) throws -> T) throws -> T {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "newsindex-format-tests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: url) }
  return try body(IndexDirectory(path: url.path))
}

/// The case name of an error (`checksumMismatch`, `truncated`, …), ignoring its payload.
func caseName(_ error: any Error) -> String {
  Mirror(reflecting: error).children.first?.label ?? "\(error)"
}

func readFile(_ path: String) throws -> [UInt8] {
  [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

func writeFile(_ bytes: [UInt8], to path: String) throws {
  try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// One posting as the test wrote it.
struct ExpectedPosting: Equatable, Sendable, CustomStringConvertible {
  var docID: DocID
  var positions: [UInt32]
  var termFreq: UInt32 { UInt32(positions.count) }
  var description: String { "doc \(docID) tf \(positions.count)" }
}

/// One (field, term) key with its postings.
struct ExpectedTerm: Sendable {
  var field: Field
  var term: [UInt8]
  var postings: [ExpectedPosting]

  var key: [UInt8] { [field.rawValue] + term }
  var docFreq: Int { postings.count }
  var totalTermFreq: Int { postings.reduce(0) { $0 + $1.positions.count } }
  var text: String { "\(field):\(String(decoding: term, as: UTF8.self))" }
}

/// A whole segment's content, kept in memory to check what the reader returns.
struct SegmentFixture: Sendable {
  var documents: [ExtractedDocument] = []
  /// Indexed by `Field.rawValue`, then `DocID`.
  var fieldLengths: [[UInt32]] = Field.allCases.map { _ in [] }
  /// Sorted by key (field byte, then term bytes), as the writer requires.
  var terms: [ExpectedTerm] = []

  var keys: Set<[UInt8]> { Set(terms.map(\.key)) }

  /// Writes the segment; stored documents are split around the postings to exercise the
  /// writer's "any order" promise (field lengths must come before the postings).
  func write(to directory: IndexDirectory, name: String = "seg-1") throws -> SegmentInfo {
    var writer = try SegmentWriter(directory: directory, name: name)
    // Fixtures written before byline and source were fields give lengths for title and body only.
    let documentCount = fieldLengths.map(\.count).max() ?? 0
    for field in Field.allCases {
      let index = Int(field.rawValue)
      let lengths = index < fieldLengths.count ? fieldLengths[index] : Array(repeating: 0, count: documentCount)
      writer.setFieldLengths(lengths, for: field)
    }
    let half = documents.count / 2
    for document in documents[..<half] { try writer.appendStoredDocument(document) }
    for term in terms {
      term.term.withUnsafeBytes { writer.startTerm(field: term.field, term: $0) }
      for posting in term.postings {
        posting.positions.withUnsafeBufferPointer {
          writer.appendPosting(docID: posting.docID, positions: $0)
        }
      }
      try writer.finishTerm()
    }
    for document in documents[half...] { try writer.appendStoredDocument(document) }
    return try writer.finish()
  }

  mutating func sortTerms() {
    terms.sort { $0.key.lexicographicallyPrecedes($1.key) }
  }

  // MARK: Random content

  static let words = [
    "news", "Zürich", "São", "Paulo", "자유무역", "人工智能", "Москва", "ΑΘΗΝΑ", "🙂", "naïve", "ﬁle",
    "e\u{301}",
    "trade", "2025-03-14", "O’Neill", "\u{FFFD}", "tab\there", "line\nbreak",
  ]
  static let syllables = ["a", "b", "n", "ew", "s", "é", "ß", "자", "文", "🙂", "z", "0", "ab"]

  static func randomText(_ random: inout SplitMix64, maxWords: Int) -> String {
    (0..<random.int(in: 0...maxWords)).map { _ in random.element(of: words) }.joined(separator: " ")
  }

  static func randomDocument(_ random: inout SplitMix64, docID: Int) -> ExtractedDocument {
    if random.chance(5) { return ExtractedDocument(id: "empty#\(docID)", path: "") }
    return ExtractedDocument(
      id: "corpus/ü/\(docID).xml#\(random.element(of: words))", path: "corpus/ü/\(docID).xml",
      title: randomText(&random, maxWords: 6),
      date: random.chance(50) ? "2025-03-14T09:30:00Z" : "",
      byline: randomText(&random, maxWords: 2),
      body: random.chance(3)
        ? String(repeating: "자유 ", count: 3000) : randomText(&random, maxWords: 40))
  }

  static func randomTerm(_ random: inout SplitMix64) -> [UInt8] {
    Array((0..<random.int(in: 1...4)).map { _ in random.element(of: syllables) }.joined().utf8)
  }

  static let positionGaps: [UInt32] = [1, 1, 1, 1, 2, 3, 127, 128, 16383, 16384, 16385, 70000]

  static func randomPositions(_ random: inout SplitMix64, termFreq: Int) -> [UInt32] {
    var position = UInt32(random.int(in: 0...50))
    var positions: [UInt32] = []
    for _ in 0..<termFreq {
      positions.append(position)
      position +=
        random.chance(80) ? random.element(of: positionGaps) : UInt32(random.int(in: 1...100_000))
    }
    return positions
  }

  static func randomPostings(
    _ random: inout SplitMix64, docFreq: Int, documentCount: Int, maxTermFreq: Int
  ) -> [ExpectedPosting] {
    random.sample(docFreq, below: documentCount).map { docID in
      let termFreq = random.chance(3) ? random.int(in: 1...maxTermFreq) : random.int(in: 1...4)
      return ExpectedPosting(
        docID: DocID(docID), positions: randomPositions(&random, termFreq: termFreq))
    }
  }

  /// Random documents and field lengths, no terms.
  /// Documents beyond `richDocumentCount` get only a short id, to keep big segments cheap.
  static func randomDocuments(
    seed: UInt64, documentCount: Int, richDocumentCount: Int = 2000
  ) -> (SegmentFixture, SplitMix64) {
    var random = SplitMix64(seed: seed)
    var fixture = SegmentFixture()
    fixture.documents = (0..<documentCount).map { docID in
      docID < richDocumentCount
        ? randomDocument(&random, docID: docID) : ExtractedDocument(id: "d\(docID)", path: "p")
    }
    let lengthChoices: [UInt32] = [0, 1, 127, 128, 16384, .max]
    fixture.fieldLengths = Field.allCases.map { _ in
      (0..<documentCount).map { _ in
        random.chance(10) ? random.element(of: lengthChoices) : UInt32(random.int(in: 0...5000))
      }
    }
    return (fixture, random)
  }

  /// A segment with one term per entry of `docFreqs` plus `extraTerms` small random terms.
  static func random(
    seed: UInt64, documentCount: Int, docFreqs: [Int], extraTerms: Int, maxTermFreq: Int = 300
  ) -> SegmentFixture {
    var (fixture, random) = randomDocuments(seed: seed, documentCount: documentCount)
    var used = Set<[UInt8]>()
    let allDocFreqs =
      docFreqs + (0..<extraTerms).map { _ in random.int(in: 1...min(20, documentCount)) }
    for docFreq in allDocFreqs {
      var term: ExpectedTerm
      repeat {
        term = ExpectedTerm(
          field: random.element(of: Field.allCases), term: randomTerm(&random), postings: [])
      } while used.contains(term.key)
      used.insert(term.key)
      term.postings = randomPostings(
        &random, docFreq: docFreq, documentCount: documentCount, maxTermFreq: maxTermFreq)
      fixture.terms.append(term)
    }
    fixture.sortTerms()
    return fixture
  }
}

extension SegmentReader {
  func termInfo(_ field: Field, _ term: [UInt8]) -> TermInfo? {
    term.withUnsafeBytes { termInfo(field: field, term: $0) }
  }

  func termInfo(_ field: Field, _ term: String) -> TermInfo? {
    termInfo(field, Array(term.utf8))
  }
}

extension PostingsCursor {
  /// The current posting, reading its positions.
  var currentPosting: ExpectedPosting {
    ExpectedPosting(docID: docID, positions: Array(positions()))
  }

  /// Every remaining posting, via `next()`.
  func drain() -> [ExpectedPosting] {
    var postings: [ExpectedPosting] = []
    while docID != PostingsCursor.end {
      postings.append(currentPosting)
      next()
    }
    return postings
  }
}
