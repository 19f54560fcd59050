import NewsIndexCore
import NewsIndexSearch
import NewsIndexTestSupport
import Testing

/// MaxScore must return exactly what exhaustive scoring returns (same documents, bit-identical
/// scores, same order) while scoring fewer documents and skipping blocks.
@Suite struct PruningTests {
  static func randomOr(_ random: inout SeededRandom) -> String {
    let words = (0..<Int.random(in: 2...6, using: &random)).map { _ in RandomCorpus.word(using: &random) }
    let excluded = Int.random(in: 0..<4, using: &random) == 0 ? " -" + RandomCorpus.word(using: &random) : ""
    return words.joined(separator: " ") + excluded
  }

  @Test func maxScoreEqualsExhaustiveScoringAndDoesLessWork() throws {
    let corpus = RandomCorpus(seed: 11, documentCount: 3_000)
    let fixture = try IndexFixture(corpus.documents, threads: 2, minimumDocumentsPerSegment: 1_200)
    defer { fixture.remove() }
    var random = SeededRandom(seed: 11)
    var pruned = QueryStatistics()
    var exhaustive = QueryStatistics()
    for _ in 0..<60 {
      let text = Self.randomOr(&random)
      for k in [1, 10, 100] {
        var fast = fixture.searcher()
        fast.pruning = true
        var slow = fixture.searcher()
        slow.pruning = false
        let a = try fast.search(text, k: k)
        let b = try slow.search(text, k: k)
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
    #expect(result.statistics.microseconds >= 0)
  }
}
