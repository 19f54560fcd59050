import NewsIndexFormat
import Testing

@Suite struct MappedFileTests {
  @Test func mapsTheWholeFile() throws {
    try withTemporaryDirectory { directory in
      let path = directory.filePath("data")
      let bytes: [UInt8] = Array(0...255) + Array(repeating: 9, count: 10_000)
      try writeFile(bytes, to: path)
      let file = try MappedFile(path: path)
      #expect(Array(file.bytes) == bytes)
      #expect(file.path == path)
    }
  }

  @Test func emptyFileMapsToNoBytes() throws {
    try withTemporaryDirectory { directory in
      try writeFile([], to: directory.filePath("empty"))
      #expect(try MappedFile(path: directory.filePath("empty")).bytes.isEmpty)
    }
  }

  @Test func missingFileOrDirectoryThrowsUnreadable() throws {
    try withTemporaryDirectory { directory in
      for path in [directory.filePath("absent"), directory.path] {
        do {
          _ = try MappedFile(path: path)
          Issue.record("mapped \(path)")
        } catch {
          #expect(caseName(error) == "unreadable", "\(path): \(error)")
        }
      }
    }
  }
}
