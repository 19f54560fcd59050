import NewsIndexAnalysis
import Testing

@testable import NewsIndexSearch

@Suite struct SnippetTests {
  let maker = SnippetMaker(analyzer: Analyzer(), windowTokens: 12)

  @Test func sectionHeadsAreNotRunIntoTheNextSentence() {
    let body = "The ferry sailed again.\nSOLID GROUND\nPort officials built new berths."
    let snippet = maker.snippet(of: body, terms: [Array("berth".utf8), Array("ground".utf8)])
    #expect(snippet.text.contains("sailed again. SOLID GROUND · Port officials"), "\(snippet.text)")
  }

  @Test func paragraphsThatEndASentenceJoinWithASpace() {
    let snippet = maker.snippet(of: "One line.\nTwo lines", terms: [])
    #expect(snippet.text == "One line. Two lines")
  }
}
