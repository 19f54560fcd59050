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

  @Test func aJoinedWordHighlightsItsHyphenatedSource() {
    let snippet = maker.snippet(of: "Captain Hwang Jae-ho sailed home", terms: [Array("jaeho".utf8)])
    #expect(snippet.rendered(open: "[", close: "]") == "Captain Hwang [Jae-ho] sailed home")
    let parts = maker.snippet(of: "Captain Hwang Jae-ho sailed home", terms: [Array("ho".utf8), Array("jaeho".utf8)])
    #expect(parts.rendered(open: "[", close: "]") == "Captain Hwang [Jae-ho] sailed home")
  }

  @Test func paragraphsThatEndASentenceJoinWithASpace() {
    let snippet = maker.snippet(of: "One line.\nTwo lines", terms: [])
    #expect(snippet.text == "One line. Two lines")
  }
}
