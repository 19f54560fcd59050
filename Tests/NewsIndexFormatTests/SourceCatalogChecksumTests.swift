import Foundation
import NewsIndexCore
import NewsIndexFormat
import Testing

/// The source catalog is trusted only with the checksum its commit recorded: every byte flip,
/// a truncation and a missing file are refused with a damage error, never read as "no catalog".
@Suite struct SourceCatalogChecksumTests {
  static let catalog = SourceCatalog(files: [
    "/news/a.txt": .init(
      byteCount: 120, modificationTime: 1_733_000_000.25, contentHash: 0x1234_5678_9abc,
      runs: [.init(segment: "seg-1", firstDocument: 0, documentCount: 1)]),
    "/news/feed.xml": .init(
      byteCount: 9_000, modificationTime: 1_733_000_100, contentHash: 42,
      runs: [.init(segment: "seg-1", firstDocument: 1, documentCount: 7), .init(segment: "seg-2", firstDocument: 0, documentCount: 3)]),
  ])

  func commit(naming written: (name: String, checksum: UInt32)) -> Commit {
    var commit = IndexDirectoryTests.sampleCommit()
    commit.catalogFile = written.name
    commit.catalogChecksum = written.checksum
    return commit
  }

  @Test func catalogRoundTripsWithItsChecksum() throws {
    try withTemporaryDirectory { directory in
      let written = try directory.writeCatalog(Self.catalog, generation: 3)
      #expect(written.name == "files-000003.json")
      let bytes = try #require(FileManager.default.contents(atPath: directory.filePath(written.name)))
      #expect(written.checksum == CRC32C.checksum(Array(bytes)))
      let commit = commit(naming: written)
      #expect(try directory.readCatalog(of: commit) == Self.catalog)
      // The commit's checksum survives meta.json.
      try directory.writeCommit(commit)
      #expect(try directory.readCommit()?.catalogChecksum == written.checksum)
      #expect(IndexDirectory.catalogHasChecksum(commit))
    }
  }

  @Test func everyFlippedByteAndTruncationIsRefused() throws {
    try withTemporaryDirectory { directory in
      let written = try directory.writeCatalog(Self.catalog, generation: 3)
      let commit = commit(naming: written)
      let path = directory.filePath(written.name)
      let original = try #require(FileManager.default.contents(atPath: path))
      var damaged: [Data] = []
      for position in original.indices {
        for mask: UInt8 in [0x01, 0x20, 0xFF] {
          var bytes = original
          bytes[position] ^= mask
          damaged.append(bytes)
        }
      }
      for length in [0, 1, original.count / 2, original.count - 1] { damaged.append(original.prefix(length)) }
      var refused = 0
      for bytes in damaged {
        try bytes.write(to: URL(fileURLWithPath: path))
        do throws(FormatError) {
          _ = try directory.readCatalog(of: commit)
        } catch {
          if error.isDamage { refused += 1 }
        }
      }
      #expect(damaged.count > 3 * 200)
      #expect(refused == damaged.count)
      try FileManager.default.removeItem(atPath: path)
      #expect(throws: FormatError.missingFile(path: path)) { try directory.readCatalog(of: commit) }
    }
  }

  /// A commit written before catalogs were checksummed reads its catalog unverified, but one
  /// that does not decode is damage, not an empty catalog.
  @Test func aCatalogWithoutChecksumIsReadUnverifiedAndRefusedWhenUndecodable() throws {
    try withTemporaryDirectory { directory in
      let written = try directory.writeCatalog(Self.catalog, generation: 3)
      var commit = commit(naming: written)
      commit.catalogChecksum = nil
      #expect(!IndexDirectory.catalogHasChecksum(commit))
      #expect(try directory.readCatalog(of: commit) == Self.catalog)
      try Data("{\"files\": 3}".utf8).write(to: URL(fileURLWithPath: directory.filePath(written.name)))
      #expect(throws: FormatError.self) { try directory.readCatalog(of: commit) }
    }
  }
}
