import Foundation
import NewsIndexFormat
import Testing

@Suite struct FileIOTests {
  @Test func writeDurablyReplacesTheWholeFile() throws {
    try withTemporaryDirectory { directory in
      let path = directory.filePath("f")
      try FileIO.writeDurably(Array(repeating: 1, count: 100), to: path)
      try FileIO.writeDurably([2, 3], to: path)
      #expect(try readFile(path) == [2, 3])
      try FileIO.writeDurably([], to: path)
      #expect(try readFile(path) == [])
    }
  }

  @Test func writeDurablyIntoAMissingFolderThrowsNotWritable() throws {
    try withTemporaryDirectory { directory in
      let path = directory.filePath("absent/f")
      #expect(throws: FormatError.self) { try FileIO.writeDurably([1], to: path) }
      do { try FileIO.writeDurably([1], to: path) } catch {
        #expect(caseName(error) == "notWritable")
      }
    }
  }

  @Test func renameDurablyReplacesTheTarget() throws {
    try withTemporaryDirectory { directory in
      try FileIO.writeDurably([1], to: directory.filePath("a"))
      try FileIO.writeDurably([2], to: directory.filePath("b"))
      try FileIO.renameDurably(
        from: directory.filePath("a"), to: directory.filePath("b"), inDirectory: directory.path)
      #expect(try readFile(directory.filePath("b")) == [1])
      #expect(!FileManager.default.fileExists(atPath: directory.filePath("a")))
      #expect(throws: FormatError.self) {
        try FileIO.renameDurably(
          from: directory.filePath("a"), to: directory.filePath("c"), inDirectory: directory.path)
      }
    }
  }
}
