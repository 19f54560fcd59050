import NewsIndexCore
import NewsIndexSearch
import NewsIndexTestSupport
import Testing

/// The engine must return exactly what an exhaustive, independent scorer returns: same
/// documents, same scores (±1e-5), same order (score descending, then document number).
@Suite struct OracleTests {
  typealias Node = BruteForceSearcher.Node

  /// A random query tree over the corpus vocabulary, rendered as query text.
  struct RandomQuery {
    var node: Node
    var text: String
  }

  static func randomWords(_ random: inout SeededRandom, count: Int) -> String {
    (0..<count).map { _ in
      Int.random(in: 0..<25, using: &random) == 0 ? "zebra" : RandomCorpus.word(using: &random)
    }.joined(separator: " ")
  }

  static func randomLeaf(_ random: inout SeededRandom) -> RandomQuery {
    let field: String? = Int.random(in: 0..<5, using: &random) == 0 ? (Bool.random(using: &random) ? "title" : "body") : nil
    let prefix = field.map { "\($0):" } ?? ""
    switch Int.random(in: 0..<10, using: &random) {
    case 0..<6:
      let text = randomWords(&random, count: 1)
      return RandomQuery(node: .words(field: field, text: text, phrase: false), text: prefix + text)
    case 6:
      // A hyphenated word: several terms from one word, matched as a phrase.
      let text = randomWords(&random, count: 1) + "-" + randomWords(&random, count: 1)
      return RandomQuery(node: .words(field: field, text: text, phrase: false), text: prefix + text)
    default:
      let text = randomWords(&random, count: Int.random(in: 2...3, using: &random))
      return RandomQuery(node: .words(field: field, text: text, phrase: true), text: prefix + "\"\(text)\"")
    }
  }

  /// Boosts the oracle tests draw: 0 (matching only), fractions, integers.
  static let boosts: [(value: Double, text: String)] = [(0, "0"), (0.5, "0.5"), (1.5, "1.5"), (2, "2"), (3, "3"), (0.25, ".25")]

  /// `query` with a random boost (`^b`) about one time in three when `boosts` is set.
  static func maybeBoosted(_ query: RandomQuery, _ random: inout SeededRandom, boosts: Bool) -> RandomQuery {
    guard boosts, Int.random(in: 0..<3, using: &random) == 0 else { return query }
    let boost = Self.boosts[Int.random(in: 0..<Self.boosts.count, using: &random)]
    let text: String
    if case .boolean = query.node { text = "(\(query.text))^\(boost.text)" } else { text = "\(query.text)^\(boost.text)" }
    return RandomQuery(node: .boosted(query.node, boost.value), text: text)
  }

  static func randomQuery(_ random: inout SeededRandom, depth: Int = 0, boosts: Bool = false) -> RandomQuery {
    if depth >= 2 || Int.random(in: 0..<3, using: &random) == 0 {
      return maybeBoosted(randomLeaf(&random), &random, boosts: boosts)
    }
    var clauses: [(occur: String, node: Node)] = []
    var parts: [String] = []
    for _ in 0..<Int.random(in: 1...4, using: &random) {
      let child = randomQuery(&random, depth: depth + 1, boosts: boosts)
      let occur = ["should", "should", "must", "mustNot"][Int.random(in: 0..<4, using: &random)]
      clauses.append((occur, child.node))
      let sign = occur == "must" ? "+" : occur == "mustNot" ? "-" : ""
      let isGroup: Bool
      if case .boolean = child.node { isGroup = true } else { isGroup = false }
      let wrapped = isGroup ? "(\(child.text))" : child.text
      parts.append(sign + wrapped)
    }
    let query = RandomQuery(node: .boolean(clauses), text: parts.joined(separator: " "))
    return depth > 0 ? maybeBoosted(query, &random, boosts: boosts) : query
  }

  /// Checks `actual` against the oracle's full ranking `expected` (or its first `actual.count`
  /// entries when `prefix`): same length, scores within 1e-5, and the same documents in the same
  /// order, ties (equal engine scores) with the lower document number first.
  static func compare(
    _ actual: [Hit], _ expected: [(doc: Int, score: Double)], prefix: Int? = nil, _ label: String
  ) throws {
    try #require(
      actual.count == min(prefix ?? expected.count, expected.count),
      "\(label): \(actual.count) hits, oracle \(expected.count)")
    for (hit, next) in zip(actual, actual.dropFirst()) where hit.score == next.score {
      #expect(hit.docNumber < next.docNumber, "\(label): tie \(hit.score) ranks doc \(hit.docNumber) above \(next.docNumber)")
    }
    for (hit, want) in zip(actual, expected) {
      #expect(abs(hit.score - want.score) < 1e-5, "\(label): score \(hit.score) vs \(want.score)")
      if hit.docNumber != want.doc {
        // Only scores within float noise of each other may order two documents differently,
        // and then only when the engine's own scores differ (equal ones rank the lower first).
        #expect(abs(hit.score - want.score) < 1e-9, "\(label): doc \(hit.docNumber) vs \(want.doc)")
      }
    }
  }

  /// Queries, parse failures and queries with hits, counted by ``check``.
  struct Counts {
    var queries = 0
    var unparsable = 0
    var withHits = 0
  }

  /// Runs `queries` random queries against `searcher` (full ranking and top-k with and without
  /// pruning) and the oracle; returns the counts.
  static func check(
    searcher make: () -> Searcher, oracle: BruteForceSearcher, seed: UInt64, queries: Int, boosts: Bool = false
  ) throws -> Counts {
    var random = SeededRandom(seed: seed)
    var counts = Counts()
    for _ in 0..<queries {
      let query = randomQuery(&random, boosts: boosts)
      counts.queries += 1
      let parsed: Query
      do { parsed = try QueryParser.parse(query.text) } catch {
        // e.g. "()" from an all-absent group: counted, and the oracle must agree it is empty.
        counts.unparsable += 1
        #expect(oracle.search(query.node).isEmpty, "\(query.text) does not parse but matches")
        continue
      }
      let expected = oracle.search(query.node)
      if !expected.isEmpty { counts.withHits += 1 }
      try compare(make().search(parsed, k: 1_000_000).hits, expected, "query \(query.text)")
      // Top-k, with and without dynamic pruning, is a prefix of the full ranking.
      for k in [1, 3, 10] {
        for pruning in [true, false] {
          var searcher = make()
          searcher.pruning = pruning
          try compare(
            searcher.search(parsed, k: k).hits, expected, prefix: k, "query \(query.text), k \(k), pruning \(pruning)")
        }
      }
    }
    return counts
  }

  static func check(seed: UInt64, documents: Int, threads: Int, queries: Int, boosts: Bool = false) throws {
    let corpus = RandomCorpus(seed: seed, documentCount: documents)
    let fixture = try IndexFixture(corpus.documents, threads: threads, minimumDocumentsPerSegment: 40)
    defer { fixture.remove() }
    let oracle = BruteForceSearcher(documents: corpus.documents)
    let counts = try check(
      searcher: { fixture.searcher() }, oracle: oracle, seed: seed &* 31 &+ 7, queries: queries, boosts: boosts)
    #expect(counts.unparsable < queries / 10, "\(counts)")
    #expect(counts.withHits > queries / 2, "\(counts)")
  }

  @Test(arguments: [(UInt64(1), 1), (2, 2), (3, 3), (4, 4)])
  func randomQueriesMatchTheBruteForceScorer(seed: UInt64, threads: Int) throws {
    try Self.check(seed: seed, documents: 240, threads: threads, queries: 150)
  }

  @Test(arguments: [(UInt64(11), 1), (12, 3)])
  func boostedQueriesMatchTheBruteForceScorer(seed: UInt64, threads: Int) throws {
    try Self.check(seed: seed, documents: 240, threads: threads, queries: 150, boosts: true)
  }

  @Test func perFieldSumModelMatchesTheOracleWithBoosts() throws {
    let corpus = RandomCorpus(seed: 6, documentCount: 200)
    let fixture = try IndexFixture(corpus.documents, threads: 2, minimumDocumentsPerSegment: 50)
    defer { fixture.remove() }
    let oracle = BruteForceSearcher(documents: corpus.documents, titleWeight: 2, bm25f: false)
    let counts = try Self.check(
      searcher: { fixture.searcher(BM25(titleWeight: 2, fieldModel: .sum)) }, oracle: oracle, seed: 6, queries: 60,
      boosts: true)
    #expect(counts.unparsable < 6, "\(counts)")
    #expect(counts.withHits > 30, "\(counts)")
  }

  @Test func perFieldSumModelMatchesTheOracle() throws {
    let corpus = RandomCorpus(seed: 5, documentCount: 200)
    let fixture = try IndexFixture(corpus.documents, threads: 2, minimumDocumentsPerSegment: 50)
    defer { fixture.remove() }
    let oracle = BruteForceSearcher(documents: corpus.documents, titleWeight: 2, bm25f: false)
    let counts = try Self.check(
      searcher: { fixture.searcher(BM25(titleWeight: 2, fieldModel: .sum)) }, oracle: oracle, seed: 5, queries: 60)
    #expect(counts.unparsable < 6, "\(counts)")
    #expect(counts.withHits > 30, "\(counts)")
  }

  @Test func orAndNotAndPhraseQueriesMatchTheOracle() throws {
    let corpus = RandomCorpus(seed: 99, documentCount: 200)
    let fixture = try IndexFixture(corpus.documents, threads: 2, minimumDocumentsPerSegment: 50)
    defer { fixture.remove() }
    let oracle = BruteForceSearcher(documents: corpus.documents)
    let cases: [(String, Node)] = [
      ("trade rates", .boolean([("should", .words(field: nil, text: "trade", phrase: false)), ("should", .words(field: nil, text: "rates", phrase: false))])),
      ("+trade +rates", .boolean([("must", .words(field: nil, text: "trade", phrase: false)), ("must", .words(field: nil, text: "rates", phrase: false))])),
      ("trade -rates", .boolean([("should", .words(field: nil, text: "trade", phrase: false)), ("mustNot", .words(field: nil, text: "rates", phrase: false))])),
      ("\"trade rates\"", .words(field: nil, text: "trade rates", phrase: true)),
      ("title:bank", .words(field: "title", text: "bank", phrase: false)),
    ]
    for (text, node) in cases {
      let actual = try fixture.searcher().search(text, k: 1_000).hits
      let expected = oracle.search(node)
      #expect(!expected.isEmpty, "\(text) should match something in the random corpus")
      try Self.compare(actual, expected, text)
    }
  }
}
