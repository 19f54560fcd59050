import NewsIndexAnalysis
import NewsIndexCore
import Testing

@Suite struct StemCacheTests {
  /// Each distinct word has one dense entry number, the same every time it comes back, which
  /// cached tokens carry (an indexer keys its term ids by it); uncached tokens carry -1.
  @Test func entriesAreDenseAndStablePerWord() {
    let analyzer = Analyzer()
    let cache = analyzer.makeStemCache()!
    var entries: [String: Set<Int>] = [:]
    var uncached: Set<Int> = []
    let text = "running runners ran running runs runners 2025 running"
    Array(text.utf8).withUnsafeBytes { raw in
      analyzer.forEachToken(in: raw, cache: cache) { token in
        entries[String(decoding: token.term, as: UTF8.self), default: []].insert(token.stemEntry)
      }
      analyzer.forEachToken(in: raw) { uncached.insert($0.stemEntry) }
    }
    #expect(cache.epoch == 0)
    #expect(uncached == [-1])
    #expect(entries["2025"] == [-1], "words with digits are not stemmed")
    // running/runs → run share a stem but are different words: different entries, same stem.
    let stemmed = entries.filter { $0.key != "2025" }.values.flatMap { $0 }
    #expect(Set(stemmed) == Set(0..<4), "\(entries)")
    Array("running".utf8).withUnsafeBytes { raw in
      #expect(cache.stemEntry(raw).entry == cache.stemEntry(raw).entry)
    }
  }

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
