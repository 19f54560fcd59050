import NewsIndexCore
import NewsIndexSearch
import NewsIndexTestSupport
import Testing

/// MaxScore must return exactly what exhaustive scoring returns (same documents, bit-identical
/// scores, same order) while scoring fewer documents and skipping blocks.
@Suite struct PruningTests {
  /// A random OR of 2–6 vocabulary words, sometimes excluding one, as text and oracle tree.
  static func randomOrQuery(_ random: inout SeededRandom) -> (text: String, node: BruteForceSearcher.Node) {
    let words = (0..<Int.random(in: 2...6, using: &random)).map { _ in RandomCorpus.word(using: &random) }
    var clauses: [(occur: String, node: BruteForceSearcher.Node)] = words.map {
      ("should", .words(field: nil, text: $0, phrase: false))
    }
    var text = words.joined(separator: " ")
    if Int.random(in: 0..<4, using: &random) == 0 {
      let excluded = RandomCorpus.word(using: &random)
      clauses.append(("mustNot", .words(field: nil, text: excluded, phrase: false)))
      text += " -" + excluded
    }
    return (text, .boolean(clauses))
  }

  static func randomOr(_ random: inout SeededRandom) -> String { randomOrQuery(&random).text }

  /// On the shared real-format index, pruned and exhaustive top-k both equal the brute-force
  /// ranking's first k, and pruning scores fewer documents and skips blocks.
  @Test func maxScoreEqualsTheOracleAndDoesLessWork() throws {
    let reader = try RealFormatOracleTests.reader()
    let oracle = try RealFormatOracleTests.oracles.get()[0]
    var random = SeededRandom(seed: 11)
    var pruned = QueryStatistics()
    var exhaustive = QueryStatistics()
    var withHits = 0
    for _ in 0..<40 {
      let (text, node) = Self.randomOrQuery(&random)
      let expected = oracle.search(node)
      if expected.count > 10 { withHits += 1 }
      for k in [1, 10, 100] {
        var fast = Searcher(reader: reader)
        fast.pruning = true
        var slow = Searcher(reader: reader)
        slow.pruning = false
        let a = try fast.search(text, k: k)
        let b = try slow.search(text, k: k)
        try OracleTests.compare(a.hits, expected, prefix: k, "pruned \(text), k \(k)")
        try OracleTests.compare(b.hits, expected, prefix: k, "exhaustive \(text), k \(k)")
        #expect(a.hits == b.hits, "\(text), k \(k)")
        #expect(!b.statistics.pruned)
        if k == 10 {
          #expect(a.statistics.pruned)
          pruned.documentsScored += a.statistics.documentsScored
          pruned.blocksSkipped += a.statistics.blocksSkipped
          exhaustive.documentsScored += b.statistics.documentsScored
          exhaustive.blocksSkipped += b.statistics.blocksSkipped
        }
      }
    }
    #expect(withHits >= 35, "queries with more than 10 hits")
    #expect(pruned.documentsScored * 2 < exhaustive.documentsScored, "\(pruned) vs \(exhaustive)")
    #expect(pruned.blocksSkipped > exhaustive.blocksSkipped, "\(pruned) vs \(exhaustive)")
  }

  @Test func statisticsCountTheWork() throws {
    let corpus = RandomCorpus(seed: 12, documentCount: 400)
    let fixture = try IndexFixture(corpus.documents)
    defer { fixture.remove() }
    var searcher = fixture.searcher()
    searcher.pruning = false
    let word = RandomCorpus.vocabulary[0]
    let result = try searcher.search(word, k: 10)
    // One word over title and body: every match scored once; each field's posting read once.
    #expect(result.statistics.documentsScored == result.matchCount)
    #expect(result.statistics.postingsScored >= result.matchCount)
    #expect(result.statistics.blocksDecoded > 0)
  }
}
