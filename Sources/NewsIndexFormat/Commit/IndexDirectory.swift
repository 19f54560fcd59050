import Foundation
import NewsIndexCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An index folder: its commit file, its segment files, its write lock.
package struct IndexDirectory: Sendable {
  package static let commitFileName = "meta.json"
  package static let lockFileName = "write.lock"

  package let path: String

  package init(path: String) {
    self.path = path
  }

  package func filePath(_ name: String) -> String {
    path.hasSuffix("/") ? path + name : path + "/" + name
  }

  package var exists: Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }

  /// Creates the folder (and parents) when missing.
  package func create() throws(FormatError) {
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw .notWritable(path: path, reason: error.localizedDescription)
    }
  }

  /// Reads the current commit, verifying its checksum (``CommitChecksum``); nil when the folder
  /// holds no index yet. A commit without a checksum (written before checksums) is read
  /// unverified; ``commitHasChecksum()`` tells.
  package func readCommit() throws(FormatError) -> Commit? {
    try readVerifiedCommit()?.commit
  }

  /// Whether the current `meta.json` carries a checksum; false when it has none or cannot be read.
  package func commitHasChecksum() -> Bool {
    ((try? readVerifiedCommit())??.checksum) != nil
  }

  private func readVerifiedCommit() throws(FormatError) -> (commit: Commit, checksum: UInt32?)? {
    let commitPath = filePath(Self.commitFileName)
    guard FileManager.default.fileExists(atPath: commitPath) else { return nil }
    try FileIO.checkRead(commitPath)
    guard let data = FileManager.default.contents(atPath: commitPath) else {
      throw .unreadable(path: commitPath, reason: "permission denied or not a file")
    }
    let (commit, checksum) = try CommitChecksum.decode(data, path: commitPath)
    guard FormatVersion.readable.contains(commit.formatVersion) else {
      throw .unsupportedVersion(path: commitPath, found: commit.formatVersion, supported: FormatVersion.readable)
    }
    return (commit, checksum)
  }

  /// Publishes `commit` atomically, with its checksum: temp file, fsync, rename, fsync of the folder.
  package func writeCommit(_ commit: Commit) throws(FormatError) {
    let data = try CommitChecksum.encode(commit, path: filePath(Self.commitFileName))
    let temporary = filePath(Self.commitFileName + ".tmp")
    try FileIO.writeDurably(data, to: temporary)
    try FileIO.renameDurably(from: temporary, to: filePath(Self.commitFileName), inDirectory: path)
  }

  /// Reads the source catalog `commit` names, verified against the commit's
  /// ``Commit/catalogChecksum``; nil when the commit names none.
  ///
  /// A catalog decides which documents an incremental build deletes, so it is never guessed at:
  /// - Throws: ``FormatError/missingFile(path:)`` when the file is gone,
  ///   ``FormatError/checksumMismatch(path:stored:computed:)`` when its bytes are not the ones the
  ///   commit recorded, ``FormatError/corrupt(path:byteOffset:reason:)`` when they do not decode,
  ///   ``FormatError/unreadable(path:reason:)`` on an I/O error. A catalog of a commit written
  ///   before checksums is read unverified (``catalogHasChecksum(_:)``).
  package func readCatalog(of commit: Commit) throws(FormatError) -> SourceCatalog? {
    guard let name = commit.catalogFile else { return nil }
    let catalogPath = filePath(name)
    guard FileManager.default.fileExists(atPath: catalogPath) else { throw .missingFile(path: catalogPath) }
    try FileIO.checkRead(catalogPath)
    guard let data = FileManager.default.contents(atPath: catalogPath) else {
      throw .unreadable(path: catalogPath, reason: "permission denied or not a file")
    }
    if let stored = commit.catalogChecksum {
      let computed = data.withUnsafeBytes { CRC32C.checksum($0) }
      guard computed == stored else { throw .checksumMismatch(path: catalogPath, stored: stored, computed: computed) }
    }
    do {
      return try JSONDecoder().decode(SourceCatalog.self, from: data)
    } catch {
      throw .corrupt(path: catalogPath, byteOffset: 0, reason: "not a newsindex source catalog")
    }
  }

  /// Whether `commit` records its catalog's checksum (false for commits written before they did).
  package static func catalogHasChecksum(_ commit: Commit) -> Bool {
    commit.catalogFile == nil || commit.catalogChecksum != nil
  }

  /// Writes `catalog` durably as `files-GGGGGG.json`; returns the file name and the CRC-32C of
  /// its bytes for the commit (``Commit/catalogChecksum``).
  package func writeCatalog(
    _ catalog: SourceCatalog, generation: Int
  ) throws(FormatError) -> (name: String, checksum: UInt32) {
    let digits = String(generation)
    let name = "files-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".json"
    let data: Data
    do { data = try JSONEncoder().encode(catalog) } catch {
      throw .notWritable(path: filePath(name), reason: "cannot encode the source catalog")
    }
    let bytes = Array(data)
    try FileIO.writeDurably(bytes, to: filePath(name))
    return (name, CRC32C.checksum(bytes))
  }

  /// The index files (``isIndexFile(_:)``) in the folder that `commit` does not reference, sorted;
  /// every index file when `commit` is nil. The debris of a failed or killed build.
  package func unreferencedFiles(of commit: Commit?) -> [String] {
    var keep = Set<String>()
    if let commit {
      keep = Set(commit.segments.flatMap { segment in IndexFileKind.allCases.map(segment.fileName) })
      if let catalog = commit.catalogFile { keep.insert(catalog) }
      if let duplicates = commit.duplicatesFile { keep.insert(duplicates) }
    }
    return indexFiles().filter { !keep.contains($0) }.sorted()
  }

  /// Names of the index files in the folder (segment files, catalogs, duplicate tables, temporaries).
  package func indexFiles() -> Set<String> {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
    return Set(names.filter(Self.isIndexFile))
  }

  /// Deletes the index files that `commit` does not reference (all of them when nil) and returns
  /// how many there were and their bytes.
  ///
  /// Readers that mapped a deleted file keep reading it: the data lives until they unmap it.
  @discardableResult
  package func removeUnreferencedFiles(keeping commit: Commit?) -> FileTally {
    removeFiles(named: unreferencedFiles(of: commit))
  }

  /// Deletes the named files of the folder and returns how many there were and their bytes.
  @discardableResult
  package func removeFiles(named names: [String]) -> FileTally {
    let tally = byteCount(ofFiles: names)
    for name in names { try? FileManager.default.removeItem(atPath: filePath(name)) }
    return tally
  }

  /// How many of the named files exist and their total bytes.
  package func byteCount(ofFiles names: [String]) -> FileTally {
    var tally = FileTally()
    for name in names {
      guard let size = (try? FileManager.default.attributesOfItem(atPath: filePath(name)))?[.size] as? Int else {
        continue
      }
      tally.fileCount += 1
      tally.byteCount += size
    }
    return tally
  }

  /// Deletes the files of one segment that no commit references (an intermediate merge input).
  package func removeFiles(of segment: SegmentInfo) {
    for kind in IndexFileKind.allCases { try? FileManager.default.removeItem(atPath: filePath(segment.fileName(kind))) }
  }

  /// Index files are segment files `seg-…` with a known extension, catalogs `files-….json`,
  /// duplicate tables `dups-….dups`, or a `.tmp` a writer left behind; never `meta.json` or
  /// `write.lock`, nor a file of another program.
  package static func isIndexFile(_ name: String) -> Bool {
    if name.hasPrefix("files-") && name.hasSuffix(".json") { return true }
    if name.hasPrefix("dups-") && name.hasSuffix("." + DuplicateTable.fileExtension) { return true }
    guard name.hasPrefix("seg-") else { return name == commitFileName + ".tmp" }
    return IndexFileKind.allCases.contains { name.hasSuffix("." + $0.fileExtension) } || name.hasSuffix(".tmp")
  }

  /// A count of files and their bytes.
  package struct FileTally: Sendable, Equatable {
    package var fileCount = 0
    package var byteCount = 0
  }

  /// Total bytes of the files `commit` references, per extension (the catalog under "catalog",
  /// the duplicate table under "dups").
  package func byteCounts(of commit: Commit) -> [String: Int] {
    var totals: [String: Int] = [:]
    if let catalog = commit.catalogFile,
      let size = (try? FileManager.default.attributesOfItem(atPath: filePath(catalog)))?[.size] as? Int
    {
      totals["catalog"] = size
    }
    if let duplicates = commit.duplicatesFile,
      let size = (try? FileManager.default.attributesOfItem(atPath: filePath(duplicates)))?[.size] as? Int
    {
      totals[DuplicateTable.fileExtension] = size
    }
    for segment in commit.segments {
      for (ext, bytes) in segment.fileByteCounts { totals[ext, default: 0] += bytes }
    }
    return totals
  }
}
