import NewsIndexCore
import NewsIndexSearch
import Testing

/// Golden values computed by hand from the formulas on `BM25` (k1 = 0.9, b = 0.4: `classic`, the
/// defaults before they were chosen across six collections), each checked
/// with a line of Python (`math.log`) as written in the comments:
/// N = 3; body lengths 2, 3, 1 (mean 2); title lengths 1, 1, 1 (mean 1). The analyzer stems
/// `apple` → `appl`, `cherry` → `cherri` alike in documents and queries, so counts are unchanged.
@Suite struct BM25Tests {
  let documents = [
    ExtractedDocument(id: "d0", path: "d0", title: "apple", body: "apple banana"),
    ExtractedDocument(id: "d1", path: "d1", title: "banana", body: "apple apple cherry"),
    ExtractedDocument(id: "d2", path: "d2", title: "cherry", body: "banana"),
  ]

  /// k1 0.9, b 0.4 and the default field model and title weight.
  let classic = BM25(k1: 0.9, b: 0.4)

  @Test func idfMatchesLuceneFormula() {
    // ln(1 + (3 - 1 + 0.5) / (1 + 0.5)) = ln(8/3)
    #expect(abs(BM25.idf(docFreq: 1, documentCount: 3) - 0.9808292530117262) < 1e-12)
    // ln(1 + 1.5 / 2.5) = ln(1.6)
    #expect(abs(BM25.idf(docFreq: 2, documentCount: 3) - 0.47000362924573558) < 1e-12)
    #expect(BM25.idf(docFreq: 3, documentCount: 3) > 0)
  }

  @Test func termFrequencyFactorSaturatesAndNormalizes() {
    let bm25 = classic
    // At average length the norm is 1: tf (k1 + 1) / (tf + k1) = 1.9 / 1.9 = 1 for tf = 1.
    #expect(abs(bm25.termFrequencyFactor(1, length: 2, averageLength: 2) - 1) < 1e-12)
    // tf = 2, length 3, mean 2: norm = 0.6 + 0.4 * 1.5 = 1.2 -> 3.8 / 3.08.
    #expect(abs(bm25.termFrequencyFactor(2, length: 3, averageLength: 2) - 3.8 / 3.08) < 1e-12)
  }

  @Test func bm25fScoresEqualHandComputedValues() throws {
    let fixture = try IndexFixture(documents)
    defer { fixture.remove() }
    #expect(BM25().fieldModel == .bm25f && BM25().titleWeight == 3)
    let result = try fixture.searcher(classic).search("apple", k: 10)
    #expect(result.hits.count == 2)
    // df in any field = 2 (d0, d1): idf = ln(1.6). avglen' = 3 * 1 + 2 = 5.
    // d0: tf' = 3 * 1 + 1 = 4, len' = 3 + 2 = 5, norm 1: ln(1.6) * 4 * 1.9 / 4.9 = 0.7289852208709368
    #expect(abs(result.hits[0].score - 0.7289852208709368) < 1e-9)
    #expect(try fixture.reader.storedID(result.hits[0].docNumber) == "d0")
    // d1: tf' = 2, len' = 3 + 3 = 6, norm = 0.6 + 0.4 * 6 / 5 = 1.08:
    // ln(1.6) * 3.8 / (2 + 0.9 * 1.08) = ln(1.6) * 3.8 / 2.972 = 0.6009467668687063
    #expect(abs(result.hits[1].score - 0.6009467668687063) < 1e-9)
  }

  @Test func bm25fWithTitleWeightOneIsOneCombinedField() throws {
    let fixture = try IndexFixture(documents)
    defer { fixture.remove() }
    let result = try fixture.searcher(BM25(k1: 1.2, b: 0.75, titleWeight: 1)).search("apple", k: 10)
    // d1 as one field "banana apple apple cherry": tf 2, length 4, mean 3;
    // norm = 0.25 + 0.75 * 4 / 3 = 1.25: ln(1.6) * 2 * 2.2 / (2 + 1.5) = 0.5908617053374963
    let d1 = result.hits.first { (try? fixture.reader.storedID($0.docNumber)) == "d1" }
    #expect(abs((d1?.score ?? 0) - 0.5908617053374963) < 1e-9)
  }

  @Test func perFieldSumScoresEqualHandComputedValues() throws {
    let fixture = try IndexFixture(documents)
    defer { fixture.remove() }
    let result = try fixture.searcher(BM25(k1: 0.9, b: 0.4, titleWeight: 2, fieldModel: .sum)).search("apple", k: 10)
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
    let result = try fixture.searcher(classic).search("body:\"apple banana\"", k: 10)
    #expect(result.hits.count == 1)
    // (ln 1.6 + ln 1.6) * 1 = 0.9400072584914713
    #expect(abs(result.hits[0].score - 0.9400072584914713) < 1e-9)
  }

  @Test func k1AndBChangeScoresAtQueryTime() throws {
    let fixture = try IndexFixture(documents)
    defer { fixture.remove() }
    let plain = try fixture.searcher(BM25(k1: 1.2, b: 0.75, titleWeight: 1, fieldModel: .sum)).search("apple", k: 10)
    // d1 with k1 1.2, b .75: norm = .25 + .75 * 1.5 = 1.375; 2 * 2.2 / (2 + 1.65) = 4.4 / 3.65.
    let d1 = plain.hits.first { (try? fixture.reader.storedID($0.docNumber)) == "d1" }
    #expect(abs((d1?.score ?? 0) - 0.47000362924573558 * 4.4 / 3.65) < 1e-9)
  }
}
