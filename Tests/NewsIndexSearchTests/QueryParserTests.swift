import NewsIndexCore
import NewsIndexSearch
import Testing

@Suite struct QueryParserTests {
  func parse(_ text: String) throws -> Query { try QueryParser.parse(text) }

  @Test func juxtapositionIsRankedOr() throws {
    #expect(try parse("interest rates") == .boolean([.init(.should, .term(field: nil, text: "interest")), .init(.should, .term(field: nil, text: "rates"))]))
    #expect(try parse("korea") == .term(field: nil, text: "korea"))
  }

  @Test func plusAndMinusMarkRequiredAndExcluded() throws {
    #expect(try parse("cocoa +exports -brazil") == .boolean([
      .init(.should, .term(field: nil, text: "cocoa")), .init(.must, .term(field: nil, text: "exports")),
      .init(.mustNot, .term(field: nil, text: "brazil")),
    ]))
  }

  @Test func hyphenInsideAWordIsNotAnOperator() throws {
    #expect(try parse("free-trade") == .term(field: nil, text: "free-trade"))
  }

  @Test func andBindsTighterThanOr() throws {
    let a = Query.term(field: nil, text: "a")
    let b = Query.term(field: nil, text: "b")
    let c = Query.term(field: nil, text: "c")
    #expect(try parse("a AND b OR c") == .boolean([.init(.should, .boolean([.init(.must, a), .init(.must, b)])), .init(.should, c)]))
    #expect(try parse("a AND b") == .boolean([.init(.must, a), .init(.must, b)]))
    #expect(try parse("a AND NOT b") == .boolean([.init(.must, a), .init(.mustNot, b)]))
    #expect(try parse("a OR b") == .boolean([.init(.should, a), .init(.should, b)]))
  }

  @Test func lowercaseOperatorsAreWords() throws {
    #expect(try parse("rock and roll") == .boolean([
      .init(.should, .term(field: nil, text: "rock")), .init(.should, .term(field: nil, text: "and")),
      .init(.should, .term(field: nil, text: "roll")),
    ]))
  }

  @Test func phrasesFieldsAndGroups() throws {
    #expect(try parse("\"free trade agreement\"") == .phrase(field: nil, text: "free trade agreement"))
    #expect(try parse("title:election") == .term(field: .title, text: "election"))
    #expect(try parse("title:\"central bank\"") == .phrase(field: .title, text: "central bank"))
    #expect(try parse("title:(a b)") == .boolean([.init(.should, .term(field: .title, text: "a")), .init(.should, .term(field: .title, text: "b"))]))
    #expect(try parse("byline:\"zhang can\"") == .phrase(field: .byline, text: "zhang can"))
    #expect(try parse("source:xinhua") == .term(field: .source, text: "xinhua"))
    #expect(try parse("AUTHOR:lee agency:ap") == .boolean([
      .init(.should, .term(field: .byline, text: "lee")), .init(.should, .term(field: .source, text: "ap")),
    ]))
    #expect(try parse("(flood OR drought) AND farmers") == .boolean([
      .init(.must, .boolean([.init(.should, .term(field: nil, text: "flood")), .init(.should, .term(field: nil, text: "drought"))])),
      .init(.must, .term(field: nil, text: "farmers")),
    ]))
  }

  @Test func leniently_unknownFieldIsText() throws {
    #expect(try QueryParser.parse("time:12", syntax: .lenient) == .term(field: nil, text: "time:12"))
  }

  @Test func leniently_unbalancedInputGetsASensibleReading() throws {
    func lenient(_ text: String) throws -> Query { try QueryParser.parse(text, syntax: .lenient) }
    #expect(try lenient("\"open phrase") == .phrase(field: nil, text: "open phrase"))
    #expect(try lenient("(a b") == .boolean([.init(.should, .term(field: nil, text: "a")), .init(.should, .term(field: nil, text: "b"))]))
    #expect(try lenient("cocoa AND") == .term(field: nil, text: "cocoa"))
    #expect(throws: QueryParseError.self) { try lenient("a)") }
    #expect(throws: QueryParseError.empty) { try lenient("   ") }
    #expect(throws: QueryParseError.empty) { try lenient("()") }
  }

  @Test func hostileQueriesNeverCrash() throws {
    let deep = String(repeating: "(", count: 10_000) + "a"
    #expect(throws: QueryParseError.self) { try parse(deep) }
    let long = Array(repeating: "word", count: 10_000).joined(separator: " ")
    #expect(throws: Never.self) { try parse(long) }
    _ = try? parse("\u{0}\u{1}a\u{7f} +- -+ \"\" :: title: AND OR NOT")
    #expect(throws: QueryParseError.self) { try parse(String(repeating: "x", count: 70_000)) }
  }

  @Test func boostsMultiplyWordsPhrasesAndGroups() throws {
    let cocoa = Query.term(field: nil, text: "cocoa")
    let exports = Query.term(field: nil, text: "exports")
    #expect(try parse("cocoa^2") == .boosted(cocoa, boost: 2))
    #expect(try parse("cocoa^2 exports") == .boolean([.init(.should, .boosted(cocoa, boost: 2)), .init(.should, exports)]))
    #expect(try parse("\"a phrase\"^1.5") == .boosted(.phrase(field: nil, text: "a phrase"), boost: 1.5))
    #expect(
      try parse("title:(a b)^3")
        == .boosted(.boolean([.init(.should, .term(field: .title, text: "a")), .init(.should, .term(field: .title, text: "b"))]), boost: 3))
    #expect(try parse("(a OR b)^0.5") == .boosted(.boolean([.init(.should, .term(field: nil, text: "a")), .init(.should, .term(field: nil, text: "b"))]), boost: 0.5))
    #expect(try parse("+cocoa^0 -exports^.5") == .boolean([.init(.must, .boosted(cocoa, boost: 0)), .init(.mustNot, .boosted(exports, boost: 0.5))]))
    #expect(try parse("title:cocoa^4") == .boosted(.term(field: .title, text: "cocoa"), boost: 4))
  }

  @Test func negativeOrMalformedBoostsAreErrorsWithTheirPosition() throws {
    #expect(throws: QueryParseError.badBoost("-2", byteOffset: 5)) { try parse("cocoa^-2") }
    #expect(throws: QueryParseError.badBoost("", byteOffset: 5)) { try parse("cocoa^ exports") }
    #expect(throws: QueryParseError.badBoost("x", byteOffset: 5)) { try parse("cocoa^x") }
    #expect(throws: QueryParseError.badBoost("1e3", byteOffset: 5)) { try parse("cocoa^1e3") }
    #expect(throws: QueryParseError.badBoost(".", byteOffset: 5)) { try parse("cocoa^.") }
    #expect(throws: QueryParseError.unexpected("^", byteOffset: 0)) { try parse("^2 cocoa") }
    #expect(QueryParseError.badBoost("-2", byteOffset: 5).description.contains("character 6"))
  }
}
