import NewsIndexCore
import NewsIndexSearch
import NewsIndexTestSupport
import Testing

/// Did you mean: the closest frequent dictionary word, in the form readers write it.
@Suite struct SuggestionTests {
  static let documents = (0..<60).map { i in
    ExtractedDocument(
      id: "d\(i)", path: "d\(i)", title: i % 2 == 0 ? "Coffee prices" : "Companies report",
      date: "", body: i % 3 == 0 ? "The companies said coffee exports rose." : "Coffee growers and companies met; the government spoke.")
  } + [ExtractedDocument(id: "typo", path: "typo", title: "", date: "", body: "the goverment said")]

  func suggestions(_ text: String, fixture: IndexFixture) throws -> [String] {
    let searcher = fixture.searcher()
    let query = try QueryParser.parse(text)
    let result = searcher.search(query, k: 10)
    let suggestions = searcher.suggestions(for: query, noHits: result.hits.isEmpty)
    return suggestions.isEmpty ? [] : [Searcher.correctedQuery(text, suggestions)]
  }

  @Test func misspelledWordsGetTheirSurfaceForms() throws {
    let fixture = try IndexFixture(Self.documents)
    defer { fixture.remove() }
    #expect(try suggestions("cofee", fixture: fixture) == ["coffee"])
    // The stem is "compani": the suggestion is the word as written.
    #expect(try suggestions("compnies", fixture: fixture) == ["companies"])
    #expect(try suggestions("cofee prices", fixture: fixture) == ["coffee prices"])
    #expect(try suggestions("Cofee", fixture: fixture) == ["coffee"])
    // A rare word that is in the index, close to a frequent one, is questioned too.
    #expect(try suggestions("goverment coffee", fixture: fixture) == ["government coffee"])
    // Words the index holds, and words nothing is close to, get none.
    #expect(try suggestions("coffee", fixture: fixture) == [])
    #expect(try suggestions("xylophone", fixture: fixture) == [])
    // Excluded words are not corrected.
    #expect(try suggestions("coffee -cofee", fixture: fixture) == [])
  }

  @Test func stopWordOnlyQueriesAreNamed() throws {
    let fixture = try IndexFixture(Self.documents)
    defer { fixture.remove() }
    let searcher = fixture.searcher()
    #expect(searcher.stopWordsOnly(try QueryParser.parse("the of")) == ["the", "of"])
    #expect(searcher.stopWordsOnly(try QueryParser.parse("\"to be\" OR not")) == ["to", "be", "not"])
    #expect(searcher.stopWordsOnly(try QueryParser.parse("the coffee")) == nil)
    #expect(searcher.stopWordsOnly(try QueryParser.parse("!!!")) == nil)
  }
}
