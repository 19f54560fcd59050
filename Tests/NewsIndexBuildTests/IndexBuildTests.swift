import Foundation
import NewsIndexBuild
import NewsIndexCore
import NewsIndexFormat
import NewsIndexTestSupport
import Testing

@testable import NewsIndexBuild

@Suite struct IndexBuildTests {
  /// Builds `documents` (one source each) with small segments so that flushes and merges happen.
  func build(
    _ documents: [ExtractedDocument], into path: String, threads: Int, perSegment: Int = 25, maxSegments: Int = 1_000
  ) throws -> BuildSummary {
    var build = IndexBuild(directory: IndexDirectory(path: path), threads: threads, maxSegmentCount: maxSegments)
    build.maxDocumentsPerSegment = perSegment
    return try build.run(sourceByteCounts: documents.map { _ in 100 }, extract: { [documents[$0]] })
  }

  /// Stored ids of every document, in index order.
  func storedIDs(_ path: String) throws -> [String] {
    let commit = try #require(try IndexDirectory(path: path).readCommit())
    var ids: [String] = []
    for info in commit.segments {
      let segment = try SegmentReader(opening: IndexDirectory(path: path), info: info)
      for doc in 0..<segment.documentCount { ids.append(try segment.storedID(DocID(doc))) }
    }
    return ids
  }

  @Test func jobsCoverEverySourceContiguously() {
    for (counts, workers) in [([Int](), 2), ([5], 4), (Array(repeating: 1 << 20, count: 9), 2), (Array(repeating: 300_000, count: 100), 3)] {
      let jobs = IndexBuild.jobs(byteCounts: counts, workers: workers, share: 256 << 20)
      #expect(jobs.first?.lowerBound ?? 0 == 0)
      #expect(jobs.last?.upperBound ?? 0 == counts.count)
      for (a, b) in zip(jobs, jobs.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
      #expect(jobs.allSatisfy { !$0.isEmpty })
    }
    #expect(IndexBuild.jobs(byteCounts: Array(repeating: 1 << 20, count: 40), workers: 2, share: 256 << 20).count >= 6)
  }

  @Test func documentOrderDoesNotDependOnThreads() throws {
    let corpus = RandomCorpus(seed: 5, documentCount: 120)
    let folder = TemporaryDirectory("newsindex-build")
    defer { folder.remove() }
    var stored: [[String]] = []
    for threads in [1, 2, 3] {
      let path = folder.file("index-\(threads)")
      let summary = try build(corpus.documents, into: path, threads: threads)
      #expect(summary.documentCount == 120)
      #expect(summary.segmentCount >= 120 / 25)
      stored.append(try storedIDs(path))
    }
    #expect(stored[0] == corpus.documents.map(\.id))
    #expect(stored[1] == stored[0] && stored[2] == stored[0])
  }

  @Test func mergingKeepsDocumentsOrderAndContent() throws {
    let corpus = RandomCorpus(seed: 8, documentCount: 150)
    let folder = TemporaryDirectory("newsindex-build")
    defer { folder.remove() }
    let many = try build(corpus.documents, into: folder.file("many"), threads: 2, perSegment: 10)
    let merged = try build(corpus.documents, into: folder.file("one"), threads: 2, perSegment: 10, maxSegments: 1)
    let few = try build(corpus.documents, into: folder.file("few"), threads: 2, perSegment: 10, maxSegments: 4)
    #expect(many.segmentCount == 15 && merged.segmentCount == 1 && few.segmentCount == 4)
    #expect(try storedIDs(folder.file("one")) == corpus.documents.map(\.id))
    #expect(try storedIDs(folder.file("few")) == corpus.documents.map(\.id))
    // Every (field, term) has the same postings, frequencies and positions, every word stream
    // the same postings, and every document the same stored fields in all three.
    let one = try #require(try IndexDirectory(path: folder.file("one")).readCommit())
    let segment = try SegmentReader(opening: IndexDirectory(path: folder.file("one")), info: one.segments[0])
    #expect(one.segments[0].postingCount == (try #require(try IndexDirectory(path: folder.file("many")).readCommit())).segments.reduce(0) { $0 + $1.postingCount })
    let unmerged = try PostingsDump(RealFormatIndex.segments(of: IndexDirectory(path: folder.file("many"))))
    #expect(unmerged.terms.count > 40 && unmerged.words.count > 20)
    for name in ["one", "few"] {
      let merged = try PostingsDump(RealFormatIndex.segments(of: IndexDirectory(path: folder.file(name))))
      #expect(merged.differences(from: unmerged).isEmpty, "\(name): \(merged.differences(from: unmerged))")
      #expect(merged.statistics == unmerged.statistics, "\(name)")
    }
    var index = 0
    try segment.forEachStoredDocument { doc, document in
      #expect(document.id == corpus.documents[index].id)
      #expect(document.body == corpus.documents[index].body)
      #expect(document.title == corpus.documents[index].title)
      index += 1
    }
    #expect(index == 150)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("one")).filter { $0.hasPrefix("seg-") }
    #expect(names.count == IndexFileKind.allCases.count, "only the merged segment's files remain: \(names)")
  }

  /// The shared real-format index (flushes of 300 documents merged down to three segments, full
  /// bit-packed blocks, postings with more than 128 positions) holds, term by term, what one
  /// flush of the same documents holds.
  @Test func mergedSegmentsHoldWhatASingleFlushHolds() throws {
    let index = try RealFormatIndex.shared()
    let merged = try index.segments()
    #expect(merged.count == RealFormatIndex.segmentCount)
    let single = try RealFormatIndex.segments(of: RealFormatIndex.singleSegment())
    #expect(single.count == 1)
    let a = try PostingsDump(merged)
    let b = try PostingsDump(single)
    #expect(a.terms.count == b.terms.count && a.words.count == b.words.count)
    #expect(a.differences(from: b).isEmpty, "\(a.differences(from: b))")
    #expect(a.statistics == b.statistics)
    // The comparison covered long postings and full blocks.
    #expect(b.terms.values.contains { $0.contains { $0.termFreq > 128 } })
    #expect(b.terms.values.filter { $0.count > 4 * 128 }.count >= 10)
    var index2 = 0
    for segment in merged {
      try segment.forEachStoredDocument { _, document in
        let want = index.documents[index2]
        #expect(document.id == want.id && document.title == want.title && document.body == want.body)
        index2 += 1
      }
    }
    #expect(index2 == index.documents.count)
  }

  @Test func aSmallMemoryBudgetFlushesSeveralSegments() throws {
    let corpus = RandomCorpus(seed: 9, documentCount: 3_000)
    let folder = TemporaryDirectory("newsindex-build")
    defer { folder.remove() }
    let build = IndexBuild(
      directory: IndexDirectory(path: folder.path), threads: 1, memoryBudgetBytes: 1 << 20, maxSegmentCount: 1_000)
    let documents = corpus.documents
    let summary = try build.run(sourceByteCounts: [1], extract: { _ in documents })
    #expect(summary.flushedSegmentCount > 1)
    #expect(try storedIDs(folder.path) == corpus.documents.map(\.id))
  }

  @Test func commitRecordsStatisticsAndAnalyzer() throws {
    let folder = TemporaryDirectory("newsindex-build")
    defer { folder.remove() }
    let documents = [
      ExtractedDocument(id: "a", path: "a", title: "Rates rise", body: "the bank raised rates"),
      ExtractedDocument(id: "b", path: "b", title: "", body: "rates"),
    ]
    let summary = try build(documents, into: folder.path, threads: 1, maxSegments: 1)
    let commit = try #require(try IndexDirectory(path: folder.path).readCommit())
    #expect(commit.generation == 1 && summary.generation == 1)
    #expect(commit.analyzer == .standard)
    #expect(commit.documentCount == 2)
    #expect(commit.segments[0].fieldTokenCounts == [2, 5, 0, 0])
    // Lengths count stop words (their positions stay as gaps); the terms do not:
    // title:rate, title:rise, body:bank, body:rais, body:rate ("the" is a stop word).
    #expect(commit.segments[0].termCount == 5)
    #expect(commit.segments[0].postingCount == 6)
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
    let summary = try build.run(sourceByteCounts: Array(repeating: 10, count: 5)) { i in
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

/// Incremental builds: unchanged files are skipped, changed ones re-indexed, gone ones deleted.
@Suite struct IncrementalBuildTests {
  /// A fake source tree: file key → (documents, modification time).
  struct Tree {
    var files: [(key: String, documents: [ExtractedDocument], time: Double)] = []

    var sources: [BuildSource] {
      files.map { BuildSource(fileKey: $0.key, byteCount: 100, fileByteCount: contentSize($0.documents), modificationTime: $0.time) }
    }

    func contentSize(_ documents: [ExtractedDocument]) -> Int { documents.reduce(0) { $0 + $1.body.utf8.count } }

    func hash(_ key: String) -> UInt64? {
      guard let file = files.first(where: { $0.key == key }) else { return nil }
      var hasher = Hasher()
      for document in file.documents { hasher.combine(document.body) }
      return UInt64(bitPattern: Int64(hasher.finalize())) | 1
    }
  }

  func build(_ tree: Tree, into path: String, rebuild: Bool = false, maxSegments: Int = 8) throws -> BuildSummary {
    let build = IndexBuild(directory: IndexDirectory(path: path), threads: 2, maxSegmentCount: maxSegments)
    return try build.run(
      sources: tree.sources, rebuild: rebuild, contentHash: { tree.hash($0) },
      extract: { tree.files[$0].documents })
  }

  func liveIDs(_ path: String) throws -> [String] {
    let commit = try #require(try IndexDirectory(path: path).readCommit())
    var ids: [String] = []
    for info in commit.segments {
      let segment = try SegmentReader(opening: IndexDirectory(path: path), info: info)
      for doc in 0..<segment.documentCount where !segment.isDeleted(DocID(doc)) {
        ids.append(try segment.storedID(DocID(doc)))
      }
    }
    return ids.sorted()
  }

  static func document(_ id: String, _ body: String) -> ExtractedDocument {
    ExtractedDocument(id: id, path: id, title: id, body: body)
  }

  @Test func addChangeDeleteAndUnchangedFiles() throws {
    let folder = TemporaryDirectory("newsindex-incremental")
    defer { folder.remove() }
    var tree = Tree()
    tree.files = [
      ("a", [Self.document("a1", "alpha"), Self.document("a2", "alpha two")], 1),
      ("b", [Self.document("b1", "bravo")], 1),
      ("c", [Self.document("c1", "charlie")], 1),
    ]
    let first = try build(tree, into: folder.path)
    #expect(first.changes == SourceChanges(added: 3, updated: 0, deleted: 0, unchanged: 0))
    #expect(try liveIDs(folder.path) == ["a1", "a2", "b1", "c1"])

    let again = try build(tree, into: folder.path)
    #expect(again.changes == SourceChanges(added: 0, updated: 0, deleted: 0, unchanged: 3))

    // b changes, c disappears, d appears, a is touched but identical.
    tree.files[0].time = 2
    tree.files[1] = ("b", [Self.document("b1", "bravo changed"), Self.document("b2", "bravo new")], 2)
    tree.files.remove(at: 2)
    tree.files.append(("d", [Self.document("d1", "delta")], 2))
    let second = try build(tree, into: folder.path)
    #expect(second.changes == SourceChanges(added: 1, updated: 1, deleted: 1, unchanged: 1))
    #expect(try liveIDs(folder.path) == ["a1", "a2", "b1", "b2", "d1"])
    #expect(second.documentCount == 5)

    // A full merge drops the deleted documents; a later incremental build still knows every file.
    let merged = try build(tree, into: folder.path, maxSegments: 1)
    #expect(merged.segmentCount == 1)
    let commit = try #require(try IndexDirectory(path: folder.path).readCommit())
    #expect(commit.documentCount == 5 && commit.liveDocumentCount == 5)
    tree.files[0] = ("a", [Self.document("a1", "alpha again")], 3)
    let third = try build(tree, into: folder.path)
    #expect(third.changes == SourceChanges(added: 0, updated: 1, deleted: 0, unchanged: 2))
    #expect(try liveIDs(folder.path) == ["a1", "b1", "b2", "d1"])
  }

  @Test func rebuildStartsOver() throws {
    let folder = TemporaryDirectory("newsindex-incremental")
    defer { folder.remove() }
    var tree = Tree()
    tree.files = [("a", [Self.document("a1", "alpha")], 1)]
    _ = try build(tree, into: folder.path)
    let rebuilt = try build(tree, into: folder.path, rebuild: true)
    #expect(rebuilt.changes == SourceChanges(added: 1, updated: 0, deleted: 0, unchanged: 0))
    #expect(try liveIDs(folder.path) == ["a1"])
  }

  @Test func aReaderKeepsItsSnapshotWhileABuildReplacesTheIndex() throws {
    let folder = TemporaryDirectory("newsindex-incremental")
    defer { folder.remove() }
    var tree = Tree()
    tree.files = [("a", [Self.document("a1", "alpha")], 1)]
    _ = try build(tree, into: folder.path)
    let commit = try #require(try IndexDirectory(path: folder.path).readCommit())
    let snapshot = try SegmentReader(opening: IndexDirectory(path: folder.path), info: commit.segments[0])
    tree.files = [("z", [Self.document("z1", "zulu")], 2)]
    _ = try build(tree, into: folder.path, rebuild: true)
    // The old files are gone from the folder, but the mapped snapshot still reads them.
    #expect(!FileManager.default.fileExists(atPath: folder.file(commit.segments[0].fileName(.postings))))
    #expect(try snapshot.storedID(0) == "a1")
    let alpha = try #require(Array("alpha".utf8).withUnsafeBytes { snapshot.termInfo(field: .body, term: $0) })
    #expect(snapshot.postings(alpha).docID == 0)
    #expect(try liveIDs(folder.path) == ["z1"])
  }
}
