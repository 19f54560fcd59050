import NewsIndexCore
import NewsIndexFormat
import NewsIndexSearch
import NewsIndexTestSupport
import Testing

/// The oracle comparison on ``RealFormatIndex``: full bit-packed doc-id blocks with skip entries
/// and impacts, documents with more than 128 positions of a word, several segments made by
/// merges. Every scorer (OR, AND, NOT, phrase, field-scoped; pruned and exhaustive; BM25F over
/// word streams, BM25F over fields, per-field sum) must give BruteForceSearcher's scores and order.
@Suite struct RealFormatOracleTests {
  typealias Node = BruteForceSearcher.Node

  /// The shared index, opened once per process, with its default-model oracle.
  static let opened = Result<(reader: IndexReader, index: RealFormatIndex), any Error> {
    let index = try RealFormatIndex.shared()
    return (try IndexReader(opening: index.directory), index)
  }

  static func reader() throws -> IndexReader { try opened.get().reader }
  static func documents() throws -> [ExtractedDocument] { try opened.get().index.documents }

  /// The fixture reaches the format it is meant to reach; otherwise the other tests prove little.
  @Test func theFixtureHasFullBlocksLongPostingsAndMergedSegments() throws {
    let reader = try Self.reader()
    #expect(reader.segments.count == RealFormatIndex.segmentCount)
    #expect(reader.documentCount == RealFormatIndex.documentCount)
    #expect(
      reader.commit.segments.contains { $0.documentCount > RealFormatIndex.documentsPerFlush },
      "one segment is a merge of flushes")
    for segment in reader.segments {
      var fullBlockTerms = 0
      var longPostings = 0
      var cursors: [PostingsCursor] = []
      try segment.forEachTerm { field, _, info in
        if info.docFreq > BitPacking.blockSize { fullBlockTerms += 1 }
        if field == .body && info.totalTermFreq > BitPacking.blockSize {
          cursors.append(segment.postings(info))
        }
        return true
      }
      for cursor in cursors {
        while cursor.docID != PostingsCursor.end {
          if cursor.termFreq > UInt32(BitPacking.blockSize) {
            longPostings += 1
            #expect(cursor.positions().count == Int(cursor.termFreq))
          }
          cursor.next()
        }
      }
      var fullBlockWords = 0
      try segment.forEachWord { _, info in
        if info.docFreq > 2 * BitPacking.blockSize { fullBlockWords += 1 }
        return true
      }
      #expect(fullBlockTerms >= 10, "terms with a full doc-id block: \(fullBlockTerms)")
      #expect(fullBlockWords >= 5, "word streams with two full doc-id blocks: \(fullBlockWords)")
      #expect(longPostings >= 5, "postings with more than 128 positions")
    }
  }

  static func word(_ field: String?, _ text: String, phrase: Bool = false) -> Node {
    .words(field: field, text: text, phrase: phrase)
  }

  /// One query of each scorer kind over frequent and rare words.
  static let cases: [(String, Node)] = [
    ("trade", word(nil, "trade")),
    ("cocoa", word(nil, "cocoa")),
    ("moon", word(nil, "moon")),
    (
      "trade rates bank",
      .boolean([
        ("should", word(nil, "trade")), ("should", word(nil, "rates")),
        ("should", word(nil, "bank")),
      ])
    ),
    (
      "cocoa exports moon",
      .boolean([
        ("should", word(nil, "cocoa")), ("should", word(nil, "exports")),
        ("should", word(nil, "moon")),
      ])
    ),
    ("+trade +rates", .boolean([("must", word(nil, "trade")), ("must", word(nil, "rates"))])),
    ("+korea +vote", .boolean([("must", word(nil, "korea")), ("must", word(nil, "vote"))])),
    ("trade -rates", .boolean([("should", word(nil, "trade")), ("mustNot", word(nil, "rates"))])),
    (
      "bank cocoa -trade",
      .boolean([
        ("should", word(nil, "bank")), ("should", word(nil, "cocoa")),
        ("mustNot", word(nil, "trade")),
      ])
    ),
    ("\"trade rates\"", word(nil, "trade rates", phrase: true)),
    ("\"trade trade\"", word(nil, "trade trade", phrase: true)),
    ("\"bank korea cocoa\"", word(nil, "bank korea cocoa", phrase: true)),
    ("title:trade", word("title", "trade")),
    ("body:cocoa", word("body", "cocoa")),
    ("body:\"rates bank\"", word("body", "rates bank", phrase: true)),
    (
      "+title:bank body:korea",
      .boolean([("must", word("title", "bank")), ("should", word("body", "korea"))])
    ),
  ]

  static let models: [(String, BM25, BruteForceSearcher.Configuration)] = [
    ("BM25F, word streams", BM25(), .init(titleWeight: 3, bm25f: true)),
    ("BM25F, title weight 2", BM25(titleWeight: 2), .init(titleWeight: 2, bm25f: true)),
    ("per-field sum", BM25(titleWeight: 2, fieldModel: .sum), .init(titleWeight: 2, bm25f: false)),
  ]

  static let oracles = Result<[BruteForceSearcher], any Error> {
    let documents = try Self.documents()
    return models.map {
      BruteForceSearcher(documents: documents, titleWeight: $0.2.titleWeight, bm25f: $0.2.bm25f)
    }
  }

  @Test(arguments: 0..<3)
  func everyScorerMatchesTheOracle(model: Int) throws {
    let reader = try Self.reader()
    let oracle = try Self.oracles.get()[model]
    let (name, bm25, _) = Self.models[model]
    var withHits = 0
    for (text, node) in Self.cases {
      let expected = oracle.search(node)
      if !expected.isEmpty { withHits += 1 }
      let parsed = try QueryParser.parse(text)
      try OracleTests.compare(
        Searcher(reader: reader, bm25: bm25).search(parsed, k: 1_000_000).hits, expected,
        "\(name): \(text)")
      for k in [1, 10, 100] {
        for pruning in [true, false] {
          var searcher = Searcher(reader: reader, bm25: bm25)
          searcher.pruning = pruning
          try OracleTests.compare(
            searcher.search(parsed, k: k).hits, expected, prefix: k,
            "\(name): \(text), k \(k), pruning \(pruning)")
        }
      }
    }
    #expect(withHits == Self.cases.count, "every fixed query matches documents")
  }

  @Test(arguments: 0..<3)
  func randomQueriesMatchTheOracle(model: Int) throws {
    let reader = try Self.reader()
    let oracle = try Self.oracles.get()[model]
    let bm25 = Self.models[model].1
    let counts = try OracleTests.check(
      searcher: { Searcher(reader: reader, bm25: bm25) }, oracle: oracle,
      seed: 2_022 + UInt64(model), queries: 40)
    #expect(counts.unparsable < 4, "\(counts)")
    #expect(counts.withHits > 25, "\(counts)")
  }
}
