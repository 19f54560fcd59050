import NewsIndexCore
import NewsIndexFormat
import NewsIndexTestSupport
import Testing

@testable import NewsIndexSearch

/// The bound of a word over several fields must be at least the BM25F factor of every document it
/// covers, for any title weight: a bound too low lets MaxScore drop a document that belongs in
/// the top k (and, with the default weights, word streams hide such a mistake from the oracle).
@Suite struct ScoreBoundTests {
  @Test func combinedBoundCoversEveryDocumentAtAnyTitleWeight() {
    var random = SeededRandom(seed: 71)
    for round in 0..<300 {
      let titleWeight = [0.5, 1, 2, 3, 7][round % 5]
      let bm25 = BM25(titleWeight: titleWeight)
      // Documents: (tf, length) in title and in body; tf 0 where the word is absent.
      let documents = (0..<Int.random(in: 1...200, using: &random)).map { _ in
        (
          titleFrequency: UInt32(Int.random(in: 0...3, using: &random)),
          titleLength: UInt32(Int.random(in: 1...15, using: &random)),
          bodyFrequency: UInt32(Int.random(in: 0...12, using: &random)),
          bodyLength: UInt32(Int.random(in: 1...400, using: &random))
        )
      }.filter { $0.titleFrequency > 0 || $0.bodyFrequency > 0 }
      guard !documents.isEmpty else { continue }
      var title = documents.filter { $0.titleFrequency > 0 }.map { UInt64($0.titleFrequency) << 32 | UInt64($0.titleLength) }
      var body = documents.filter { $0.bodyFrequency > 0 }.map { UInt64($0.bodyFrequency) << 32 | UInt64($0.bodyLength) }
      let titleImpacts = title.withUnsafeMutableBufferPointer { Impacts(competitivePairsOf: $0) }
      let bodyImpacts = body.withUnsafeMutableBufferPointer { Impacts(competitivePairsOf: $0) }
      let averageLength = titleWeight * 8 + 200
      let parts: [ScoreBound.Part] = [
        title.isEmpty ? .absent : .impacts(weight: titleWeight, titleImpacts),
        body.isEmpty ? .absent : .impacts(weight: 1, bodyImpacts),
      ]
      let bound = ScoreBound.combinedTermFrequencyFactor(count: 2, bm25: bm25, averageLength: averageLength) {
        parts[$0]
      }
      var best = 0.0
      for document in documents {
        let frequency = titleWeight * Double(document.titleFrequency) + Double(document.bodyFrequency)
        let length = titleWeight * Double(document.titleLength) + Double(document.bodyLength)
        best = max(best, bm25.termFrequencyFactor(frequency, length: length, averageLength: averageLength))
      }
      #expect(bound >= best * (1 - 1e-12), "title weight \(titleWeight): bound \(bound) below \(best)")
      // And it is no looser than a bound from the fields' extremes alone.
      #expect(bound <= bm25.k1 + 1)
    }
  }
}
