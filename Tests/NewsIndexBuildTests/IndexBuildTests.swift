import Foundation
import NewsIndexBuild
import NewsIndexCore
import NewsIndexFormat
import NewsIndexTestSupport
import Testing

@testable import NewsIndexBuild

@Suite struct IndexBuildTests {
  func build(_ documents: [ExtractedDocument], into path: String, threads: Int, minimum: Int = 10) throws -> BuildSummary {
    let build = IndexBuild(directory: IndexDirectory(path: path), threads: threads, minimumDocumentsPerSegment: minimum)
    return try build.run(sourceCount: 1, extract: { _ in documents })
  }

  @Test func runsCoverEveryDocumentContiguously() {
    for (count, workers) in [(0, 4), (1, 4), (9, 2), (100, 3), (101, 4), (5_000, 2)] {
      let runs = IndexBuild.runs(documentCount: count, workers: workers, minimumRun: 10)
      #expect(runs.first?.lowerBound == 0)
      #expect(runs.last?.upperBound == count)
      for (a, b) in zip(runs, runs.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
      #expect(runs.count <= max(1, workers))
    }
    #expect(IndexBuild.runs(documentCount: 15, workers: 4, minimumRun: 10).count == 1)
  }

  @Test func documentNumbersDoNotDependOnThreads() throws {
    let corpus = RandomCorpus(seed: 5, documentCount: 120)
    let folder = TemporaryDirectory("newsindex-build")
    defer { folder.remove() }
    var stored: [[String]] = []
    for threads in [1, 2, 3] {
      let path = folder.file("index-\(threads)")
      let summary = try build(corpus.documents, into: path, threads: threads)
      #expect(summary.documentCount == 120)
      #expect(summary.segmentCount == threads)
      let commit = try #require(try IndexDirectory(path: path).readCommit())
      var ids: [String] = []
      for info in commit.segments {
        let segment = try SegmentReader(opening: IndexDirectory(path: path), info: info)
        for doc in 0..<segment.documentCount { ids.append(try segment.storedID(DocID(doc))) }
      }
      stored.append(ids)
    }
    #expect(stored[0] == corpus.documents.map(\.id))
    #expect(stored[1] == stored[0] && stored[2] == stored[0])
  }

  @Test func commitRecordsStatisticsAndAnalyzer() throws {
    let folder = TemporaryDirectory("newsindex-build")
    defer { folder.remove() }
    let documents = [
      ExtractedDocument(id: "a", path: "a", title: "Rates rise", body: "the bank raised rates"),
      ExtractedDocument(id: "b", path: "b", title: "", body: "rates"),
    ]
    let summary = try build(documents, into: folder.path, threads: 1)
    let commit = try #require(try IndexDirectory(path: folder.path).readCommit())
    #expect(commit.generation == 1 && summary.generation == 1)
    #expect(commit.analyzer == .standard)
    #expect(commit.documentCount == 2)
    #expect(commit.segments[0].fieldTokenCounts == [2, 5])
    // title:rates, title:rise, body:the, body:bank, body:raised, body:rates
    #expect(commit.segments[0].termCount == 6)
    #expect(commit.segments[0].postingCount == 7)
  }

  @Test func rebuildIncrementsGenerationAndRemovesOldSegments() throws {
    let folder = TemporaryDirectory("newsindex-build")
    defer { folder.remove() }
    let one = [ExtractedDocument(id: "a", path: "a", title: "one", body: "first")]
    _ = try build(one, into: folder.path, threads: 1)
    let second = try build(one, into: folder.path, threads: 1)
    #expect(second.generation == 2)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("seg-") }
    #expect(!names.isEmpty && names.allSatisfy { $0.hasPrefix("seg-000002-") })
  }

  @Test func emptyBuildCommitsAnEmptyIndex() throws {
    let folder = TemporaryDirectory("newsindex-build")
    defer { folder.remove() }
    let summary = try build([], into: folder.path, threads: 2)
    #expect(summary.documentCount == 0)
    let commit = try #require(try IndexDirectory(path: folder.path).readCommit())
    for info in commit.segments { _ = try SegmentReader(opening: IndexDirectory(path: folder.path), info: info) }
  }

  @Test func skippedSourcesAreCountedAndTheRestIndexed() throws {
    let folder = TemporaryDirectory("newsindex-build")
    defer { folder.remove() }
    let build = IndexBuild(directory: IndexDirectory(path: folder.path), threads: 2)
    let summary = try build.run(sourceCount: 5) { i in
      i % 2 == 0 ? [ExtractedDocument(id: "d\(i)", path: "d\(i)", body: "text \(i)")] : nil
    }
    #expect(summary.skippedCount == 2)
    #expect(summary.documentCount == 3)
  }

  @Test func aHeldLockFailsTheBuildAndKeepsTheIndex() throws {
    let folder = TemporaryDirectory("newsindex-build")
    defer { folder.remove() }
    let one = [ExtractedDocument(id: "a", path: "a", title: "one", body: "first")]
    _ = try build(one, into: folder.path, threads: 1)
    let lock = try WriteLock(directory: IndexDirectory(path: folder.path))
    defer { lock.release() }
    #expect(throws: BuildError.self) { try build(one, into: folder.path, threads: 1) }
    #expect(try IndexDirectory(path: folder.path).readCommit()?.generation == 1)
  }
}

@Suite struct TermTableTests {
  @Test func internsKeysOnceAndSortsThemBytewise() {
    var table = TermTable(capacity: 4)
    var ids: [TermID] = []
    for word in ["b", "a", "ä", "b", "aa", "a"] {
      ids.append(Array(word.utf8).withUnsafeBytes { table.intern(field: 1, term: $0) })
    }
    let titleA = Array("a".utf8).withUnsafeBytes { table.intern(field: 0, term: $0) }
    #expect(ids == [0, 1, 2, 0, 3, 1])
    #expect(titleA == 4, "the same bytes in another field are another key")
    let sorted = table.sortedIDs().map { id in Array(table.arena[table.keyRange(id)]) }
    #expect(sorted == [[0, 97], [1, 97], [1, 97, 97], [1, 98], [1, 0xC3, 0xA4]])
  }

  @Test func growsPastItsInitialCapacity() {
    var table = TermTable(capacity: 2)
    for i in 0..<10_000 {
      let id = Array("term\(i)".utf8).withUnsafeBytes { table.intern(field: 1, term: $0) }
      #expect(id == TermID(i))
    }
    let again = Array("term1234".utf8).withUnsafeBytes { table.intern(field: 1, term: $0) }
    #expect(again == 1234)
    #expect(table.count == 10_000)
  }
}
