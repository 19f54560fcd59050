/// What an index knows about the source files it was built from, for incremental builds.
///
/// Keyed by the file's absolute path as the build walked it, as text: raw name bytes that are not
/// valid UTF-8, control characters and `\` are escaped reversibly (`\xNN`, `\n`, `\\`), so keys
/// of different files never collide. A later build skips a file whose size and
/// modification time (or, failing that, content hash) are unchanged, re-indexes a changed one and
/// deletes the documents of a file that is gone: ``DocumentRun``s say where each file's documents
/// are. Stored as `files-GGGGGG.json` beside the commit that names it.
package struct SourceCatalog: Codable, Sendable, Equatable {
  package var files: [String: Entry]

  package init(files: [String: Entry] = [:]) {
    self.files = files
  }

  /// One source file.
  package struct Entry: Codable, Sendable, Equatable {
    package var byteCount: Int
    /// Seconds since 1970.
    package var modificationTime: Double
    /// CRC-32C of the content in the low 32 bits, byte count modulo 2^32 in the high 32 bits.
    package var contentHash: UInt64
    package var runs: [DocumentRun]

    package init(byteCount: Int, modificationTime: Double, contentHash: UInt64, runs: [DocumentRun]) {
      self.byteCount = byteCount
      self.modificationTime = modificationTime
      self.contentHash = contentHash
      self.runs = runs
    }

    package var documentCount: Int { runs.reduce(0) { $0 + $1.documentCount } }
  }

  /// Consecutive documents of one file in one segment.
  package struct DocumentRun: Codable, Sendable, Equatable {
    package var segment: String
    package var firstDocument: Int
    package var documentCount: Int

    package init(segment: String, firstDocument: Int, documentCount: Int) {
      self.segment = segment
      self.firstDocument = firstDocument
      self.documentCount = documentCount
    }
  }
}
