import NewsIndexAnalysis
import NewsIndexCore
import Testing

@Suite struct StemCacheTests {
  /// The cache is an optimization only: the same terms, positions and ranges come out.
  @Test func cachedStemmingGivesTheSameTokens() {
    let analyzer = Analyzer()
    let cache = analyzer.makeStemCache()
    #expect(cache != nil)
    let text = """
      Running runners ran; the runner's runs were running. Korea's free-trade agreements agreed
      agreeably in 2025 (298.9 points). Zürich cafés cafés café — 自由贸易协定 자유무역협정 runs RUNNING
      """
    var plain: [String] = []
    var cached: [String] = []
    Array(text.utf8).withUnsafeBytes { raw in
      for _ in 0..<3 {
        plain = []
        cached = []
        analyzer.forEachToken(in: raw) { plain.append("\(String(decoding: $0.term, as: UTF8.self))@\($0.position)") }
        analyzer.forEachToken(in: raw, cache: cache) {
          cached.append("\(String(decoding: $0.term, as: UTF8.self))@\($0.position)")
        }
        #expect(plain == cached)
      }
    }
    #expect(plain.contains("run@0"))
  }

  @Test func manyDistinctWordsStayCorrect() {
    let analyzer = Analyzer()
    let cache = analyzer.makeStemCache()
    var words: [String] = []
    for i in 0..<20_000 { words.append("running\(String(i, radix: 26).map { Character(UnicodeScalar(($0.asciiValue ?? 97) % 26 + 97)) }.map(String.init).joined())s") }
    let text = words.joined(separator: " ")
    var plain: [String] = []
    var cached: [String] = []
    Array(text.utf8).withUnsafeBytes { raw in
      analyzer.forEachToken(in: raw) { plain.append(String(decoding: $0.term, as: UTF8.self)) }
      analyzer.forEachToken(in: raw, cache: cache) { cached.append(String(decoding: $0.term, as: UTF8.self)) }
    }
    #expect(plain == cached)
    #expect(plain.count == 20_000)
  }
}
