import Foundation
package import NewsIndexFormat

extension IndexBuild {
  /// Whether a build over `previous` keeps its segments and catalog (an incremental update):
  /// not when asked to start over, nor when the analyzer or the store mode changed.
  func willUpdate(_ previous: Commit, rebuild: Bool) -> Bool {
    !rebuild && previous.analyzer == analyzer.settings && StoreMode(recorded: previous.store) == store
  }

  /// The catalog of `commit`, once everything an incremental build keeps has been verified:
  /// the catalog against the commit's checksum, its runs against the segments, and every file of
  /// every segment (size as committed, framing, CRC-32C, the structure a reader relies on).
  ///
  /// A damaged file stops the build instead of being repaired: the damage says the disk lost
  /// data the build cannot know the extent of (a catalog decides which documents are deleted,
  /// a segment holds documents of files that may have changed since), so the user decides, and
  /// `--rebuild` re-indexes from the sources. The duplicate table is the exception: it is
  /// derived from the segments alone, so a build recomputes a damaged one.
  /// - Throws: the first problem found; ``FormatError/isDamage`` tells damage from I/O errors.
  package static func verifiedCatalog(of commit: Commit, in directory: IndexDirectory) throws(FormatError)
    -> SourceCatalog?
  {
    let catalog = try directory.readCatalog(of: commit)
    for segment in commit.segments {
      for (ext, committed) in segment.fileByteCounts.sorted(by: { $0.key < $1.key }) {
        let path = directory.filePath("\(segment.name).\(ext)")
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        let size = try MappedFile(path: path).bytes.count
        if size < committed { throw .truncated(path: path, byteOffset: size, bytesNeeded: committed - size) }
        if size > committed {
          throw .corrupt(path: path, byteOffset: committed, reason: "\(size) bytes where the commit says \(committed)")
        }
      }
      _ = try SegmentReader(opening: directory, info: segment)
    }
    if let catalog, let name = commit.catalogFile {
      let documents = Dictionary(commit.segments.map { ($0.name, $0.documentCount) }, uniquingKeysWith: { a, _ in a })
      for entry in catalog.files.values {
        for run in entry.runs {
          guard let count = documents[run.segment], run.firstDocument >= 0, run.documentCount >= 0,
            run.firstDocument + run.documentCount <= count
          else {
            throw .corrupt(
              path: directory.filePath(name), byteOffset: 0,
              reason: "a run of documents points outside the commit's segments (\(run.segment))")
          }
        }
      }
    }
    return catalog
  }
}
