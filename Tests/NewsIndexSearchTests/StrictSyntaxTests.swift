import NewsIndexCore
import NewsIndexSearch
import Testing

/// The strict reading (`search`'s default): each malformed query is an error at its place; the
/// same query read leniently still parses.
@Suite struct StrictSyntaxTests {
  /// The error's case name (Mirror), for table-driven checks.
  static func name(_ error: QueryParseError) -> String {
    Mirror(reflecting: error).children.first?.label ?? "\(error)"
  }

  @Test(arguments: [
    ("(cocoa OR coffee", "unbalancedParenthesis", 0),
    ("cocoa (coffee tea", "unbalancedParenthesis", 6),
    ("\"oil prices", "unbalancedQuote", 0),
    ("cocoa \"oil", "unbalancedQuote", 6),
    ("cocoa AND", "danglingOperator", 6),
    ("AND cocoa", "danglingOperator", 0),
    ("cocoa OR", "danglingOperator", 6),
    ("OR cocoa", "danglingOperator", 0),
    ("cocoa OR OR coffee", "danglingOperator", 6),
    ("cocoa AND OR coffee", "danglingOperator", 6),
    ("(cocoa AND) coffee", "danglingOperator", 7),
    ("cocoa +", "danglingOperator", 6),
    ("cocoa - brazil", "danglingOperator", 6),
    ("cocoa NOT", "danglingOperator", 6),
    ("headline:korea", "unknownField", 0),
    ("oil headline:\"korea\"", "unknownField", 4),
    ("title:", "emptyField", 0),
    ("oil body: gas", "emptyField", 4),
    ("oil ()", "emptyGroup", 4),
    ("oil \"\"", "emptyPhrase", 4),
    ("\"oil prices\"~x", "badSlop", 12),
    ("\"oil prices\"~", "badSlop", 12),
    ("cofee~3", "badFuzzy", 5),
    ("cofee~x", "badFuzzy", 5),
    ("oil title:[a TO b]", "unsupported", 10),
    ("/oil.*/", "unsupported", 0),
    ("(oil gas)~2", "unsupported", 9),
    ("oil *", "unsupported", 4),
    ("oil ~2", "unsupported", 4),
    ("date:tomorrow", "badDate", 5),
    ("oil)", "unexpected", 3),
  ])
  func malformedQueriesAreErrorsAtTheirPlace(text: String, expected: String, offset: Int) {
    do {
      let query = try QueryParser.parse(text)
      Issue.record("'\(text)' parsed as \(query)")
    } catch {
      #expect(Self.name(error) == expected, "\(text): \(error)")
      #expect(error.byteOffset == offset, "\(text): \(error)")
      #expect(!error.description.contains("\n"))
      #expect(error.description.contains("character \(offset + 1)"), "\(error.description)")
    }
  }

  @Test func leniencyStillReadsWhatStrictnessRefuses() throws {
    for text in ["(cocoa OR coffee", "\"oil prices", "cocoa AND", "AND cocoa", "headline:korea", "cocoa +"] {
      #expect(throws: Never.self, "\(text)") { try QueryParser.parse(text, syntax: .lenient) }
    }
    #expect(try QueryParser.parse("headline:korea", syntax: .lenient) == .term(field: nil, text: "headline:korea"))
  }

  @Test func wellFormedQueriesStillParse() throws {
    for text in [
      "cocoa", "cocoa AND coffee", "a OR b", "+a -b", "NOT a b", "(a OR b) AND c", "title:(oil gas)^3",
      "byline:\"zhang can\"", "10:30 meeting", "oil date:[2025-01-01 TO *]", "\"oil prices\"~5", "export*",
      "*port", "ex?ort", "cofee~", "cofee~1", "\"interest rat*\"", "a && b || c", "+(a b) -\"c d\"",
    ] {
      #expect(throws: Never.self, "\(text)") { try QueryParser.parse(text) }
    }
  }

  @Test func newConstructsRoundTrip() throws {
    #expect(try QueryParser.parse("\"oil prices\"~5") == .sloppyPhrase(field: nil, text: "oil prices", slop: 5))
    #expect(Query.phraseParts("oil prices\"~5") == ("oil prices", 5))
    #expect(Query.phraseParts("oil prices") == ("oil prices", 0))
    #expect(try QueryParser.parse("\"oil prices\"~0") == .phrase(field: nil, text: "oil prices"))
    #expect(try QueryParser.parse("title:\"oil prices\"~2^3") == .boosted(.sloppyPhrase(field: .title, text: "oil prices", slop: 2), boost: 3))
    #expect(try QueryParser.parse("cofee~") == .fuzzy(field: nil, word: "cofee", maxEdits: 2))
    #expect(try QueryParser.parse("cofee~1") == .term(field: nil, text: "cofee~1"))
    #expect(Query.termSyntax("cofee~1") == .fuzzy(word: "cofee", maxEdits: 1))
    #expect(Query.termSyntax("export*") == .wildcard(pattern: "export*"))
    #expect(Query.termSyntax("ex?ort") == .wildcard(pattern: "ex?ort"))
    #expect(Query.termSyntax("export") == .plain)
    #expect(try QueryParser.parse("body:ex?ort^2") == .boosted(.term(field: .body, text: "ex?ort"), boost: 2))
  }
}
