import Foundation
import NewsIndexCore
import NewsIndexFormat
import Testing

/// Every document's term vector lists the words of its title and body, by ordinal (rank among the
/// segment's word streams), with `tf(title) + tf(body)`; flushes derive it from the postings and
/// merges renumber their inputs' vectors (or derive them when an input has none).
@Suite struct TermVectorTests {
  /// Per document, word -> title-plus-body count, from the fields' postings of `fixture`.
  static func expectedVectors(_ fixture: SegmentFixture, documentCount: Int) -> [[[UInt8]: UInt32]] {
    var vectors = [[[UInt8]: UInt32]](repeating: [:], count: documentCount)
    for term in fixture.terms where Field.ranked.contains(term.field) {
      for posting in term.postings { vectors[Int(posting.docID)][term.term, default: 0] += posting.termFreq }
    }
    return vectors
  }

  /// The vectors `reader` holds, words resolved through their ordinals.
  static func readVectors(_ reader: SegmentReader) throws -> [[[UInt8]: UInt32]] {
    var ordinals: [UInt32] = []
    var counts: [UInt32] = []
    var vectors: [[[UInt8]: UInt32]] = []
    for doc in 0..<reader.documentCount {
      try reader.termVector(DocID(doc), ordinals: &ordinals, counts: &counts)
      #expect(ordinals == ordinals.sorted() && Set(ordinals).count == ordinals.count, "doc \(doc): ordinals ascend")
      var vector: [[UInt8]: UInt32] = [:]
      for (ordinal, count) in zip(ordinals, counts) { vector[try reader.word(ordinal: Int(ordinal))] = count }
      vectors.append(vector)
    }
    return vectors
  }

  /// A fixture whose words occur in both fields, in blocks of all sizes.
  static func fixture(seed: UInt64) -> SegmentFixture {
    var fixture = SegmentFixture.random(seed: seed, documentCount: 400, docFreqs: [1, 3, 40, 129, 300], extraTerms: 200)
    var random = SplitMix64(seed: seed + 1)
    let keys = fixture.keys
    for (index, term) in fixture.terms.enumerated() where index % 2 == 0 && Field.ranked.contains(term.field) {
      let other: Field = term.field == .title ? .body : .title
      guard !keys.contains([other.rawValue] + term.term) else { continue }
      fixture.terms.append(
        ExpectedTerm(
          field: other, term: term.term,
          postings: SegmentFixture.randomPostings(&random, docFreq: [2, 50, 200][index % 3], documentCount: 400, maxTermFreq: 5)))
    }
    fixture.sortTerms()
    return fixture
  }

  @Test func flushedVectorsHoldEveryWordOfTitleAndBody() throws {
    let fixture = Self.fixture(seed: 41)
    try SegmentWriterTests.withSegment(fixture) { reader, info, _ in
      #expect(reader.hasTermVectors)
      #expect(info.fileByteCounts["tv"] != nil, "the commit lists the .tv file")
      let expected = Self.expectedVectors(fixture, documentCount: reader.documentCount)
      #expect(expected.contains { $0.count > 3 }, "the fixture gives documents several words")
      let vectors = try Self.readVectors(reader)
      #expect(vectors == expected)
      // Byline and source terms have no word stream, so no vector names them.
      let ranked = Set(fixture.terms.filter { Field.ranked.contains($0.field) }.map(\.term))
      #expect(fixture.terms.contains { !Field.ranked.contains($0.field) && !ranked.contains($0.term) })
    }
  }

  @Test func wordOrdinalsResolveToTheDictionaryOrder() throws {
    let fixture = Self.fixture(seed: 42)
    try SegmentWriterTests.withSegment(fixture) { reader, _, _ in
      var words: [[UInt8]] = []
      try reader.forEachWord { term, _ in
        words.append(Array(term))
        return true
      }
      #expect(words.count == reader.wordCount && words.count > 64, "words span several dictionary blocks (\(words.count))")
      for (ordinal, word) in words.enumerated() {
        let (term, info) = try reader.wordEntry(ordinal: ordinal)
        #expect(term == word, "ordinal \(ordinal)")
        #expect(info == word.withUnsafeBytes { reader.wordInfo(term: $0) })
      }
    }
  }

  @Test(arguments: [false, true])
  func mergesRenumberTheirInputsVectors(withDeletions: Bool) throws {
    try withTemporaryDirectory { directory in
      let fixtures = [Self.fixture(seed: 43), Self.fixture(seed: 44)]
      var first = try fixtures[0].write(to: directory, name: "seg-1")
      let second = try fixtures[1].write(to: directory, name: "seg-2")
      // Deleting documents can drop words from the merged dictionary altogether.
      let deleted: Set<DocID> = withDeletions ? Set((0..<400).filter { $0 % 3 == 0 }.map { DocID($0) }) : []
      first.deletedDocuments = deleted.map { UInt32($0) }.sorted()
      let readers = [try SegmentReader(opening: directory, info: first), try SegmentReader(opening: directory, info: second)]
      let expected =
        Self.expectedVectors(fixtures[0], documentCount: 400).enumerated().filter { !deleted.contains(DocID($0.offset)) }
        .map(\.element) + Self.expectedVectors(fixtures[1], documentCount: 400)
      let merged = try SegmentMerger.merge(readers, deletions: [deleted, []], directory: directory, name: "seg-3")
      let segment = try SegmentReader(opening: directory, info: merged)
      #expect(segment.hasTermVectors)
      let vectors = try Self.readVectors(segment)
      #expect(vectors == expected)
    }
  }

  @Test func aMergeOfASegmentWithoutVectorsDerivesThem() throws {
    try withTemporaryDirectory { directory in
      let fixtures = [Self.fixture(seed: 45), Self.fixture(seed: 46)]
      var old = try fixtures[0].write(to: directory, name: "seg-1")
      // As a segment written before term vectors existed: the commit does not list the file.
      old.fileByteCounts["tv"] = nil
      try FileManager.default.removeItem(atPath: directory.filePath(old.fileName(.termVectors)))
      let current = try fixtures[1].write(to: directory, name: "seg-2")
      let readers = [try SegmentReader(opening: directory, info: old), try SegmentReader(opening: directory, info: current)]
      #expect(!readers[0].hasTermVectors && readers[1].hasTermVectors)
      var ordinals: [UInt32] = []
      var counts: [UInt32] = []
      #expect(throws: FormatError.self) { try readers[0].termVector(0, ordinals: &ordinals, counts: &counts) }
      let merged = try SegmentMerger.merge(readers, deletions: [[], []], directory: directory, name: "seg-3")
      let segment = try SegmentReader(opening: directory, info: merged)
      #expect(segment.hasTermVectors)
      let vectors = try Self.readVectors(segment)
      #expect(
        vectors == Self.expectedVectors(fixtures[0], documentCount: 400) + Self.expectedVectors(fixtures[1], documentCount: 400))
    }
  }

  /// Words with consecutive ordinals and counts of 1 pack at width 0: a long record in a few
  /// bytes still reads back.
  @Test func consecutiveWordsCountedOnceReadBack() throws {
    var fixture = SegmentFixture.random(seed: 51, documentCount: 3, docFreqs: [], extraTerms: 0)
    fixture.terms = (0..<40).map { k in
      ExpectedTerm(
        field: .body, term: Array("w\(1000 + k)".utf8),
        postings: [ExpectedPosting(docID: 0, positions: [UInt32(k)]), ExpectedPosting(docID: 2, positions: [UInt32(k)])])
    }
    fixture.sortTerms()
    try SegmentWriterTests.withSegment(fixture) { reader, info, _ in
      let vectors = try Self.readVectors(reader)
      #expect(vectors == Self.expectedVectors(fixture, documentCount: 3))
      #expect(vectors[0].count == 40 && vectors[1].isEmpty)
      // Envelope 32, offsets 32, trailer 16; the two records a few bytes each.
      let bytes = try #require(info.fileByteCounts["tv"])
      #expect(bytes < 32 + 32 + 16 + 20, "width-0 packing: \(bytes) bytes")
    }
  }

  @Test func aVectorFileOfAnotherSegmentIsRefused() throws {
    try withTemporaryDirectory { directory in
      let info = try Self.fixture(seed: 47).write(to: directory, name: "seg-1")
      let other = try SegmentFixture.random(seed: 48, documentCount: 10, docFreqs: [1, 3], extraTerms: 5)
        .write(to: directory, name: "seg-2")
      try FileManager.default.removeItem(atPath: directory.filePath(info.fileName(.termVectors)))
      try FileManager.default.copyItem(
        atPath: directory.filePath(other.fileName(.termVectors)), toPath: directory.filePath(info.fileName(.termVectors)))
      #expect(throws: FormatError.self) { try SegmentReader(opening: directory, info: info) }
    }
  }

  /// Bytes that pass the checksum but not the structure (a buggy or hostile writer): opening
  /// the segment or reading a vector throws, never traps, and never hands out an ordinal past
  /// the segment's words. In a child process, so a trap fails only this test.
  @Test func resealedDamageNeverTraps() async {
    await #expect(processExitsWith: .success) {
      try withTemporaryDirectory { directory in
        let info = try Self.fixture(seed: 49).write(to: directory, name: "seg-1")
        let path = directory.filePath(info.fileName(.termVectors))
        let original = try readFile(path)
        var random = SplitMix64(seed: 50)
        var ordinals: [UInt32] = []
        var counts: [UInt32] = []
        let payload = FileEnvelope.headerByteCount..<(original.count - FileEnvelope.footerByteCount)
        // Every byte of the trailer and offset table's end, and payload bytes spread evenly.
        let positions = Array(payload.suffix(64)) + (0..<300).map { _ in random.int(in: payload.lowerBound...(payload.upperBound - 1)) }
        // Flips in the trailer and offsets are refused at opening; flips in records open and
        // are caught (or decode to other valid words) when a record is read.
        var refusedAtOpening = 0
        var refusedRecords = 0
        for position in positions {
          var bytes = original
          bytes[position] ^= UInt8(random.int(in: 1...255))
          try writeFile(SegmentReaderTests.resealed(bytes), to: path)
          guard let reader = try? SegmentReader(opening: directory, info: info) else {
            refusedAtOpening += 1
            continue
          }
          for doc in 0..<reader.documentCount {
            guard (try? reader.termVector(DocID(doc), ordinals: &ordinals, counts: &counts)) != nil else {
              refusedRecords += 1
              continue
            }
            guard ordinals.count == counts.count, ordinals.allSatisfy({ Int($0) < reader.wordCount }) else { exit(2) }
            for ordinal in ordinals { _ = try? reader.word(ordinal: Int(ordinal)) }
          }
        }
        // Both paths were taken, so the decoder met damage it had to refuse.
        guard refusedAtOpening > 0 else { exit(3) }
        guard refusedRecords > 0 else { exit(4) }
      }
    }
  }
}
