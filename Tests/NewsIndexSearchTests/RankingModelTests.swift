import NewsIndexCore
import NewsIndexSearch
import Testing

/// Query likelihood and RM3, on the three documents of `BM25Tests` (stemmed: `appl`, `banana`,
/// `cherri`; title weight 3).
@Suite struct RankingModelTests {
  let documents = [
    ExtractedDocument(id: "d0", path: "d0", title: "apple", body: "apple banana"),
    ExtractedDocument(id: "d1", path: "d1", title: "banana", body: "apple apple cherry"),
    ExtractedDocument(id: "d2", path: "d2", title: "cherry", body: "banana"),
  ]

  @Test func queryLikelihoodEqualsHandComputedValues() throws {
    let fixture = try IndexFixture(documents)
    defer { fixture.remove() }
    var searcher = fixture.searcher()
    searcher.queryLikelihoodMu = 2
    let result = try searcher.search("apple", k: 10)
    // Weighted tokens: 3 * 3 (titles) + 6 (bodies) = 15; weighted count of appl: 3 * 1 + 3 = 6: P = 0.4.
    // d0: tf' = 3 + 1 = 4, len' = 3 + 2 = 5: ln(1 + 4 / 0.8) + ln(2 / 7) = ln(12/7) = 0.5389965007326869
    #expect(result.hits.count == 2)
    #expect(try fixture.reader.storedID(result.hits[0].docNumber) == "d0")
    #expect(abs(result.hits[0].score - 0.5389965007326869) < 1e-9)
    // d1: tf' = 2, len' = 6: ln(1 + 2 / 0.8) + ln(2 / 8) = ln(0.875) < 0, clamped to 0 (as Lucene).
    #expect(result.hits[1].score == 0)
  }

  @Test func feedbackAppliesOnlyToPlainWordQueries() throws {
    #expect(RM3.applies(to: try QueryParser.parse("apple banana")))
    #expect(RM3.applies(to: try QueryParser.parse("free-trade")))
    #expect(!RM3.applies(to: try QueryParser.parse("\"apple banana\"")))
    #expect(!RM3.applies(to: try QueryParser.parse("apple -banana")))
    #expect(!RM3.applies(to: try QueryParser.parse("+apple banana")))
    #expect(!RM3.applies(to: try QueryParser.parse("title:apple")))
  }

  @Test func feedbackFindsDocumentsThroughExpansionTerms() throws {
    // "kiwi" is in 2 of 24 documents (≤ 10 %, so usable for feedback) and co-occurs with "mango";
    // the query "mango" reaches the kiwi-only document through the expansion.
    var documents = [
      ExtractedDocument(id: "m1", path: "m1", title: "", body: "mango kiwi kiwi"),
      ExtractedDocument(id: "k1", path: "k1", title: "", body: "kiwi kiwi"),
    ]
    for i in 0..<22 { documents.append(ExtractedDocument(id: "f\(i)", path: "f\(i)", title: "", body: "filler text \(i)")) }
    let fixture = try IndexFixture(documents)
    defer { fixture.remove() }
    let plain = try fixture.ids("mango")
    #expect(plain == ["m1"])
    var searcher = fixture.searcher()
    searcher.feedback = RM3()
    let expanded = try searcher.search("mango", k: 10).hits.map { try fixture.reader.storedID($0.docNumber) }
    #expect(expanded == ["m1", "k1"])
    // Structured queries are left alone.
    #expect(try searcher.search("+mango", k: 10).hits.count == 1)
  }
}
