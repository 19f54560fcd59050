package import NewsIndexCore

/// The commit point of an index: which segments make it up and how it was analyzed.
///
/// Stored as `meta.json`, replaced atomically (written to `meta.json.tmp`, fsynced, renamed), so a
/// reader sees either the previous commit or the next one, never a mix.
package struct Commit: Codable, Sendable, Equatable {
  package var formatVersion: UInt16
  /// Increases by one with every commit; segment names carry the generation that wrote them.
  package var generation: Int
  package var analyzer: AnalyzerSettings
  package var segments: [SegmentInfo]
  /// ISO 8601 time of the commit.
  package var committedAt: String
  /// The ``SourceCatalog`` file of this commit (`files-GGGGGG.json`), for incremental builds.
  package var catalogFile: String?
  /// CRC-32C of every byte of ``catalogFile``, so that a build trusts the catalog only when it is
  /// the one this commit wrote (`meta.json`'s own checksum covers this value); nil for a commit
  /// written before catalogs were checksummed (read unverified, `check` warns).
  package var catalogChecksum: UInt32?
  /// What the segments' stores keep (``StoreMode``); nil for `full` (and commits written before
  /// the option existed).
  package var store: StoreMode?
  /// The ``DuplicateTable`` file of this commit (`dups-GGGGGG.dups`); nil for a commit written
  /// before duplicate detection (searches then collapse nothing).
  package var duplicatesFile: String?
  /// The folders and files the index was built from, in the order they were first given; nil
  /// for a commit written before roots were recorded (a build then takes the paths it is given).
  package var roots: [SourceRoot]?

  package init(
    generation: Int, analyzer: AnalyzerSettings, segments: [SegmentInfo], committedAt: String,
    catalogFile: String? = nil, duplicatesFile: String? = nil
  ) {
    self.formatVersion = FormatVersion.current
    self.generation = generation
    self.analyzer = analyzer
    self.segments = segments
    self.committedAt = committedAt
    self.catalogFile = catalogFile
    self.duplicatesFile = duplicatesFile
  }

  /// Documents in the segments, deleted ones included (the statistics' `N` until a merge).
  package var documentCount: Int { segments.reduce(0) { $0 + $1.documentCount } }
  /// Documents that searches can return.
  package var liveDocumentCount: Int { segments.reduce(0) { $0 + $1.liveDocumentCount } }
}

/// What the commit records about one segment.
package struct SegmentInfo: Codable, Sendable, Equatable {
  /// File name stem shared by the segment's files: `<name>.terms`, `<name>.doc`, ….
  package var name: String
  package var documentCount: Int
  /// Sum of token counts per field, indexed by `Field.rawValue` (for average field lengths).
  package var fieldTokenCounts: [UInt64]
  /// Distinct (field, term) keys in the segment.
  package var termCount: Int
  /// Number of postings (document, term) pairs.
  package var postingCount: Int
  /// Bytes per file, keyed by extension.
  package var fileByteCounts: [String: Int]
  /// Documents deleted since the segment was written (their files changed or disappeared),
  /// ascending; they stay in the files, are skipped by searches and dropped by merges.
  package var deletedDocuments: [UInt32]?

  package var liveDocumentCount: Int { documentCount - (deletedDocuments?.count ?? 0) }

  package init(
    name: String, documentCount: Int, fieldTokenCounts: [UInt64], termCount: Int, postingCount: Int,
    fileByteCounts: [String: Int]
  ) {
    self.name = name
    self.documentCount = documentCount
    self.fieldTokenCounts = fieldTokenCounts
    self.termCount = termCount
    self.postingCount = postingCount
    self.fileByteCounts = fileByteCounts
  }

  package func fileName(_ kind: IndexFileKind) -> String { "\(name).\(kind.fileExtension)" }
}

/// A folder or file an index is built from, as the commit records it: `newsindex build` with no
/// path updates every root, `build PATH` one, `remove PATH` drops one.
package struct SourceRoot: Codable, Sendable, Equatable {
  /// The absolute path, escaped as catalog keys are (`EscapedPath`), without a trailing `/`.
  package var path: String
  /// The path as it was given on the command line (relative to the folder the build ran in).
  package var given: String
  /// Prefix of the root's document ids and paths (`label/relative/path`); empty for the first
  /// root of an index built from one root, whose ids are the bare relative paths.
  package var label: String
  /// Whether the root is a single file rather than a folder.
  package var isFile: Bool
  /// `--exclude` globs recorded for this root (gitignore syntax, relative to the root).
  package var excludes: [String]

  package init(path: String, given: String, label: String, isFile: Bool, excludes: [String] = []) {
    self.path = path
    self.given = given
    self.label = label
    self.isFile = isFile
    self.excludes = excludes
  }

  /// Whether the catalog key `key` (an absolute escaped path) lies under this root.
  package func contains(key: String) -> Bool {
    if key == path { return true }
    if isFile { return false }
    return key.hasPrefix(path == "/" ? "/" : path + "/")
  }
}
