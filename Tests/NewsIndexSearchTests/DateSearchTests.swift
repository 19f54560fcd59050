import Foundation
import NewsIndexCore
import NewsIndexFormat
import NewsIndexTestSupport
import Testing

@testable import NewsIndexSearch

/// `date:` ranges in queries, `--since`/`--until` filters, date order and recency weighting.
@Suite struct DateQueryParserTests {
  static func filter(_ text: String) throws -> SearchFilter {
    try QueryParser.parseWithFilter(text).filter
  }

  static func seconds(_ text: String) -> Int64 { DocumentDate.seconds(from: text) }

  @Test func rangeEndsCoverWholeDays() throws {
    let (query, filter) = try QueryParser.parseWithFilter("oil date:[2025-01-01 TO 2025-12-31]")
    #expect(query == .term(field: nil, text: "oil"))
    #expect(filter.since == Self.seconds("2025-01-01"))
    #expect(filter.until == Self.seconds("2026-01-01") - 1)
  }

  @Test func starLeavesAnEndOpen() throws {
    #expect(
      try Self.filter("oil date:[2025-06 TO *]")
        == SearchFilter(since: Self.seconds("2025-06-01"), until: nil))
    #expect(
      try Self.filter("oil date:[* TO 2024]")
        == SearchFilter(since: nil, until: Self.seconds("2025-01-01") - 1))
    let any = try Self.filter("oil date:[* TO *]")
    #expect(!any.isEmpty && any.since == nil && any.until == nil)
    #expect(!any.accepts(date: DocumentDate.unknown) && any.accepts(date: 0))
  }

  @Test func aSinglePeriodAndSeveralRangesIntersect() throws {
    let filter = try Self.filter("date:2025-03 oil date:[2025-03-10 TO 2025-04-30]")
    #expect(
      filter
        == SearchFilter(since: Self.seconds("2025-03-10"), until: Self.seconds("2025-04-01") - 1))
  }

  @Test func rangesAndWithTheWholeQueryWhereverTheyStand() throws {
    #expect(
      try QueryParser.parseWithFilter("oil AND date:[2025 TO *] AND gas").query
        == .boolean([
          .init(.must, .term(field: nil, text: "oil")),
          .init(.must, .term(field: nil, text: "gas")),
        ]))
    #expect(
      try QueryParser.parseWithFilter("date:[2025 TO *] AND gas").query
        == .term(field: nil, text: "gas"))
    #expect(
      try QueryParser.parseWithFilter("(oil date:2025) OR gas").query
        == QueryParser.parse("oil OR gas"))
    #expect(try QueryParser.parse("oil date:2025") == .term(field: nil, text: "oil"))
  }

  @Test func wordsThatOnlyLookLikeDatesStayWords() throws {
    let (query, filter) = try QueryParser.parseWithFilter("date:tomorrow", syntax: .lenient)
    #expect(throws: QueryParseError.badDate("tomorrow", byteOffset: 5)) { try QueryParser.parseWithFilter("date:tomorrow") }
    #expect(query == .term(field: nil, text: "date:tomorrow") && filter.isEmpty)
  }

  @Test(arguments: [
    ("oil date:[2025-13-01 TO *]", "badDate"),
    ("oil date:2025-02-30", "badDate"),
    ("oil date:[2025 TO", "unterminatedDateRange"),
    ("oil date:[2025 2026]", "unexpected"),
    ("oil -date:[2025 TO *]", "negatedDateRange"),
    ("oil NOT date:2025", "negatedDateRange"),
    ("date:[2025 TO *]", "onlyDateRange"),
  ])
  func badRangesAreErrors(text: String, expected: String) {
    #expect(throws: QueryParseError.self) { try QueryParser.parseWithFilter(text) }
    do {
      _ = try QueryParser.parseWithFilter(text)
    } catch {
      let name =
        error == .onlyDateRange ? "onlyDateRange" : Mirror(reflecting: error).children.first?.label
      #expect(name == expected, "\(text): \(error)")
      #expect(!error.description.isEmpty)
    }
  }

  @Test func halfLivesAreRead() {
    #expect(RecencyWeight.seconds(fromHalfLife: "30d") == Double(30 * 86_400))
    #expect(RecencyWeight.seconds(fromHalfLife: "12h") == Double(12 * 3600))
    #expect(RecencyWeight.seconds(fromHalfLife: "2w") == Double(14 * 86_400))
    #expect(RecencyWeight.seconds(fromHalfLife: "1.5y") == 1.5 * 365 * 86_400)
    for bad in ["", "d", "30", "0d", "-3d", "3x", "infd"] {
      #expect(RecencyWeight.seconds(fromHalfLife: bad) == nil, "\(bad)")
    }
  }

  @Test func recencyFactorHalvesPerHalfLife() {
    let weight = RecencyWeight(halfLifeSeconds: 10 * 86_400, bounds: 0...(100 * 86_400))
    #expect(weight.factor(100 * 86_400) == 1)
    #expect(weight.factor(200 * 86_400) == 1)  // newer than the reference: no boost
    #expect(abs(weight.factor(90 * 86_400) - 0.5) < 1e-12)
    #expect(abs(weight.factor(80 * 86_400) - 0.25) < 1e-12)
    // Undated: as old as the oldest.
    #expect(weight.factor(DocumentDate.unknown) == weight.factor(0))
    #expect(RecencyWeight(halfLifeSeconds: 1, bounds: nil).factor(DocumentDate.unknown) == 1)
  }
}

@Suite struct DateSearchTests {
  /// Ten documents over ten days (two without a date), all matching "oil", with scores that
  /// fall as the day rises: "oil" appears 10 - day times.
  static let documents: [ExtractedDocument] = (0..<10).map { day in
    ExtractedDocument(
      id: "d\(day)", path: "d\(day)", title: "report \(day)",
      date: day >= 8 ? "" : "2025-03-\(String(format: "%02d", day + 1))T12:00:00Z",
      body: Array(repeating: "oil", count: 10 - day).joined(separator: " ")
        + " filler words here \(day)")
  }

  static func ids(_ fixture: IndexFixture, _ searcher: Searcher, _ query: String, k: Int = 20)
    throws -> [String]
  {
    try searcher.search(query, k: k).hits.map { try fixture.reader.storedID($0.docNumber) }
  }

  @Test func dateRangesAndSinceUntilFilter() throws {
    let fixture = try IndexFixture(Self.documents, minimumDocumentsPerSegment: 3)
    defer { fixture.remove() }
    var searcher = fixture.searcher()
    #expect(try Self.ids(fixture, searcher, "oil").count == 10)
    #expect(
      try Self.ids(fixture, searcher, "oil date:[2025-03-02 TO 2025-03-04]") == ["d1", "d2", "d3"])
    #expect(try Self.ids(fixture, searcher, "oil date:[2025-03-07 TO *]") == ["d6", "d7"])
    #expect(try Self.ids(fixture, searcher, "oil date:2025-03-05") == ["d4"])
    #expect(try searcher.search("oil date:[2025-03-02 TO 2025-03-04]", k: 20).matchCount == 3)
    searcher.filter = SearchFilter(since: DocumentDate.seconds(from: "2025-03-03"), until: nil)
    #expect(try Self.ids(fixture, searcher, "oil") == ["d2", "d3", "d4", "d5", "d6", "d7"])
    // The query's range narrows the options' range further.
    #expect(try Self.ids(fixture, searcher, "oil date:[* TO 2025-03-04]") == ["d2", "d3"])
    searcher.filter = SearchFilter(
      since: nil, until: DocumentDate.seconds(from: "2025-03-01T12:00:00Z"))
    #expect(try Self.ids(fixture, searcher, "oil OR filler") == ["d0"])
  }

  @Test func filteredSearchEqualsFilteringTheFullResults() throws {
    let corpus = RandomCorpus(seed: 31, documentCount: 300).documents
    let fixture = try IndexFixture(corpus, minimumDocumentsPerSegment: 40)
    defer { fixture.remove() }
    let since = DocumentDate.seconds(from: "2025-01-05")
    let until = DocumentDate.seconds(from: "2025-01-19")
    for query in [
      "trade", "bank rates", "\"free trade\"", "+oil -prices", "market OR vote OR cocoa",
    ] {
      let all = try fixture.searcher().search(query, k: 1000).hits
      let expected = try all.filter { hit in
        let date = DocumentDate.seconds(from: try fixture.reader.storedDocument(hit.docNumber).date)
        return date >= since && date <= until
      }.prefix(15)
      var searcher = fixture.searcher()
      searcher.filter = SearchFilter(since: since, until: until)
      #expect(
        searcher.search(try QueryParser.parse(query), k: 15).hits == Array(expected), "\(query)")
    }
  }

  @Test func dateOrderIsNewestFirstThenScoreAndUndatedLast() throws {
    var documents = Self.documents
    // Same date as d5, higher score than d5.
    documents.append(
      ExtractedDocument(
        id: "twin", path: "twin", date: "2025-03-06T12:00:00Z",
        body: "oil oil oil oil oil oil oil oil oil"))
    let fixture = try IndexFixture(documents, minimumDocumentsPerSegment: 4)
    defer { fixture.remove() }
    var searcher = fixture.searcher()
    searcher.order = .date
    #expect(
      try Self.ids(fixture, searcher, "oil") == [
        "d7", "d6", "twin", "d5", "d4", "d3", "d2", "d1", "d0", "d8", "d9",
      ])
    #expect(try Self.ids(fixture, searcher, "oil", k: 3) == ["d7", "d6", "twin"])
    #expect(searcher.search(try QueryParser.parse("oil"), k: 3).matchCount == 11)
  }

  @Test func recencyWeighsScoresByAge() throws {
    let fixture = try IndexFixture(Self.documents, minimumDocumentsPerSegment: 3)
    defer { fixture.remove() }
    let plain = fixture.searcher().search(try QueryParser.parse("oil"), k: 20).hits
    #expect(
      try plain.map { try fixture.reader.storedID($0.docNumber) }.prefix(3) == ["d0", "d1", "d2"])
    var searcher = fixture.searcher()
    searcher.recencyHalfLife = 86_400  // one day: each day older halves the score
    let weighted = searcher.search(try QueryParser.parse("oil"), k: 20).hits
    #expect(try fixture.reader.storedID(weighted[0].docNumber) == "d7")
    let newest = try #require(fixture.reader.recencyBounds).upperBound
    #expect(newest == DocumentDate.seconds(from: "2025-03-08T12:00:00Z"))
    for hit in weighted {
      let base = try #require(plain.first { $0.docNumber == hit.docNumber }).score
      let date = fixture.reader.date(ofDocument: hit.docNumber)
      let age = date == DocumentDate.unknown ? 7.0 : Double(newest - date) / 86_400
      #expect(abs(hit.score - base * pow(2, -age)) < 1e-9 * base)
    }
  }
}
