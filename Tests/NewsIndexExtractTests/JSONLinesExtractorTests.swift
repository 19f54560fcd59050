import Foundation
import Testing

@testable import NewsIndexExtract

@Suite struct JSONLinesExtractorTests {
  @Test func linesBecomeDocumentsWithTheirOwnIDs() throws {
    let jsonl = """
      {"id": "doc-1", "title": "First", "body": "Line one\\nLine two \\u00e9 \\ud83d\\ude00", "date": "Fri, 14 Mar 2025 09:30:00 GMT", "author": ["A. B", "C. D"], "extra": {"nested": [1, {"x": "}"}]}}
      {"id": 42, "title": "Number id", "contents": "Anserini style"}

      this line is broken {
      {"title": "No id", "text": "Text field", "byline": "By Someone", "flag": true, "n": null}
      {"id": "doc-4", "title": "Trailing garbage"} x
      """
    let documents = try extract(jsonl, name: "data/docs.jsonl")
    #expect(documents.map(\.id) == ["doc-1", "42", "data/docs.jsonl#4"])
    #expect(documents[0].title == "First")
    #expect(documents[0].body == "Line one Line two é 😀")
    #expect(documents[0].date == "2025-03-14T09:30:00Z")
    #expect(documents[0].byline == "A. B, C. D")
    #expect(documents[1].body == "Anserini style")
    #expect(documents[2].body == "Text field")
    #expect(documents[2].byline == "Someone")
    #expect(documents.allSatisfy { $0.path == "data/docs.jsonl" })
  }

  @Test func aHeadlineStandsInForAMissingTitle() throws {
    let jsonl = """
      {"id": "h1", "headline": "Ferries resume after 11 years", "body": "Service resumed on Tuesday."}
      {"id": "h2", "title": "Title wins", "headline": "Not this", "body": "Body."}
      """
    let documents = try extract(jsonl, name: "feed.jsonl")
    #expect(documents.map(\.title) == ["Ferries resume after 11 years", "Title wins"])
  }

  @Test func jsonBodiesQuotingSGMLTagsStayJSON() throws {
    let jsonl =
      #"{"id": "r1", "title": "README", "body": "<REUTERS NEWID=1> and <DOC> tags"}"# + "\n"
    let documents = try extract(jsonl, name: "docs.jsonl")
    #expect(documents.map(\.id) == ["r1"])
    #expect(documents.first?.body == "<REUTERS NEWID=1> and <DOC> tags")
  }

  @Test func fileWithOnlyBadLinesIsMalformed() {
    #expect(throws: ExtractError.self) { try extract("{not json\n{\"a\":\n", name: "bad.jsonl") }
  }

  @Test func jsonArrayFileIsRead() throws {
    let json = """
      [
        {"id": "a", "title": "A", "body": "Alpha"},
        {"id": 2, "title": "B", "body": "Beta"}
      ]
      """
    let documents = try extract(json, name: "docs.json")
    #expect(documents.map(\.id) == ["a", "2"])
    #expect(documents.map(\.body) == ["Alpha", "Beta"])
  }

  @Test func throughputIsReasonable() throws {
    var text = ""
    for index in 0..<2000 {
      text +=
        #"{"id": "d\#(index)", "title": "Title \#(index)", "body": "Some body text with \"quotes\" and words, repeated. Some body text with words."}"#
        + "\n"
    }
    let clock = ContinuousClock()
    let start = clock.now
    let documents = try extract(text, name: "big.jsonl")
    let elapsed = clock.now - start
    #expect(documents.count == 2000)
    #expect(documents.last?.id == "d1999")
    #expect(elapsed < .seconds(5))
  }
}
