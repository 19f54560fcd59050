import Foundation
import NewsIndexCore
import NewsIndexSearch
import Testing

/// Whatever a user types reaches `Searcher` as a clear ``QueryParseError`` or a sensible reading;
/// nothing crashes, hangs or takes unbounded time.
@Suite struct QueryInputTests {
  static let documents = [
    ExtractedDocument(
      id: "a", path: "a.txt", title: "Free trade agreement signed",
      body: "Korea and Chile sign a free trade agreement."),
    ExtractedDocument(
      id: "b", path: "b.txt", title: "Interest rates held",
      body: "The central bank holds interest rates steady."),
    ExtractedDocument(
      id: "c", path: "c.txt", title: "Floods",
      body: "River floods hit farmers; the harvest is late."),
  ]

  /// Parses and runs `text`: nil when the parser refused it (with a one-line reason), else the hit ids.
  func run(_ text: String, in fixture: IndexFixture) throws -> [String]? {
    let result: SearchResult
    do throws(QueryParseError) {
      // These checks are of the forgiving reading (`--lenient`, batch); strict errors are in
      // StrictSyntaxTests.
      var searcher = fixture.searcher()
      searcher.syntax = .lenient
      result = try searcher.search(text, k: 10)
    } catch {
      #expect(!error.description.isEmpty && !error.description.contains("\n"), "\(error)")
      return nil
    }
    return try result.hits.map { try fixture.reader.storedID($0.docNumber) }
  }

  @Test func unbalancedQuotesAndParenthesesAreClosedAtTheEnd() throws {
    let fixture = try IndexFixture(Self.documents)
    defer { fixture.remove() }
    #expect(try run("\"free trade", in: fixture) == ["a"])
    #expect(try run("((interest OR floods", in: fixture)?.sorted() == ["b", "c"])
    #expect(try run("title:\"interest rates", in: fixture) == ["b"])
    #expect(try run("\"", in: fixture) == [])
    #expect(try run("interest)", in: fixture) == nil)
    #expect(try run(")(", in: fixture) == nil)
    #expect(try run("\"\"\"", in: fixture) == [])
  }

  @Test func emptyQueriesAreRefusedWithAReason() throws {
    let fixture = try IndexFixture(Self.documents)
    defer { fixture.remove() }
    for text in ["", " ", "\t\n", "()", "(())", "+", "-", "NOT", "OR", "title:"] {
      let hits = try run(text, in: fixture)
      #expect(hits == nil, "'\(text)' was not refused: \(hits ?? [])")
    }
    // Today these three parse (an empty phrase, a lone stop word) and match nothing.
    for text in ["\"\"", "AND", "body:\"\""] {
      #expect(try run(text, in: fixture) == [], "'\(text)'")
    }
  }

  @Test func tenThousandTermQueriesFinishQuickly() throws {
    let fixture = try IndexFixture(Self.documents)
    defer { fixture.remove() }
    let words = (0..<10_000).map { "w\($0)" }
    let started = Date()
    #expect(try run(words.joined(separator: " ") + " floods", in: fixture) == ["c"])
    #expect(try run(words.joined(separator: " AND "), in: fixture)?.isEmpty ?? true)
    #expect(try run("\"" + words.joined(separator: " ") + "\"", in: fixture)?.isEmpty ?? true)
    #expect(
      try run(Array(repeating: "interest", count: 6_000).joined(separator: " "), in: fixture) == [
        "b"
      ])
    #expect(
      try run(Array(repeating: "-floods", count: 10_000).joined(separator: " "), in: fixture)?
        .isEmpty ?? true)
    #expect(Date().timeIntervalSince(started) < 20)
  }

  @Test func controlCharactersAreSpaceOrText() throws {
    let fixture = try IndexFixture(Self.documents)
    defer { fixture.remove() }
    #expect(try run("interest\u{0}rates", in: fixture) == ["b"])
    #expect(try run("\u{1B}[31mfloods\u{1B}[0m", in: fixture) != nil)
    var parsed = 0
    for scalar in (0..<0x20).map({ Unicode.Scalar(UInt8($0)) }) + [
      "\u{7F}", "\u{FEFF}", "\u{200B}", "\u{FFFD}",
    ] {
      let text = "korea\(scalar)chile \(scalar) \"\(scalar)\" (\(scalar))"
      let hits = try #require(try run(text, in: fixture), "U+\(String(scalar.value, radix: 16)) refused")
      parsed += 1
      if ["\t", "\n", "\r"].contains(Character(scalar)) {
        // White space separates words: "korea chile" finds the Korea–Chile story.
        #expect(hits == ["a"], "U+\(String(scalar.value, radix: 16))")
      } else {
        #expect(hits.allSatisfy { $0 == "a" }, "U+\(String(scalar.value, radix: 16)): \(hits)")
      }
    }
    #expect(parsed == 36)
  }

  @Test func unknownFieldsAreReadAsText() throws {
    let fixture = try IndexFixture(Self.documents)
    defer { fixture.remove() }
    #expect(try run("author:smith", in: fixture)?.isEmpty ?? true)
    #expect(try run("author:floods", in: fixture) != nil)
    #expect(try run("TITLE:floods", in: fixture) == ["c"])
    #expect(try run("::: title::floods", in: fixture) == ["c"])
    #expect(try run("title:(floods OR korea)", in: fixture) == ["c"])
  }

  @Test func deepNestingIsRefusedNotRecursedInto() throws {
    let fixture = try IndexFixture(Self.documents)
    defer { fixture.remove() }
    #expect(try run(String(repeating: "(", count: 100_000 / 2) + "floods", in: fixture) == nil)
    #expect(try run(String(repeating: "NOT ", count: 10_000) + "floods", in: fixture) != nil)
    #expect(try run(String(repeating: "+-", count: 10_000) + "floods", in: fixture) == ["c"])
    #expect(
      try run(String(repeating: "x", count: QueryParser.maxQueryBytes + 1), in: fixture) == nil)
  }
}
