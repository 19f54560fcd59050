import NewsIndexAnalysis
import NewsIndexCore
import NewsIndexSearch
import NewsIndexTestSupport
import Testing

/// Sloppy phrases (`"a b"~N`) against a brute-force positional check.
@Suite struct SloppyPhraseTests {
  @Test func transpositionCostsTwoAndFrequencyIsSloppy() throws {
    let fixture = try IndexFixture([
      ExtractedDocument(id: "exact", path: "1", title: "", date: "", body: "oil prices rose"),
      ExtractedDocument(id: "swapped", path: "2", title: "", date: "", body: "prices of oil rose"),
      ExtractedDocument(id: "reversed", path: "3", title: "", date: "", body: "prices oil rose"),
      ExtractedDocument(id: "apart", path: "4", title: "", date: "", body: "oil and gas and coal prices"),
    ])
    defer { fixture.remove() }
    func ids(_ query: String) throws -> Set<String> { Set(try fixture.ids(query)) }
    #expect(try ids("\"oil prices\"") == ["exact"])
    #expect(try ids("\"oil prices\"~1") == ["exact"])
    // "prices oil": oil one place late, prices one place early: a match length of 2.
    #expect(try ids("\"oil prices\"~2") == ["exact", "reversed"])
    // "prices of oil" (the stop word keeps its place): length 3.
    #expect(try ids("\"oil prices\"~3") == ["exact", "reversed", "swapped"])
    #expect(try ids("\"oil prices\"~4") == ["exact", "reversed", "swapped", "apart"])
    let ranked = try fixture.ids("\"oil prices\"~10")
    #expect(ranked.first == "exact" && ranked.last == "apart", "\(ranked)")
  }

  @Test func sloppyFrequencyIsLucenes() {
    #expect(SloppyPhraseFrequency.frequency(positions: [[0], [1]], offsets: [0, 1], slop: 0) == 1)
    #expect(SloppyPhraseFrequency.frequency(positions: [[1], [0]], offsets: [0, 1], slop: 1) == 0)
    #expect(SloppyPhraseFrequency.frequency(positions: [[1], [0]], offsets: [0, 1], slop: 2) == 1.0 / 3)
    #expect(SloppyPhraseFrequency.frequency(positions: [[0, 10], [1, 12]], offsets: [0, 1], slop: 1) == 1.5)
  }

  /// Whether some choice of one position per term spans at most `slop` after removing each
  /// term's offset (every combination tried).
  static func bruteForceMatches(_ lists: [[Int]], offsets: [Int], slop: Int) -> Bool {
    func search(_ i: Int, _ low: Int, _ high: Int) -> Bool {
      if i == lists.count { return high - low <= slop }
      for p in lists[i] {
        let v = p - offsets[i]
        if max(high, v) - min(low, v) <= slop && search(i + 1, min(low, v), max(high, v)) { return true }
      }
      return false
    }
    return search(0, Int.max, Int.min)
  }

  @Test(arguments: [UInt64(3), 4])
  func sloppyPhrasesMatchTheBruteForcePositionalCheck(seed: UInt64) throws {
    let corpus = RandomCorpus(seed: seed, documentCount: 400)
    let fixture = try IndexFixture(corpus.documents, minimumDocumentsPerSegment: 150)
    defer { fixture.remove() }
    let analyzer = fixture.reader.analyzer
    var random = SeededRandom(seed: seed &* 31)
    let words = RandomCorpus.vocabulary.filter { $0.allSatisfy(\.isASCII) && !$0.contains(".") && Int($0) == nil }
    var withHits = 0
    for trial in 0..<40 {
      let count = trial % 3 == 2 ? 3 : 2
      var phrase: [String] = []
      while phrase.count < count {
        let word = words[Int.random(in: 0..<words.count, using: &random)]
        if !phrase.contains(word) { phrase.append(word) }
      }
      let slop = Int.random(in: 0...6, using: &random)
      let queryTokens = analyzer.tokens(in: phrase.joined(separator: " "))
      let terms = queryTokens.map(\.term)
      let offsets = queryTokens.map { $0.position - queryTokens[0].position }
      var expected: Set<String> = []
      for document in corpus.documents {
        for text in [document.title, document.body] {
          let tokens = analyzer.tokens(in: text)
          let lists = terms.map { term in tokens.filter { $0.term == term }.map(\.position) }
          if lists.allSatisfy({ !$0.isEmpty }) && Self.bruteForceMatches(lists, offsets: offsets, slop: slop) {
            expected.insert(document.id)
          }
        }
      }
      let query = "\"\(phrase.joined(separator: " "))\"~\(slop)"
      let found = Set(try fixture.ids(query, k: 1_000))
      #expect(found == expected, "\(query): \(found.symmetricDifference(expected).sorted())")
      if !expected.isEmpty { withHits += 1 }
    }
    #expect(withHits > 20)
  }
}
