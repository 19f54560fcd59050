import NewsIndexCore
import NewsIndexSearch
import NewsIndexTestSupport
import Testing

/// `explain`: the tree's root is the score `search` gives, for every kind of query.
@Suite struct ExplainTests {
  static let templates = [
    "A", "A B", "A AND B", "\"A B\"", "\"A B\"~3", "A -B", "+A B^2", "title:A body:B", "A* B", "A~1",
    "(A OR B) AND C", "A^0.5 \"B C\"^2", "title:\"A B\"~2 C",
  ]

  @Test(arguments: [(UInt64(5), 0), (6, 1), (7, 2)])
  func explanationsSumToTheSearchScore(seed: UInt64, model: Int) throws {
    let corpus = RandomCorpus(seed: seed, documentCount: 300)
    let fixture = try IndexFixture(corpus.documents, minimumDocumentsPerSegment: 120)
    defer { fixture.remove() }
    var random = SeededRandom(seed: seed)
    let words = RandomCorpus.vocabulary.filter { $0.allSatisfy(\.isLetter) && $0.allSatisfy(\.isASCII) }
    var searcher = fixture.searcher(model == 1 ? BM25(fieldModel: .sum) : BM25())
    if model == 2 { searcher.queryLikelihoodMu = 1000 }
    var checked = 0
    for trial in 0..<40 {
      var text = Self.templates[trial % Self.templates.count]
      for letter in ["A", "B", "C"] {
        var word = words[Int.random(in: 0..<words.count, using: &random)]
        if text.contains(letter + "*") { word = String(word.prefix(3)) }
        text = text.replacingOccurrences(of: letter, with: word)
      }
      let query = try QueryParser.parse(text)
      let result = searcher.search(query, k: 10)
      for hit in result.hits {
        let explanation = try #require(searcher.explain(query, docNumber: hit.docNumber))
        #expect(explanation.matches, "\(text)")
        #expect(abs(explanation.value - hit.score) <= 1e-9 * max(1, abs(hit.score)), "\(text): \(explanation.value) vs \(hit.score)")
        checked += 1
      }
      // A document outside the hits of an AND does not match.
      if text.contains(" AND "), result.matchCount < fixture.reader.documentCount {
        let hits = Set(searcher.search(query, k: 10_000).hits.map(\.docNumber))
        if let miss = (0..<fixture.reader.documentCount).first(where: { !hits.contains($0) }) {
          #expect(searcher.explain(query, docNumber: miss)?.matches == false, "\(text)")
        }
      }
    }
    #expect(checked > 150)
  }
}
