import Foundation
import NewsIndexCore
import NewsIndexFormat
import NewsIndexTestSupport
import Testing

@testable import NewsIndexSearch

/// Collapsing duplicate stories to their best hit, and checking the data behind it.
@Suite struct DuplicateCollapseTests {
  /// The best `k` hits with at most one per group, computed the slow way.
  static func expectedTop(_ hits: [Hit], k: Int, groups: DuplicateGroups) -> [Hit] {
    var seen = Set<Int32>()
    var kept: [Hit] = []
    for hit in hits.sorted(by: { $0.ranksAbove($1) }) {
      let group = groups.group(of: hit.docNumber)
      if group >= 0 && !seen.insert(group).inserted { continue }
      kept.append(hit)
      if kept.count == k { break }
    }
    return kept
  }

  @Test(arguments: [1, 3, 10, 50])
  func collapsingCollectorKeepsTheBestHitOfEachGroup(k: Int) {
    var random = SeededRandom(seed: UInt64(k))
    for _ in 0..<40 {
      let documentCount = 200
      // Random groups over a random subset of the documents.
      var groups: [[Int]] = []
      var free = Array(0..<documentCount).shuffled(using: &random)
      while free.count > 10 && groups.count < 30 {
        let size = Int.random(in: 2...6, using: &random)
        groups.append(Array(free.suffix(size)))
        free.removeLast(size)
      }
      let table = DuplicateGroups(
        table: DuplicateTable(documentCount: documentCount, groups: groups),
        documentCount: documentCount)
      // Scores with many ties; documents in random order, each at most once.
      let hits = (0..<documentCount).shuffled(using: &random).prefix(150).map {
        Hit(docNumber: $0, score: Double(Int.random(in: 0..<20, using: &random)))
      }
      var collector = TopKCollector(k: k, groups: table)
      var collected: [Hit] = []
      for hit in hits {
        collector.collect(hit)
        collected.append(hit)
        // The threshold is the worst kept hit once k are kept.
        let kept = Self.expectedTop(collected, k: k, groups: table)
        #expect(collector.minimumCompetitiveScore == (kept.count == k ? kept.last!.score : nil))
      }
      #expect(collector.sortedHits() == Self.expectedTop(hits, k: k, groups: table))
      #expect(collector.collectedCount == hits.count)
      var plain = TopKCollector(k: k)
      for hit in hits { plain.collect(hit) }
      #expect(plain.sortedHits() == Array(hits.sorted { $0.ranksAbove($1) }.prefix(k)))
    }
  }

  /// A long story body: copies of it are exact duplicates whatever their headline.
  static func story(_ seed: Int) -> String {
    (0..<300).map { "w\(seed)x\($0 % 97)y\($0 % 13)" }.joined(separator: " ") + " oil"
  }

  static let documents: [ExtractedDocument] = [
    ExtractedDocument(
      id: "a-first", path: "a", title: "Tanker", date: "2025-03-01", body: story(1)),
    ExtractedDocument(id: "b", path: "b", title: "oil", date: "2025-03-02", body: story(2)),
    ExtractedDocument(id: "c", path: "c", title: "Other", date: "2025-03-03", body: "oil and gas"),
    ExtractedDocument(
      id: "a-second", path: "a2", title: "Oil tanker", date: "2025-03-04", body: story(1)),
    ExtractedDocument(id: "d", path: "d", title: "More", date: "2025-03-05", body: "oil oil"),
    ExtractedDocument(
      id: "a-third", path: "a3", title: "Tanker news", date: "2025-03-06", body: story(1)),
  ]

  @Test func searchCollapsesCopiesAcrossSegments() throws {
    let fixture = try IndexFixture(Self.documents, minimumDocumentsPerSegment: 2)
    defer { fixture.remove() }
    #expect(fixture.reader.segments.count >= 3)
    #expect(fixture.reader.duplicates.count == 1)
    var searcher = fixture.searcher()
    let all = try fixture.ids("oil")
    #expect(all.count == 6)
    searcher.collapseDuplicates = true
    let hits = try searcher.search("oil", k: 10).hits
    let ids = try hits.map { try fixture.reader.storedID($0.docNumber) }
    // "a-second" has "oil" in its title: the best of its group.
    #expect(ids.filter { $0.hasPrefix("a-") } == ["a-second"])
    #expect(ids.count == 4)
    #expect(ids == all.filter { !["a-first", "a-third"].contains($0) })
    let best = try #require(hits.first { try fixture.reader.storedID($0.docNumber) == "a-second" })
    #expect(searcher.duplicateCount(of: best) == 2)
    #expect(try searcher.search("oil", k: 10).matchCount == 6)
    // Date order keeps the newest copy.
    searcher.order = .date
    #expect(
      try searcher.search("oil", k: 10).hits.map { try fixture.reader.storedID($0.docNumber) } == [
        "a-third", "d", "c", "b",
      ])
    searcher.collapseDuplicates = false
    #expect(try searcher.search("oil", k: 10).hits.count == 6)
  }

  @Test func checkVerifiesTheDuplicateTableAndTheDates() throws {
    let fixture = try IndexFixture(Self.documents, minimumDocumentsPerSegment: 2)
    defer { fixture.remove() }
    let directory = fixture.reader.directory
    #expect(IndexCheck.run(directory: directory).isClean)
    let commit = fixture.reader.commit
    let name = try #require(commit.duplicatesFile)
    let path = directory.filePath(name)
    let original = try Data(contentsOf: URL(fileURLWithPath: path))

    // A well-formed table whose groups are not the signatures' groups.
    _ = try DuplicateTable(documentCount: commit.documentCount, groups: [[1, 2]]).write(
      to: directory, generation: commit.generation)
    var report = IndexCheck.run(directory: directory)
    #expect(report.problems.map(\.path) == [path])
    #expect(report.problems.first?.message.contains("duplicate groups") == true)
    #expect(throws: Never.self) { try IndexReader(opening: directory) }

    // A table that is not well formed: check reports it and the index is refused.
    var damaged = [UInt8](original)
    damaged[damaged.count - 20] ^= 0x01
    try Data(damaged).write(to: URL(fileURLWithPath: path))
    report = IndexCheck.run(directory: directory)
    #expect(report.problems.map(\.path) == [path])
    #expect(throws: FormatError.self) { try IndexReader(opening: directory) }

    // Missing: the commit names it.
    try FileManager.default.removeItem(atPath: path)
    #expect(IndexCheck.run(directory: directory).problems.map(\.path) == [path])
    try original.write(to: URL(fileURLWithPath: path))
    #expect(IndexCheck.run(directory: directory).isClean)

    // A date in a .dv file that is not its document's stored date (checksum made valid again).
    let segment = commit.segments[0]
    let valuesPath = directory.filePath(segment.fileName(.documentValues))
    var values = [UInt8](try Data(contentsOf: URL(fileURLWithPath: valuesPath)))
    values[FileEnvelope.headerByteCount + 8 + 3] ^= 0x40  // document 0's date
    let crcOffset = values.count - 8
    let crc = CRC32C.checksum(Array(values[..<crcOffset]))
    withUnsafeBytes(of: crc.littleEndian) { for k in 0..<4 { values[crcOffset + k] = $0[k] } }
    try Data(values).write(to: URL(fileURLWithPath: valuesPath))
    report = IndexCheck.run(directory: directory)
    #expect(report.problems.map(\.path) == [valuesPath])
    #expect(report.problems.first?.message.contains("dated") == true)
  }
}
