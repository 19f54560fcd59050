import Foundation
import NewsIndexCore
import NewsIndexFormat
import Testing

@Suite struct SegmentWriterTests {
  static let boundaryDocFreqs = [1, 127, 128, 129, 255, 256, 257, 1000]

  static func boundaryFixture(seed: UInt64 = 0x5EED) -> SegmentFixture {
    SegmentFixture.random(
      seed: seed, documentCount: 1100, docFreqs: boundaryDocFreqs, extraTerms: 60)
  }

  /// Writes `fixture`, opens it, and runs `body` with the reader.
  static func withSegment<T>(
    _ fixture: SegmentFixture, _ body: (SegmentReader, SegmentInfo, IndexDirectory) throws -> T
  ) throws -> T {
    try withTemporaryDirectory { directory in
      let info = try fixture.write(to: directory)
      let reader = try SegmentReader(opening: directory, info: info)
      return try body(reader, info, directory)
    }
  }

  /// Absent keys around the real ones: empty, before the first, after the last, prefixes,
  /// extensions, neighbours, the same term in the other field.
  static func absentProbes(_ fixture: SegmentFixture) -> [(Field, [UInt8])] {
    let keys = fixture.keys
    var probes: [(Field, [UInt8])] = [
      (.title, []), (.body, []), (.title, [0x00]), (.title, [0x01]), (.body, [0xFF]),
      (.body, [0xFF, 0xFF, 0xFF]), (.body, Array(repeating: 0x61, count: 600)),
    ]
    for term in fixture.terms {
      for length in 1..<term.term.count { probes.append((term.field, Array(term.term[..<length]))) }
      probes.append((term.field, term.term + [0x00]))
      probes.append((term.field, term.term + [0xFF]))
      if let last = term.term.last, last < 0xFF {
        probes.append((term.field, term.term.dropLast() + [last + 1]))
      }
      if let last = term.term.last, last > 0 {
        probes.append((term.field, term.term.dropLast() + [last - 1]))
      }
      probes.append((term.field == .title ? .body : .title, term.term))
    }
    return probes.filter { !keys.contains([$0.0.rawValue] + $0.1) }
  }

  @Test func roundTripsTermStatistics() throws {
    let fixture = Self.boundaryFixture()
    try Self.withSegment(fixture) { reader, _, _ in
      for term in fixture.terms {
        let info = try #require(reader.termInfo(term.field, term.term), "\(term.text) missing")
        #expect(info.docFreq == term.docFreq, "\(term.text)")
        #expect(info.totalTermFreq == term.totalTermFreq, "\(term.text)")
      }
    }
  }

  @Test func absentTermsAreNotFound() throws {
    let fixture = Self.boundaryFixture()
    let probes = Self.absentProbes(fixture)
    #expect(probes.count > 100)
    try Self.withSegment(fixture) { reader, _, _ in
      for (field, term) in probes {
        #expect(reader.termInfo(field, term) == nil, "\(field):\(term)")
      }
    }
  }

  @Test func roundTripsPostingsOfEveryTerm() throws {
    let fixture = Self.boundaryFixture()
    try Self.withSegment(fixture) { reader, _, _ in
      for term in fixture.terms {
        let info = try #require(reader.termInfo(term.field, term.term))
        let cursor = reader.postings(info)
        #expect(cursor.docFreq == term.docFreq)
        #expect(cursor.drain() == term.postings, "\(term.text)")
      }
    }
  }

  @Test func roundTripsStoredDocumentsAndFieldLengths() throws {
    let fixture = Self.boundaryFixture()
    try Self.withSegment(fixture) { reader, _, _ throws in
      #expect(reader.documentCount == fixture.documents.count)
      for (docID, document) in fixture.documents.enumerated() {
        #expect(try reader.storedDocument(DocID(docID)) == document)
        #expect(try reader.storedID(DocID(docID)) == document.id)
        for field in Field.allCases where Int(field.rawValue) < fixture.fieldLengths.count {
          #expect(
            reader.fieldLength(field, DocID(docID))
              == fixture.fieldLengths[Int(field.rawValue)][docID])
        }
      }
    }
  }

  @Test func forEachTermVisitsEveryKeyInOrder() throws {
    let fixture = Self.boundaryFixture()
    try Self.withSegment(fixture) { reader, _, _ in
      var visited: [(key: [UInt8], info: TermInfo)] = []
      try reader.forEachTerm { field, term, info in
        visited.append(([field.rawValue] + Array(term), info))
        return true
      }
      #expect(visited.map(\.key) == fixture.terms.map(\.key))
      for (entry, term) in zip(visited, fixture.terms) {
        #expect(entry.info == reader.termInfo(term.field, term.term))
      }
    }
  }

  @Test func forEachTermStopsWhenBodyReturnsFalse() throws {
    let fixture = Self.boundaryFixture()
    try Self.withSegment(fixture) { reader, _, _ in
      var count = 0
      try reader.forEachTerm { _, _, _ in
        count += 1
        return count < 40
      }
      #expect(count == 40)
    }
  }

  @Test func segmentInfoCountsWhatWasWritten() throws {
    let fixture = Self.boundaryFixture()
    try Self.withSegment(fixture) { reader, info, directory in
      #expect(info.name == "seg-1")
      #expect(info.documentCount == fixture.documents.count)
      #expect(info.termCount == fixture.terms.count)
      #expect(info.postingCount == fixture.terms.reduce(0) { $0 + $1.docFreq })
      #expect(
        info.fieldTokenCounts
          == fixture.fieldLengths.map { $0.reduce(UInt64(0)) { $0 + UInt64($1) } })
      #expect(Set(info.fileByteCounts.keys) == Set(IndexFileKind.allCases.map(\.fileExtension)))
      for kind in IndexFileKind.allCases {
        let attributes = try FileManager.default.attributesOfItem(
          atPath: directory.filePath(info.fileName(kind)))
        #expect((attributes[.size] as? Int) == info.fileByteCounts[kind.fileExtension], "\(kind)")
      }
      #expect(reader.info == info)
    }
  }

  /// Dictionary blocks hold 32 terms; lookups must work on both sides of every block boundary.
  @Test(arguments: [1, 2, 31, 32, 33, 64, 65, 100])
  func findsEveryTermAcrossDictionaryBlocks(termCount: Int) throws {
    var (fixture, random) = SegmentFixture.randomDocuments(
      seed: UInt64(termCount), documentCount: 3)
    // Keys with long shared prefixes, alternating fields, so front coding matters.
    fixture.terms = (0..<termCount).map { k in
      ExpectedTerm(
        field: k % 3 == 0 ? .title : .body, term: Array("term-\(String(k, radix: 2))".utf8),
        postings: SegmentFixture.randomPostings(
          &random, docFreq: 1 + k % 3, documentCount: 3, maxTermFreq: 5))
    }
    fixture.sortTerms()
    try Self.withSegment(fixture) { reader, info, _ in
      #expect(info.termCount == termCount)
      for term in fixture.terms {
        let found = try #require(reader.termInfo(term.field, term.term), "\(term.text)")
        #expect(found.docFreq == term.docFreq)
        #expect(reader.postings(found).drain() == term.postings, "\(term.text)")
      }
      for (field, term) in Self.absentProbes(fixture) {
        #expect(
          reader.termInfo(field, term) == nil, "\(field):\(String(decoding: term, as: UTF8.self))")
      }
      var keys: [[UInt8]] = []
      try reader.forEachTerm { field, term, _ in
        keys.append([field.rawValue] + Array(term))
        return true
      }
      #expect(keys == fixture.terms.map(\.key))
    }
  }

  @Test func emptySegmentRoundTrips() throws {
    try Self.withSegment(SegmentFixture()) { reader, info, _ in
      #expect(info.documentCount == 0)
      #expect(info.termCount == 0)
      #expect(info.postingCount == 0)
      #expect(info.fieldTokenCounts == [0, 0, 0, 0])
      #expect(reader.documentCount == 0)
      #expect(reader.termInfo(.body, "") == nil)
      #expect(reader.termInfo(.title, "news") == nil)
      var visits = 0
      try reader.forEachTerm { _, _, _ in
        visits += 1
        return true
      }
      #expect(visits == 0)
    }
  }

  @Test func oneDocumentOneTermRoundTrips() throws {
    var fixture = SegmentFixture()
    fixture.documents = [ExtractedDocument(id: "a#1", path: "a", title: "T", body: "news")]
    fixture.fieldLengths = [[1], [1]]
    fixture.terms = [
      ExpectedTerm(
        field: .body, term: Array("news".utf8), postings: [.init(docID: 0, positions: [0])])
    ]
    try Self.withSegment(fixture) { reader, info, _ in
      #expect(info.termCount == 1 && info.postingCount == 1 && info.fieldTokenCounts == [1, 1, 0, 0])
      let found = try #require(reader.termInfo(.body, "news"))
      #expect(found.docFreq == 1 && found.totalTermFreq == 1)
      #expect(reader.termInfo(.title, "news") == nil)
      #expect(reader.postings(found).drain() == fixture.terms[0].postings)
      #expect(try reader.storedDocument(0) == fixture.documents[0])
    }
  }

  @Test func emptyTermIsAValidKey() throws {
    var fixture = SegmentFixture()
    fixture.documents = [ExtractedDocument(id: "a", path: "a")]
    fixture.fieldLengths = [[0], [0]]
    fixture.terms = [
      ExpectedTerm(field: .title, term: [], postings: [.init(docID: 0, positions: [3])]),
      ExpectedTerm(field: .title, term: [0x00], postings: [.init(docID: 0, positions: [4])]),
      ExpectedTerm(field: .body, term: [], postings: [.init(docID: 0, positions: [5, 6])]),
    ]
    try Self.withSegment(fixture) { reader, _, _ in
      for term in fixture.terms {
        let found = try #require(reader.termInfo(term.field, term.term), "\(term.key)")
        #expect(reader.postings(found).drain() == term.postings)
      }
      var keys: [[UInt8]] = []
      try reader.forEachTerm { field, term, _ in
        keys.append([field.rawValue] + Array(term))
        return true
      }
      #expect(keys == [[0], [0, 0], [1]])
    }
  }

  /// Sparse postings over many documents: doc-id deltas above 16384 take three varint bytes.
  @Test func roundTripsLargeDocIDGaps() throws {
    var (fixture, random) = SegmentFixture.randomDocuments(seed: 77, documentCount: 40_000)
    for (k, docFreq) in [1, 2, 128, 129, 300].enumerated() {
      var postings = SegmentFixture.randomPostings(
        &random, docFreq: docFreq, documentCount: 40_000, maxTermFreq: 3)
      if k == 1 {
        postings = [.init(docID: 0, positions: [1]), .init(docID: 39_999, positions: [2])]
      }
      fixture.terms.append(
        ExpectedTerm(field: .body, term: Array("gap\(k)".utf8), postings: postings))
    }
    try Self.withSegment(fixture) { reader, _, _ in
      for term in fixture.terms {
        let found = try #require(reader.termInfo(term.field, term.term))
        #expect(reader.postings(found).drain() == term.postings, "\(term.text)")
      }
      #expect(try reader.storedID(39_999) == fixture.documents[39_999].id)
      #expect(reader.fieldLength(.body, 39_999) == fixture.fieldLengths[1][39_999])
    }
  }

  /// The writer takes term bytes of any length, so the reader must find long keys too.
  @Test func findsTermsLongerThanFiveHundredBytes() throws {
    var fixture = SegmentFixture()
    fixture.documents = [ExtractedDocument(id: "a", path: "a")]
    fixture.fieldLengths = [[0], [0]]
    let long = [UInt8](repeating: 0x61, count: 600)
    fixture.terms = [
      ExpectedTerm(field: .body, term: long, postings: [.init(docID: 0, positions: [0])]),
      ExpectedTerm(
        field: .body, term: Array("zebra".utf8), postings: [.init(docID: 0, positions: [1])]),
    ]
    try Self.withSegment(fixture) { reader, _, _ in
      #expect(reader.termInfo(.body, long) != nil)
      #expect(reader.termInfo(.body, "zebra") != nil)
    }
  }

  @Test func differentSeedsRoundTrip() throws {
    for seed: UInt64 in [1, 2, 3] {
      let fixture = SegmentFixture.random(
        seed: seed, documentCount: 300, docFreqs: [128, 129, 257], extraTerms: 40)
      try Self.withSegment(fixture) { reader, _, _ in
        for term in fixture.terms {
          let found = try #require(
            reader.termInfo(term.field, term.term), "seed \(seed) \(term.text)")
          #expect(reader.postings(found).drain() == term.postings, "seed \(seed) \(term.text)")
        }
      }
    }
  }
}
