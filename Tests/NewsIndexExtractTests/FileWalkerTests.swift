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

  /// Creates `folder/name` from raw name bytes (which may not be UTF-8) and returns its raw path.
  @discardableResult
  func writeRaw(_ folder: String, name: [UInt8], _ text: String) -> [UInt8] {
    let path = Array(folder.utf8) + [0x2F] + name
    let fd = EscapedPath.withCPath(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
    #expect(fd >= 0)
    _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    return path
  }

  @Test func namesThatAreNotUTF8OrHoldNewlinesAreFoundAndRead() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let latin1 = Array("caf".utf8) + [0xE9] + Array(".txt".utf8)
    writeRaw(folder.path, name: latin1, "Latin headline\n\nthe marmot story")
    writeRaw(folder.path, name: Array("two\nlines.txt".utf8), "Newline headline\n\nthe platypus story")
    // Looks like the escaped Latin-1 name but is a different file.
    writeRaw(folder.path, name: Array("caf\\xE9.txt".utf8), "Literal headline\n\nthe literal story")
    let (files, problems) = FileWalker.sourceFiles(under: [folder.path])
    #expect(problems.isEmpty)
    #expect(files.map(\.relativePath) == ["caf\\\\xE9.txt", "caf\\xE9.txt", "two\\nlines.txt"])
    #expect(files[1].rawPath == Array(folder.path.utf8) + [0x2F] + latin1)
    #expect(files[1].path == folder.path + "/caf\\xE9.txt")
    let bodies = try files.map { try DocumentExtractor().extractDocuments(from: $0).first?.body }
    #expect(bodies == ["the literal story", "the marmot story", "the platypus story"])
    let ids = try files.map { try DocumentExtractor().extractDocuments(from: $0).first?.id ?? "" }
    #expect(ids.allSatisfy { id in !id.contains { $0.isNewline } })
    #expect(Set(files.map { $0.absolutePath(workingFolder: FileWalker.workingFolder()) }).count == 3)
    #expect(FileHasher.contentHash(escapedPath: files[1].path) == FileHasher.contentHash(rawPath: files[1].rawPath))
    #expect(FileHasher.contentHash(escapedPath: files[1].path) != nil)
  }
}
