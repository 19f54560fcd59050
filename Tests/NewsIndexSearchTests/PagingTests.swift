import NewsIndexCore
import NewsIndexSearch
import NewsIndexTestSupport
import Testing

/// Paging (`--offset`): a page is the matching slice of one deeper ranking, in every order, with
/// and without collapsing duplicates and date filters.
@Suite struct PagingTests {
  /// A long story of its own words plus `extra`: copies of it are duplicates whatever their headline.
  static func story(_ seed: Int, extra: String) -> String {
    (0..<300).map { "s\(seed)x\($0 % 97)y\($0 % 13)" }.joined(separator: " ") + " " + extra
  }

  /// The random corpus plus 12 stories of 3 copies each (groups of duplicates to collapse).
  static func documents() -> [ExtractedDocument] {
    let corpus = RandomCorpus(seed: 21, documentCount: 260).documents
    var documents = corpus
    for seed in 0..<12 {
      let body = story(seed, extra: corpus[seed].body)
      for copy in 0..<3 {
        documents.append(
          ExtractedDocument(
            id: "story-\(seed)-\(copy)", path: "story/\(seed)/\(copy)", title: corpus[seed * 3 + copy].title,
            date: "2025-02-\(String(format: "%02d", (seed + copy) % 28 + 1))", body: body))
      }
    }
    return documents
  }

  @Test func pageThreeIsHitsTwentyOneToThirtyOfTheTopThirty() throws {
    let fixture = try IndexFixture(Self.documents(), threads: 2, minimumDocumentsPerSegment: 60)
    defer { fixture.remove() }
    #expect(fixture.reader.segments.count >= 3)
    #expect(fixture.reader.duplicates.count >= 12)
    var random = SeededRandom(seed: 2024)
    var checked = 0
    var deepPages = 0
    while checked < 100 {
      let query = OracleTests.randomQuery(&random, boosts: Bool.random(using: &random))
      // The oracle's queries are all well formed: one that does not parse is a parser bug.
      let parsed = try #require(try? QueryParser.parse(query.text), "\(query.text)")
      checked += 1
      for order in [ResultOrder.score, .date] {
        for collapse in [false, true] {
          for dated in [false, true] {
            var searcher = fixture.searcher()
            searcher.order = order
            searcher.collapseDuplicates = collapse
            if dated { searcher.filter.restrict(since: DocumentDate.period("2025-01-05")!.lowerBound, until: nil) }
            let label = "\(query.text) order \(order) collapse \(collapse) dated \(dated)"
            let top = searcher.search(parsed, k: 30)
            let page = searcher.search(parsed, k: 10, offset: 20)
            #expect(page.hits == Array(top.hits.dropFirst(20)), "\(label)")
            #expect(page.offset == 20)
            #expect(page.matchCount == top.matchCount, "\(label)")
            #expect(page.matchCountIsExact == top.matchCountIsExact, "\(label)")
            let pages = (0..<3).flatMap { searcher.search(parsed, k: 10, offset: $0 * 10).hits }
            #expect(pages == top.hits, "\(label)")
            if !page.hits.isEmpty { deepPages += 1 }
          }
        }
      }
    }
    // Enough queries reach a third page for the comparison to mean something.
    #expect(deepPages > 100)
  }

  @Test func anOffsetPastTheEndGivesNoHitsButTheCount() throws {
    let fixture = try IndexFixture(RandomCorpus(seed: 3, documentCount: 50).documents)
    defer { fixture.remove() }
    let all = try fixture.searcher().search("trade", k: 1_000)
    #expect(!all.hits.isEmpty)
    let past = try fixture.searcher().search("trade", k: 10, offset: all.hits.count)
    #expect(past.hits.isEmpty)
    #expect(past.matchCount == all.matchCount)
  }
}
