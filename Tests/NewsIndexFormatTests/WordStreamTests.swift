import NewsIndexCore
import NewsIndexFormat
import Testing

/// Every word of the title or the body gets a word stream: its documents are the union of the
/// word's title and body postings, its frequency `3 · tf(title) + tf(body)`, its impacts over the
/// combined length, and its dictionary entry the any-field document frequency.
@Suite struct WordStreamTests {
  /// The stream the fields of `fixture` give for each word: (doc, frequency) in doc order.
  static func expectedStreams(_ fixture: SegmentFixture) -> [[UInt8]: [(DocID, UInt32)]] {
    var byWord: [[UInt8]: [DocID: UInt32]] = [:]
    for term in fixture.terms where term.field == .title || term.field == .body {
      let weight: UInt32 = term.field == .title ? PostingsFormat.wordStreamTitleWeight : 1
      for posting in term.postings {
        byWord[term.term, default: [:]][posting.docID, default: 0] += weight * posting.termFreq
      }
    }
    return byWord.mapValues { $0.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
  }

  @Test func streamsMergeTheFieldsPostings() throws {
    // Terms at block boundaries in either field, so streams cross 128-document blocks, and
    // words in both fields, common and rare in each.
    var fixture = SegmentWriterTests.boundaryFixture(seed: 77)
    var random = SplitMix64(seed: 78)
    let keys = fixture.keys
    for (index, term) in fixture.terms.enumerated() where index % 3 == 0 && Field.ranked.contains(term.field) {
      let other: Field = term.field == .title ? .body : .title
      guard !keys.contains([other.rawValue] + term.term) else { continue }
      let docFreq = [1, 40, 300, 900][index % 4]
      fixture.terms.append(
        ExpectedTerm(
          field: other, term: term.term,
          postings: SegmentFixture.randomPostings(
            &random, docFreq: docFreq, documentCount: 1100, maxTermFreq: 6)))
    }
    fixture.sortTerms()
    let expected = Self.expectedStreams(fixture)
    let shared = Set(fixture.terms.filter { $0.field == .title }.map(\.term))
      .intersection(fixture.terms.filter { $0.field == .body }.map(\.term))
    #expect(shared.count >= 5)
    try SegmentWriterTests.withSegment(fixture) { reader, info, _ in
      #expect(reader.wordCount == expected.count)
      #expect(info.termCount == fixture.terms.count, "the commit counts the fields' terms alone")
      var seen = 0
      try reader.forEachWord { term, _ in
        seen += 1
        return expected[Array(term)] != nil
      }
      #expect(seen == expected.count)
      for (word, postings) in expected {
        let info = try #require(word.withUnsafeBytes { reader.wordInfo(term: $0) }, "\(word)")
        #expect(info.docFreq == postings.count)
        #expect(info.totalTermFreq == postings.reduce(0) { $0 + Int($1.1) })
        let cursor = reader.postings(info)
        var pairs: [UInt64] = []
        for (index, (doc, frequency)) in postings.enumerated() {
          #expect(cursor.docID == doc && cursor.termFreq == frequency, "\(word) #\(index)")
          let title =
            UInt64(PostingsFormat.wordStreamTitleWeight) * UInt64(reader.fieldLength(.title, doc))
          let length = min(title + UInt64(reader.fieldLength(.body, doc)), UInt64(UInt32.max))
          pairs.append(UInt64(frequency) << 32 | length)
          if index % 128 == 127 || index == postings.count - 1 {
            let block = pairs.withUnsafeMutableBufferPointer { Impacts(competitivePairsOf: $0) }
            #expect(cursor.blockImpacts == block, "\(word) block ending #\(index)")
            pairs.removeAll()
          }
          cursor.next()
        }
        #expect(cursor.docID == PostingsCursor.end)
      }
      // The fields' terms are read as before, and no field iteration yields a word stream.
      var fieldTerms = 0
      try reader.forEachTerm { _, _, _ in
        fieldTerms += 1
        return true
      }
      #expect(fieldTerms == fixture.terms.count)
      // Byline and source terms have no word stream of their own.
      for term in fixture.terms where !Field.ranked.contains(term.field) && expected[term.term] == nil {
        #expect(term.term.withUnsafeBytes { reader.wordInfo(term: $0) } == nil)
      }
      #expect(Array("absent-word".utf8).withUnsafeBytes { reader.wordInfo(term: $0) } == nil)
    }
  }
}
