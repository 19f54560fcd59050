import Foundation
import Glibc
import Testing

@testable import NewsIndexExtract

@Suite struct FileWalkerTests {
  @Test func walksFoldersSortedSkippingHiddenFiles() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("b.txt", "b")
    try folder.write("a/z.txt", "z")
    try folder.write("a.txt", "a")
    try folder.write(".hidden.txt", "h")
    try folder.write(".git/config", "c")
    try folder.write("a/.cache/x.txt", "x")
    let single = try folder.write("other/file.html", "<p>x</p>")

    let (files, problems) = FileWalker.sourceFiles(under: [folder.path + "/", single])
    #expect(problems.isEmpty)
    #expect(
      files.map(\.relativePath) == ["a.txt", "a/z.txt", "b.txt", "other/file.html", "file.html"])
    #expect(files[0].path == folder.path + "/a.txt")
    #expect(files[0].byteCount == 1)
    #expect(abs(files[0].modificationTime - Date().timeIntervalSince1970) < 3600)
    #expect(files.last?.path == single)
  }

  @Test func passesOverFilesOfOtherKindsInFolders() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    for name in ["story.txt", "page.HTML", "feed.rss", "dump.jsonl", "NOEXT", "fr940104.0", "README.md", "queries.tsv", "photo.jpg", "lewis.dtd"] {
      try folder.write(name, "x")
    }
    let (files, problems) = FileWalker.sourceFiles(under: [folder.path])
    #expect(problems.isEmpty)
    #expect(Set(files.map(\.relativePath)) == ["story.txt", "page.HTML", "feed.rss", "dump.jsonl", "NOEXT", "fr940104.0"])
    // Named directly, any file is read.
    let (direct, _) = FileWalker.sourceFiles(under: [folder.path + "/README.md"])
    #expect(direct.map(\.relativePath) == ["README.md"])
  }

  @Test func reportsMissingPaths() {
    let (files, problems) = FileWalker.sourceFiles(under: ["/nonexistent/newsindex/path"])
    #expect(files.isEmpty)
    #expect(problems == [.notFound(path: "/nonexistent/newsindex/path")])
  }

  @Test func fifoIsReportedAndNeverOpened() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("story.txt", "Title\n\nBody")
    let fifo = folder.path + "/pipe.txt"
    try #require(mkfifo(fifo, 0o600) == 0)
    // Opening a FIFO for reading with no writer would block this test forever.
    let (files, problems) = FileWalker.sourceFiles(under: [folder.path, fifo])
    #expect(files.map(\.relativePath) == ["story.txt"])
    #expect(problems == [.notRegularFile(path: fifo), .notRegularFile(path: fifo)])
    // Even handed a FIFO directly, the extractor refuses it without blocking.
    let fake = SourceFile(path: fifo, relativePath: "pipe.txt", byteCount: 0, modificationTime: 0)
    #expect(throws: ExtractError.notRegularFile(path: fifo)) {
      try DocumentExtractor().extractDocuments(from: fake)
    }
  }

  @Test func symlinkLoopEnds() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("sub/story.txt", "Title\n\nBody")
    try #require(symlink(folder.path, folder.path + "/sub/loop") == 0)
    try #require(symlink("missing-target", folder.path + "/dangling.txt") == 0)
    let (files, problems) = FileWalker.sourceFiles(under: [folder.path])
    #expect(files.map(\.relativePath) == ["sub/story.txt"])
    #expect(problems.contains(.symlinkLoop(path: folder.path + "/sub/loop")))
    #expect(problems.count == 2)
  }

  @Test func followsSymlinkedFiles() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let target = try folder.write("real/a.txt", "A\n\nbody")
    try FileManager.default.createDirectory(
      atPath: folder.path + "/links", withIntermediateDirectories: true)
    try #require(symlink(target, folder.path + "/links/b.txt") == 0)
    let (files, _) = FileWalker.sourceFiles(under: [folder.path + "/links"])
    #expect(files.map(\.relativePath) == ["b.txt"])
  }
}
