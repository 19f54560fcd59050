import NewsIndexAnalysis
import NewsIndexCore
import Testing

/// Index-time joined tokens for hyphenated words (`Jae-ho` → `jae`, `ho`, and `jaeho`).
@Suite struct JoinedTokenTests {
  let standard = Analyzer()

  func indexTokens(_ text: String, _ analyzer: Analyzer? = nil) -> (tokens: [String], end: Int) {
    var result: [String] = []
    var copy = text
    let end = copy.withUTF8 { utf8 in
      (analyzer ?? standard).forEachIndexToken(in: UnsafeRawBufferPointer(utf8), cache: nil) {
        token in
        result.append(
          "\(String(decoding: token.term, as: UTF8.self))@\(token.position)\(token.isJoined ? "+" : "")"
        )
      }
    }
    return (result, end)
  }

  @Test func hyphenatedWordsAlsoGiveTheirJoinedForm() {
    let (tokens, end) = indexTokens("Hwang Jae-ho met Lee Jae-myung")
    #expect(
      tokens == [
        "hwang@0", "jae@1", "ho@2", "jaeho@1+", "met@3", "lee@4", "jae@5", "myung@6", "jaemyung@5+",
      ])
    // Joined tokens take no position: the field length is the one queries and BM25 always saw.
    #expect(end == 7)
    #expect(
      end == standard.forEachToken(in: UnsafeRawBufferPointer(start: nil, count: 0)) { _ in } + 7)
  }

  @Test func withoutJoinedTokensTheTermsAreTheQueryTerms() {
    let text = "Ro Jae-hun's co-operative, state-of-the-art and COVID-19 talks"
    let parts = indexTokens(text).tokens.filter { !$0.hasSuffix("+") }
    var expected: [String] = []
    for token in standard.tokens(in: text) { expected.append("\(token.term)@\(token.position)") }
    #expect(parts == expected)
    let joined = indexTokens(text).tokens.filter { $0.hasSuffix("+") }
    #expect(joined == ["jaehun@1+", "cooper@3+", "covid19@10+"])
  }

  @Test func eachTermsPositionsKeepIncreasing() {
    let tokens = indexTokens("Jae-ho jaeho Jae-ho").tokens
    #expect(tokens == ["jae@0", "ho@1", "jaeho@0+", "jaeho@2", "jae@3", "ho@4", "jaeho@3+"])
  }

  /// Reuters-21578 writes `Exp-E`: the joined `expe` stems to `exp`, its own first part, which
  /// would repeat `exp` at one position (check saw unordered positions). Such a word gives no
  /// joined token; other joined words of the text still do.
  @Test func aJoinedWordThatStemsToOneOfItsPartsIsLeftOut() {
    let tokens = indexTokens("Expd-E and Exp-E, then co-operate").tokens
    #expect(tokens.filter { $0.hasPrefix("exp@") }.count == 1, "\(tokens)")
    #expect(!tokens.contains { $0.hasPrefix("exp@") && $0.hasSuffix("+") }, "\(tokens)")
    #expect(tokens.contains("cooper@6+"), "\(tokens)")
    var positions: [String: [Int]] = [:]
    for token in tokens {
      let parts = token.split(separator: "@")
      positions[String(parts[0]), default: []].append(Int(parts[1].filter(\.isNumber))!)
    }
    for (term, list) in positions { #expect(list == list.sorted() && Set(list).count == list.count, "\(term): \(list)") }
  }

  @Test func analyzerVersionTwoIndexesNoJoinedTokens() {
    var settings = AnalyzerSettings.standard
    settings.version = 2
    #expect(
      indexTokens("Hwang Jae-ho", Analyzer(settings: settings)).tokens == [
        "hwang@0", "jae@1", "ho@2",
      ])
    #expect(AnalyzerSettings.standard.version == 4)
  }
}
