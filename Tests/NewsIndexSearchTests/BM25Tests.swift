import NewsIndexCore
import NewsIndexSearch
import Testing

/// Golden values computed by hand from the formula on `BM25` (k1 = 0.9, b = 0.4, title weight 2):
/// N = 3; body lengths 2, 3, 1 (mean 2); title lengths 1, 1, 1 (mean 1).
@Suite struct BM25Tests {
  let documents = [
    ExtractedDocument(id: "d0", path: "d0", title: "apple", body: "apple banana"),
    ExtractedDocument(id: "d1", path: "d1", title: "banana", body: "apple apple cherry"),
    ExtractedDocument(id: "d2", path: "d2", title: "cherry", body: "banana"),
  ]

  @Test func idfMatchesLuceneFormula() {
    // ln(1 + (3 - 1 + 0.5) / (1 + 0.5)) = ln(8/3)
    #expect(abs(BM25.idf(docFreq: 1, documentCount: 3) - 0.9808292530117262) < 1e-12)
    // ln(1 + 1.5 / 2.5) = ln(1.6)
    #expect(abs(BM25.idf(docFreq: 2, documentCount: 3) - 0.47000362924573558) < 1e-12)
    #expect(BM25.idf(docFreq: 3, documentCount: 3) > 0)
  }

  @Test func termFrequencyFactorSaturatesAndNormalizes() {
    let bm25 = BM25()
    // At average length the norm is 1: tf (k1 + 1) / (tf + k1) = 1.9 / 1.9 = 1 for tf = 1.
    #expect(abs(bm25.termFrequencyFactor(1, length: 2, averageLength: 2) - 1) < 1e-12)
    // tf = 2, length 3, mean 2: norm = 0.6 + 0.4 * 1.5 = 1.2 -> 3.8 / 3.08.
    #expect(abs(bm25.termFrequencyFactor(2, length: 3, averageLength: 2) - 3.8 / 3.08) < 1e-12)
  }

  @Test func scoresEqualHandComputedValues() throws {
    let fixture = try IndexFixture(documents)
    defer { fixture.remove() }
    let result = try fixture.searcher().search("apple", k: 10)
    #expect(result.hits.count == 2)
    // d0: 2 * ln(8/3) * 1 (title) + ln(1.6) * 1 (body) = 2.431662135269188
    #expect(abs(result.hits[0].score - 2.431662135269188) < 1e-9)
    #expect(try fixture.reader.storedID(result.hits[0].docNumber) == "d0")
    // d1: ln(1.6) * 3.8 / 3.08 = 0.5798746075109724
    #expect(abs(result.hits[1].score - 0.5798746075109724) < 1e-9)
  }

  @Test func phraseScoresAsOneTermWithSummedIDF() throws {
    let fixture = try IndexFixture(documents)
    defer { fixture.remove() }
    let result = try fixture.searcher().search("body:\"apple banana\"", k: 10)
    #expect(result.hits.count == 1)
    // (ln 1.6 + ln 1.6) * 1 = 0.9400072584914713
    #expect(abs(result.hits[0].score - 0.9400072584914713) < 1e-9)
  }

  @Test func k1AndBChangeScoresAtQueryTime() throws {
    let fixture = try IndexFixture(documents)
    defer { fixture.remove() }
    let plain = try fixture.searcher(BM25(k1: 1.2, b: 0.75, titleWeight: 1)).search("apple", k: 10)
    // d1 with k1 1.2, b .75: norm = .25 + .75 * 1.5 = 1.375; 2 * 2.2 / (2 + 1.65) = 4.4 / 3.65.
    let d1 = plain.hits.first { (try? fixture.reader.storedID($0.docNumber)) == "d1" }
    #expect(abs((d1?.score ?? 0) - 0.47000362924573558 * 4.4 / 3.65) < 1e-9)
  }
}
