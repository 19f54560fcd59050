import Foundation
import NewsIndexBuild
import NewsIndexCore
import NewsIndexFormat
import NewsIndexSearch
import NewsIndexTestSupport
import Testing

/// Faults of the machine, as Lucene's MockDirectoryWrapper tests its writers: every write of a
/// fresh build, an incremental build and a merge fails in turn, with "no space" and with an I/O
/// error, and every read of an incremental build and of a search fails in turn with an I/O
/// error. Each time the build throws (never crashes), the previous commit answers exactly as
/// before, `check` is clean, no file outside the commit remains, and the same build then
/// succeeds without the fault.
///
/// The fault points are enumerated, not guessed: a first run with a counting ``FaultPlan`` tells
/// how many writes (reads) the operation makes on its folder, then each ordinal 1…N is failed.
/// Builds run on one thread so the Nth write is the same one every time.
@Suite struct FaultInjectionTests {
  static let queries = ["trade", "bank korea", "\"free trade\"", "+oil -prices", "title:market"]

  /// A tiny corpus: one source per document, and its second version (three documents changed,
  /// one gone, two new).
  struct Corpus {
    var documents: [ExtractedDocument]
    var modificationTimes: [Double]

    static let first = Corpus(
      documents: RandomCorpus(seed: 23, documentCount: 16).documents, modificationTimes: Array(repeating: 1, count: 16))

    static var second: Corpus {
      var corpus = first
      let extra = RandomCorpus(seed: 24, documentCount: 6).documents
      for (k, i) in [2, 7, 11].enumerated() {
        corpus.documents[i].body = extra[k].body + " changed"
        corpus.modificationTimes[i] = 2
      }
      corpus.documents.remove(at: 5)
      corpus.modificationTimes.remove(at: 5)
      for k in 3..<5 {
        var document = extra[k]
        document.id = "new-\(k)"
        corpus.documents.append(document)
        corpus.modificationTimes.append(2)
      }
      return corpus
    }

    var sources: [BuildSource] {
      documents.indices.map { i in
        BuildSource(
          fileKey: "file-" + documents[i].id, byteCount: documents[i].body.utf8.count + 1,
          fileByteCount: documents[i].body.utf8.count + 1, modificationTime: modificationTimes[i])
      }
    }
  }

  /// Builds `corpus` into `path` on one thread, with small segments so flushes and merges happen.
  @discardableResult
  static func build(_ corpus: Corpus, into path: String, maxSegments: Int = 1_000) throws(BuildError) -> BuildSummary {
    var build = IndexBuild(directory: IndexDirectory(path: path), threads: 1, maxSegmentCount: maxSegments)
    build.maxDocumentsPerSegment = 5
    let documents = corpus.documents
    let bodies = Dictionary(uniqueKeysWithValues: documents.map { ("file-" + $0.id, $0.body) })
    return try build.run(
      sources: corpus.sources, rebuild: false,
      contentHash: { key in bodies[key].map { UInt64(CRC32C.checksum(Array($0.utf8))) | 1 << 40 } },
      extract: { [documents[$0]] })
  }

  /// What searches answer (ids and scores of every query), and the commit's generation.
  static func answers(_ path: String) throws -> [String] {
    try answers(IndexReader(opening: IndexDirectory(path: path)))
  }

  static func answers(_ reader: IndexReader) throws -> [String] {
    let searcher = Searcher(reader: reader)
    var lines = ["generation \(reader.commit.generation)"]
    for query in queries {
      for hit in try searcher.search(query, k: 20).hits {
        lines.append("\(query): \(try reader.storedID(hit.docNumber)) \(hit.score)")
      }
    }
    return lines
  }

  /// The folder is the commit's and nothing else: check clean without warnings, and every file
  /// is meta.json, write.lock or one the commit references.
  static func expectOnlyTheCommit(_ path: String, _ comment: Comment) throws {
    let directory = IndexDirectory(path: path)
    let report = IndexCheck.run(directory: directory)
    #expect(report.isClean && report.warnings.isEmpty, "\(comment): \(report.problems) \(report.warnings)")
    let commit = try directory.readCommit()
    #expect(directory.unreferencedFiles(of: commit).isEmpty, comment)
    let names = try FileManager.default.contentsOfDirectory(atPath: path)
    #expect(
      names.allSatisfy { IndexDirectory.isIndexFile($0) || $0 == "meta.json" || $0 == "write.lock" }, comment)
  }

  /// Copies the folder `source` to `target` (replacing it).
  static func copy(_ source: String, to target: String) throws {
    try? FileManager.default.removeItem(atPath: target)
    try FileManager.default.copyItem(atPath: source, toPath: target)
  }

  /// How many operations of `kind` `body` makes on `folder`.
  static func count(_ kind: FaultPlan.Operation, in folder: String, _ body: () throws -> Void) rethrows -> Int {
    FaultPlan.arm(FaultPlan(folder: folder, operation: kind, failingAt: nil))
    defer { FaultPlan.disarm(folder: folder) }
    try body()
    let tally = FaultPlan.disarm(folder: folder)
    return kind == .write ? tally.writes : tally.reads
  }

  /// Fails every write of a build from the state in `base` (nil: an empty folder), with both
  /// faults, and checks what is left each time. Returns the number of fault points.
  static func failEveryWrite(
    from base: String?, work: String, _ corpus: Corpus, maxSegments: Int = 1_000, expected: [String]
  ) throws -> Int {
    let reset = { () throws in
      if let base { try copy(base, to: work) } else { try? FileManager.default.removeItem(atPath: work) }
    }
    try reset()
    let before = try base.map(answers)
    let writes = try count(.write, in: work) { try build(corpus, into: work, maxSegments: maxSegments) }
    #expect(writes > 10)
    for fault in [FaultPlan.Fault.noSpace, .ioError] {
      for n in 1...writes {
        let comment: Comment = "write \(n) of \(writes) failing with \(fault)"
        try reset()
        FaultPlan.arm(FaultPlan(folder: work, operation: .write, failingAt: n, fault: fault))
        var thrown: BuildError?
        do throws(BuildError) {
          try build(corpus, into: work, maxSegments: maxSegments)
        } catch {
          thrown = error
        }
        let tally = FaultPlan.disarm(folder: work)
        #expect(tally.fired, comment)
        guard let thrown else {
          Issue.record("\(comment): the build went through")
          continue
        }
        if fault == .noSpace {
          guard case .noSpace = thrown else {
            Issue.record("\(comment): \(thrown)")
            continue
          }
          #expect(thrown.description.contains("the index is unchanged"), comment)
        }
        if let before {
          #expect(try answers(work) == before, comment)
          try expectOnlyTheCommit(work, comment)
        } else {
          #expect(IndexDirectory(path: work).indexFiles().isEmpty, comment)
          #expect(try IndexDirectory(path: work).readCommit() == nil, comment)
        }
        try build(corpus, into: work, maxSegments: maxSegments)
        #expect(try answers(work) == expected, comment)
        try expectOnlyTheCommit(work, comment)
      }
    }
    return writes
  }

  /// A folder with the first corpus built, the second corpus's answers, and the merged answers.
  struct Fixture {
    let folder = TemporaryDirectory.inMemory("newsindex-faults")
    var base: String { folder.file("base") }
    var work: String { folder.file("work") }

    init() throws {
      try FaultInjectionTests.build(.first, into: base)
    }

    func answersAfter(_ corpus: Corpus, maxSegments: Int = 1_000) throws -> [String] {
      let path = folder.file("reference")
      try copy(base, to: path)
      try FaultInjectionTests.build(corpus, into: path, maxSegments: maxSegments)
      return try answers(path)
    }
  }

  @Test func everyFailedWriteOfAFreshBuildLeavesAnEmptyFolder() throws {
    let fixture = try Fixture()
    defer { fixture.folder.remove() }
    let expected = try Self.answers(fixture.base)
    let points = try Self.failEveryWrite(from: nil, work: fixture.work, .first, expected: expected)
    #expect(points > 20)
  }

  @Test func everyFailedWriteOfAnIncrementalBuildKeepsThePreviousCommit() throws {
    let fixture = try Fixture()
    defer { fixture.folder.remove() }
    let expected = try fixture.answersAfter(.second)
    #expect(expected != (try Self.answers(fixture.base)))
    _ = try Self.failEveryWrite(from: fixture.base, work: fixture.work, .second, expected: expected)
  }

  @Test func everyFailedWriteOfAMergeKeepsThePreviousCommit() throws {
    let fixture = try Fixture()
    defer { fixture.folder.remove() }
    let segments = try #require(try IndexDirectory(path: fixture.base).readCommit()).segments.count
    #expect(segments > 1)
    let expected = try fixture.answersAfter(.first, maxSegments: 1)
    _ = try Self.failEveryWrite(from: fixture.base, work: fixture.work, .first, maxSegments: 1, expected: expected)
  }

  /// A failed read stops the build with an error (or, where the build can do without the bytes,
  /// it goes on and gives the right index); either way nothing is left behind.
  @Test func everyFailedReadOfAnIncrementalBuildKeepsThePreviousCommit() throws {
    let fixture = try Fixture()
    defer { fixture.folder.remove() }
    let expected = try fixture.answersAfter(.second)
    let before = try Self.answers(fixture.base)
    let work = fixture.work
    try Self.copy(fixture.base, to: work)
    let reads = try Self.count(.read, in: work) { try Self.build(.second, into: work) }
    #expect(reads > 2)
    var failures = 0
    for n in 1...reads {
      let comment: Comment = "read \(n) of \(reads) failing"
      try Self.copy(fixture.base, to: work)
      FaultPlan.arm(FaultPlan(folder: work, operation: .read, failingAt: n, fault: .ioError))
      let outcome = Result { () throws(BuildError) in try Self.build(.second, into: work) }
      FaultPlan.disarm(folder: work)
      switch outcome {
      case .failure(let error):
        failures += 1
        #expect(error.description.contains("cannot read"), comment)
        #expect(try Self.answers(work) == before, comment)
      case .success:
        #expect(try Self.answers(work) == expected, comment)
      }
      try Self.expectOnlyTheCommit(work, comment)
      try Self.build(.second, into: work)
      #expect(try Self.answers(work) == expected, comment)
    }
    #expect(failures > 0)
  }

  /// A search whose reads fail throws (or, when the reader's retry reads the file again, answers
  /// as before); it never answers differently.
  @Test func everyFailedReadOfASearchThrowsOrAnswersAsBefore() throws {
    let fixture = try Fixture()
    defer { fixture.folder.remove() }
    let before = try Self.answers(fixture.base)
    let reads = try Self.count(.read, in: fixture.base) { _ = try Self.answers(fixture.base) }
    #expect(reads > 2)
    var failures = 0
    for n in 1...reads {
      FaultPlan.arm(FaultPlan(folder: fixture.base, operation: .read, failingAt: n, fault: .ioError))
      let outcome = Result { try Self.answers(fixture.base) }
      FaultPlan.disarm(folder: fixture.base)
      switch outcome {
      case .failure: failures += 1
      case .success(let answers): #expect(answers == before, "read \(n) of \(reads)")
      }
    }
    #expect(failures > 0)
    #expect(try Self.answers(fixture.base) == before)
  }

  /// Debris of a killed build (files no commit references, a half-written commit) is named by
  /// `check` and removed by the next build, even one with nothing to do.
  @Test func theNextBuildRemovesWhatAKilledBuildLeft() throws {
    let fixture = try Fixture()
    defer { fixture.folder.remove() }
    let directory = IndexDirectory(path: fixture.base)
    let before = try Self.answers(fixture.base)
    let debris = ["seg-000002-0_0.terms", "seg-000002-0_0.doc", "files-000002.json", "meta.json.tmp"]
    for name in debris {
      _ = FileManager.default.createFile(atPath: directory.filePath(name), contents: Data(repeating: 7, count: 100))
    }
    let report = IndexCheck.run(directory: directory)
    #expect(report.isClean)
    let warning = try #require(report.warnings.first).description
    #expect(warning.contains("4 files no commit references (400 bytes)") && warning.contains("seg-000002-0_0.doc"))
    let summary = try Self.build(.first, into: fixture.base)
    #expect(summary.isUnchanged && summary.generation == 1)
    #expect(try Self.answers(fixture.base) == before)
    try Self.expectOnlyTheCommit(fixture.base, "after the next build")
  }

  /// A reader that has the old commit open keeps answering from it while a build replaces and
  /// removes its files, and while a failed build removes its own.
  @Test func anOpenReaderKeepsAnsweringWhileItsFilesAreReplaced() throws {
    let fixture = try Fixture()
    defer { fixture.folder.remove() }
    let reader = try IndexReader(opening: IndexDirectory(path: fixture.base))
    let before = try Self.answers(reader)
    FaultPlan.arm(FaultPlan(folder: fixture.base, operation: .write, failingAt: 10, fault: .noSpace))
    #expect(throws: BuildError.self) { try Self.build(.second, into: fixture.base) }
    FaultPlan.disarm(folder: fixture.base)
    try Self.build(.second, into: fixture.base, maxSegments: 1)
    let old = try #require(try IndexDirectory(path: fixture.base).readCommit())
    #expect(old.generation == 2)
    #expect(!FileManager.default.fileExists(atPath: fixture.base + "/" + reader.commit.segments[0].fileName(.terms)))
    #expect(try Self.answers(reader) == before)
    #expect(try Self.answers(fixture.base) != before)
  }

  /// With no source changed, nothing is written: the commit, catalog and duplicate table keep
  /// their bytes and times.
  @Test func aBuildWithNothingToDoWritesNothing() throws {
    let fixture = try Fixture()
    defer { fixture.folder.remove() }
    let path = fixture.base
    func snapshot() throws -> [String: Date] {
      var times: [String: Date] = [:]
      for name in try FileManager.default.contentsOfDirectory(atPath: path) where name != "write.lock" {
        times[name] = try FileManager.default.attributesOfItem(atPath: path + "/" + name)[.modificationDate] as? Date
      }
      return times
    }
    let before = try snapshot()
    let writes = try Self.count(.write, in: path) {
      let summary = try Self.build(.first, into: path)
      #expect(summary.isUnchanged && summary.generation == 1 && summary.documentCount == 16)
      #expect(summary.changes.unchanged == 16 && summary.changes.added == 0)
    }
    #expect(writes == 0)
    #expect(try snapshot() == before)
    // A merge that is asked for is something to do.
    #expect(!(try Self.build(.first, into: path, maxSegments: 1)).isUnchanged)
  }
}
