import NewsIndexCore
import NewsIndexSearch
import Testing

/// `--model bm25p` (neighbour pairs as weighted phrases), `--rm3-rerank` and the byline/source
/// weights of plain queries.
@Suite struct ProximityTests {
  let documents = [
    ExtractedDocument(id: "near", path: "near", title: "markets", body: "the central bank raised rates"),
    ExtractedDocument(id: "apart", path: "apart", title: "markets", body: "the bank in the central square"),
    ExtractedDocument(id: "reversed", path: "reversed", title: "markets", body: "a bank central to it"),
    ExtractedDocument(id: "one", path: "one", title: "markets", body: "central heating"),
    ExtractedDocument(id: "none", path: "none", title: "weather", body: "rain again"),
  ]

  func searcher(_ fixture: IndexFixture, pairWeight: Double = Proximity.defaultPairWeight, pruning: Bool = true)
    -> Searcher
  {
    var searcher = fixture.searcher()
    searcher.proximity = Proximity(pairWeight: pairWeight)
    searcher.pruning = pruning
    return searcher
  }

  @Test func pairsAreNeighboursAtTheirQueryDistance() throws {
    let fixture = try IndexFixture(documents)
    defer { fixture.remove() }
    let pairs = Proximity.pairs(of: try QueryParser.parse("department of defense budget"), reader: fixture.reader)
    // "of" is a stop word: it leaves its gap, so the first pair stands 2 apart.
    #expect(pairs.map(\.distance) == [2, 1])
    #expect(pairs.map { $0.terms.map { String(decoding: $0, as: UTF8.self) } } == [["depart", "defens"], ["defens", "budget"]])
    // A repeated word pairs with nothing.
    #expect(Proximity.pairs(of: try QueryParser.parse("bank bank"), reader: fixture.reader).isEmpty)
  }

  @Test func appliesOnlyToRankedOrsOfSeveralWords() throws {
    #expect(Proximity.applies(to: try QueryParser.parse("central bank")))
    #expect(!Proximity.applies(to: try QueryParser.parse("bank")))
    #expect(!Proximity.applies(to: try QueryParser.parse("\"central bank\"")))
    #expect(!Proximity.applies(to: try QueryParser.parse("+central bank")))
    #expect(!Proximity.applies(to: try QueryParser.parse("central -bank")))
    #expect(!Proximity.applies(to: try QueryParser.parse("title:central bank")))
  }

  @Test func scoreIsWordsPlusWeightedPairPhrase() throws {
    let fixture = try IndexFixture(documents)
    defer { fixture.remove() }
    let plain = try fixture.searcher().search("central bank", k: 10)
    let phrase = try fixture.searcher().search("\"central bank\"", k: 10)
    let proximity = try searcher(fixture, pairWeight: 0.5).search("central bank", k: 10)
    func scores(_ result: SearchResult) throws -> [String: Double] {
      var scores: [String: Double] = [:]
      for hit in result.hits { scores[try fixture.reader.storedID(hit.docNumber)] = hit.score }
      return scores
    }
    let plainScores = try scores(plain)
    let phraseScores = try scores(phrase)
    let proximityScores = try scores(proximity)
    // The same matches: every document holding a word, no more.
    #expect(Set(proximityScores.keys) == Set(plainScores.keys))
    #expect(Set(proximityScores.keys) == ["near", "apart", "reversed", "one"])
    #expect(Set(phraseScores.keys) == ["near"])
    for (id, score) in proximityScores {
      let expected = plainScores[id]! + 0.5 * (phraseScores[id] ?? 0)
      #expect(abs(score - expected) < 1e-9, "\(id): \(score) != \(expected)")
    }
    #expect(try fixture.reader.storedID(proximity.hits[0].docNumber) == "near")
    // Weight 0 is plain BM25F.
    let zero = try scores(searcher(fixture, pairWeight: 0).search("central bank", k: 10))
    #expect(zero == plainScores)
  }

  @Test func pairsKeepTheirWeightRelativeToAWordInsideAnRM3Expansion() throws {
    // Every term of these 5 documents is in at least 20 % of them, above RM3's 10 % limit, so the
    // expansion is the query alone, each word weighted α / |q| = 0.5 / 2: the pairs must be
    // scaled the same way, giving a quarter of every proximity score.
    let fixture = try IndexFixture(documents)
    defer { fixture.remove() }
    let proximity = try searcher(fixture, pairWeight: 0.5).search("central bank", k: 10).hits
    var feedback = searcher(fixture, pairWeight: 0.5)
    feedback.feedback = RM3()
    let expanded = try feedback.search("central bank", k: 10).hits
    #expect(expanded.map(\.docNumber) == proximity.map(\.docNumber))
    for (hit, plain) in zip(expanded, proximity) {
      #expect(abs(hit.score - 0.25 * plain.score) < 1e-9, "\(hit.score) != 0.25 × \(plain.score)")
    }
  }

  @Test func pruningGivesTheExhaustiveRanking() throws {
    var documents: [ExtractedDocument] = []
    let words = ["central", "bank", "rates", "oil", "price", "trade"]
    // A fixed pseudo-random corpus (a linear congruential sequence), so every run is the same.
    var state: UInt64 = 42
    func nextWord() -> String {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return words[Int(state >> 33) % words.count]
    }
    for i in 0..<300 {
      let body = (0..<(3 + i % 9)).map { _ in nextWord() }.joined(separator: " ")
      documents.append(ExtractedDocument(id: "d\(i)", path: "d\(i)", title: nextWord(), body: body))
    }
    let fixture = try IndexFixture(documents, minimumDocumentsPerSegment: 100)
    defer { fixture.remove() }
    for query in ["central bank rates", "oil price", "trade bank oil central"] {
      let pruned = try searcher(fixture, pruning: true).search(query, k: 10)
      let exhaustive = try searcher(fixture, pruning: false).search(query, k: 10)
      #expect(pruned.hits.map(\.docNumber) == exhaustive.hits.map(\.docNumber), "\(query)")
      #expect(zip(pruned.hits, exhaustive.hits).allSatisfy { abs($0.score - $1.score) < 1e-9 }, "\(query)")
    }
  }

  @Test func rerankingFeedbackKeepsTheQueryMatches() throws {
    // As in RankingModelTests: RM3 brings in "k1" (kiwi only) for the query "mango"; the
    // re-ranking variant scores with the same expansion but returns only documents with mango.
    var documents = [
      ExtractedDocument(id: "m1", path: "m1", title: "", body: "mango kiwi kiwi"),
      ExtractedDocument(id: "m2", path: "m2", title: "", body: "mango"),
      ExtractedDocument(id: "k1", path: "k1", title: "", body: "kiwi kiwi"),
    ]
    for i in 0..<27 { documents.append(ExtractedDocument(id: "f\(i)", path: "f\(i)", title: "", body: "filler text \(i)")) }
    let fixture = try IndexFixture(documents)
    defer { fixture.remove() }
    var expanding = fixture.searcher()
    expanding.feedback = RM3()
    let expanded = try expanding.search("mango", k: 10).hits
    #expect(Set(try expanded.map { try fixture.reader.storedID($0.docNumber) }) == ["m1", "m2", "k1"])
    var reranking = expanding
    reranking.feedbackKeepsMatches = true
    let reranked = try reranking.search("mango", k: 10).hits
    #expect(try reranked.map { try fixture.reader.storedID($0.docNumber) } == ["m1", "m2"])
    // The scores are the expanded query's (the required original query weighs 0), and m1 gains
    // the kiwi terms' score over plain BM25F, which ranks the shorter m2 first.
    let expandedScores = Dictionary(uniqueKeysWithValues: expanded.map { ($0.docNumber, $0.score) })
    for hit in reranked { #expect(abs(hit.score - expandedScores[hit.docNumber]!) < 1e-9) }
    #expect(try fixture.ids("mango") == ["m2", "m1"])
  }

  @Test func bylineAndSourceWeightsAddNameMatches() throws {
    var byZhang = ExtractedDocument(id: "zhang", path: "zhang", title: "port trade", byline: "Zhang Can", body: "exports rose")
    byZhang.source = "Xinhua"
    let mentions = ExtractedDocument(id: "mention", path: "mention", title: "trade", body: "zhang said exports rose")
    let other = ExtractedDocument(id: "other", path: "other", title: "weather", body: "rain")
    let fixture = try IndexFixture([byZhang, mentions, other])
    defer { fixture.remove() }
    #expect(try fixture.ids("zhang") == ["mention"])
    var names = fixture.searcher()
    names.nameFields = NameFields(bylineWeight: 2, sourceWeight: 0)
    let hits = try names.search("zhang", k: 10).hits.map { try fixture.reader.storedID($0.docNumber) }
    #expect(Set(hits) == ["zhang", "mention"])
    // Sources the same way, and nothing is added with both weights 0.
    names.nameFields = NameFields(bylineWeight: 0, sourceWeight: 1)
    #expect(try names.search("xinhua exports", k: 10).hits.map { try fixture.reader.storedID($0.docNumber) }.first == "zhang")
    names.nameFields = NameFields(bylineWeight: 0, sourceWeight: 0)
    #expect(try names.search("zhang", k: 10).hits.map { try fixture.reader.storedID($0.docNumber) } == ["mention"])
    // A field query keeps its meaning.
    names.nameFields = NameFields(bylineWeight: 2, sourceWeight: 1)
    #expect(try names.search("title:zhang", k: 10).hits.isEmpty)
  }
}
