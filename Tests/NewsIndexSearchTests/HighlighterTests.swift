import NewsIndexAnalysis
import NewsIndexCore
import Testing

@testable import NewsIndexSearch

@Suite struct HighlighterTests {
  func highlighter(_ text: String) throws -> Highlighter {
    Highlighter(query: try QueryParser.parseWithFilter(text).query, analyzer: Analyzer())
  }

  func marked(_ snippet: Snippet) -> String { snippet.rendered(open: "[", close: "]") }

  @Test func phrasesAreHighlightedAsUnitsAndTheirLoneWordsNot() throws {
    let h = try highlighter("\"free trade agreement\" korea")
    let body = "Trade ties grew. Korea signed a free trade agreement with Canada."
    let text = marked(Snippet(text: body, highlights: h.matches(in: body, field: .body)))
    #expect(text == "Trade ties grew. [Korea] signed a [free trade agreement] with Canada.")
  }

  @Test func excludedClausesAndOtherFieldsAreNotHighlighted() throws {
    let h = try highlighter("oil -gas title:opec")
    let body = "Oil and gas prices rose; OPEC met."
    #expect(marked(Snippet(text: body, highlights: h.matches(in: body, field: .body))) == "[Oil] and gas prices rose; OPEC met.")
    #expect(marked(h.title("OPEC raises oil output")) == "[OPEC] raises [oil] output")
  }

  @Test func stopWordsInsideAPhraseKeepItsShape() throws {
    let h = try highlighter("\"department of defense\"")
    let body = "The department for defense spoke; the department defense did not."
    #expect(marked(Snippet(text: body, highlights: h.matches(in: body, field: .body)))
      == "The [department for defense] spoke; the department defense did not.")
  }

  @Test func fragmentsAreWholeSentencesThatCoverDifferentWords() throws {
    let h = try highlighter("number covid vaccine")
    let body =
      "The number of Covid-19 cases rose in March. Officials met on Monday. Dr. Smith of the U.S. agency said "
      + "a vaccine was near. The number kept rising."
    let fragments = h.fragments(of: body, count: 2)
    #expect(fragments.map(marked) == [
      "The [number] of [Covid]-19 cases rose in March.", "Dr. Smith of the U.S. agency said a [vaccine] was near.",
    ])
    // The leading stop word stays: sentences start where they start.
    #expect(fragments[0].text.hasPrefix("The number"))
  }

  @Test func withoutAMatchTheLeadSentenceIsShown() throws {
    let fragments = try highlighter("zebra").fragments(of: "Rates held. Markets rose.", count: 2)
    #expect(fragments.map(\.text) == ["Rates held."])
    #expect(fragments[0].highlights.isEmpty)
  }

  @Test func longSentencesAreCutAroundTheMatchAtWordBoundaries() throws {
    let body = String(repeating: "filler words here ", count: 40) + "the whale surfaced " + String(repeating: "more text ", count: 40)
    let fragment = try #require(try highlighter("whale").fragments(of: body, count: 1, maxBytes: 120).first)
    #expect(fragment.text.hasPrefix("… "))
    #expect(fragment.text.hasSuffix(" …"))
    #expect(fragment.text.utf8.count < 200)
    #expect(marked(fragment).contains("[whale]"))
  }

  @Test func utf16OffsetsCountSurrogatePairsAndAccents() throws {
    let h = try highlighter("zürich")
    let body = "😀 In Zürich it snowed."
    let snippet = Snippet(text: body, highlights: h.matches(in: body, field: .body))
    let utf8 = try #require(snippet.highlights.first)
    let utf16 = try #require(snippet.utf16Highlights.first)
    #expect(String(decoding: Array(body.utf8)[utf8], as: UTF8.self) == "Zürich")
    let units = Array(body.utf16)
    #expect(String(decoding: units[utf16], as: UTF16.self) == "Zürich")
    #expect(utf16.lowerBound == 6)
  }
}

@Suite struct JoinedSnippetTests {
  @Test func passagesJoinWithOneEllipsisAndHighlightsFollow() {
    let a = Snippet(text: "… the whale …", highlights: [8..<13])
    let b = Snippet(text: "… a whale swam.", highlights: [6..<11])
    let joined = Snippet.joined([a, b])
    #expect(joined.text == "… the whale … a whale swam.")
    let utf8 = Array(joined.text.utf8)
    #expect(joined.highlights.map { String(decoding: utf8[$0], as: UTF8.self) } == ["whale", "whale"])
  }
}
