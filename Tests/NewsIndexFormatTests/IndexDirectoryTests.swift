import Foundation
import NewsIndexCore
import NewsIndexFormat
import Testing

@Suite struct IndexDirectoryTests {
  static func sampleCommit(segments: [String] = ["seg-1", "seg-2"]) -> Commit {
    Commit(
      generation: 3, analyzer: .standard,
      segments: segments.enumerated().map { k, name in
        SegmentInfo(
          name: name, documentCount: 10 + k, fieldTokenCounts: [UInt64(k), .max], termCount: 5,
          postingCount: 20,
          fileByteCounts: ["terms": 100, "doc": 200 + k])
      },
      committedAt: "2025-03-14T09:30:00Z")
  }

  @Test func commitRoundTrips() throws {
    try withTemporaryDirectory { directory in
      let commit = Self.sampleCommit()
      try directory.writeCommit(commit)
      #expect(try directory.readCommit() == commit)
      #expect(FileManager.default.fileExists(atPath: directory.filePath("meta.json")))
      #expect(!FileManager.default.fileExists(atPath: directory.filePath("meta.json.tmp")))
      var next = commit
      next.generation += 1
      next.segments.removeFirst()
      try directory.writeCommit(next)
      #expect(try directory.readCommit() == next)
    }
  }

  @Test func missingCommitReadsAsNil() throws {
    try withTemporaryDirectory { directory throws in
      #expect(try directory.readCommit() == nil)
    }
  }

  @Test(arguments: ["", "not json", "{}", "[1,2,3]", "{\"formatVersion\": 1}"])
  func garbageCommitThrowsBadCommit(contents: String) throws {
    try withTemporaryDirectory { directory in
      try writeFile(Array(contents.utf8), to: directory.filePath("meta.json"))
      #expect(throws: FormatError.self) { try directory.readCommit() }
      do {
        _ = try directory.readCommit()
      } catch {
        #expect(caseName(error) == "badCommit", "\(error)")
      }
    }
  }

  @Test func newerCommitVersionThrowsUnsupportedVersion() throws {
    try withTemporaryDirectory { directory in
      var commit = Self.sampleCommit()
      commit.formatVersion = 99
      try directory.writeCommit(commit)
      #expect(
        throws: FormatError.unsupportedVersion(
          path: directory.filePath("meta.json"), found: 99, supported: FormatVersion.readable)
      ) {
        try directory.readCommit()
      }
    }
  }

  @Test func leftoverTemporaryCommitIsIgnored() throws {
    try withTemporaryDirectory { directory in
      try writeFile(Array("half-written {".utf8), to: directory.filePath("meta.json.tmp"))
      #expect(try directory.readCommit() == nil)
      let commit = Self.sampleCommit()
      try directory.writeCommit(commit)
      try writeFile(Array("half-written {".utf8), to: directory.filePath("meta.json.tmp"))
      #expect(try directory.readCommit() == commit)
    }
  }

  @Test func removeUnreferencedFilesKeepsOnlyWhatTheCommitNeeds() throws {
    try withTemporaryDirectory { directory in
      let commit = Self.sampleCommit(segments: ["seg-2"])
      try directory.writeCommit(commit)
      let kept =
        IndexFileKind.allCases.map { "seg-2.\($0.fileExtension)" } + [
          "meta.json", "notes.txt", "write.lock", "seg-1.txt", "segment-1.terms", "SEG-1.terms",
        ]
      let removed =
        IndexFileKind.allCases.map { "seg-1.\($0.fileExtension)" } + [
          "seg-3.doc", "seg-2.terms.tmp", "seg-3.tmp", "meta.json.tmp",
        ]
      for name in kept + removed where name != "meta.json" {
        try writeFile([1, 2, 3], to: directory.filePath(name))
      }
      directory.removeUnreferencedFiles(keeping: commit)
      let remaining = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      #expect(Set(remaining) == Set(kept))
    }
  }

  @Test func emptyCommitRemovesEverySegmentFile() throws {
    try withTemporaryDirectory { directory in
      for name in ["seg-1.terms", "seg-1.doc", "keep.me"] {
        try writeFile([0], to: directory.filePath(name))
      }
      directory.removeUnreferencedFiles(keeping: Self.sampleCommit(segments: []))
      #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["keep.me"])
    }
  }

  @Test func filePathJoinsWithOneSlash() {
    #expect(IndexDirectory(path: "/a/b").filePath("meta.json") == "/a/b/meta.json")
    #expect(IndexDirectory(path: "/a/b/").filePath("meta.json") == "/a/b/meta.json")
  }

  @Test func createMakesMissingParentsAndExistsSeesIt() throws {
    try withTemporaryDirectory { parent in
      let nested = IndexDirectory(path: parent.filePath("x/y/index"))
      #expect(!nested.exists)
      try nested.create()
      #expect(nested.exists)
      try nested.create()
      try writeFile([0], to: parent.filePath("file"))
      #expect(!IndexDirectory(path: parent.filePath("file")).exists)
    }
  }

  @Test func byteCountsSumPerExtension() {
    let totals = IndexDirectory(path: "/nowhere").byteCounts(of: Self.sampleCommit())
    #expect(totals == ["terms": 200, "doc": 401])
  }
}
