import NewsIndexFormat

extension IndexCheck {
  /// The commit's source catalog (`files-GGGGGG.json`, what incremental builds match files and
  /// deletions with): present, its bytes those the commit checksummed, decodable, and every run
  /// of documents inside a segment of the commit. Nil when the commit names no catalog.
  static func catalogProblem(_ commit: Commit, directory: IndexDirectory) -> IndexProblem? {
    guard let name = commit.catalogFile else { return nil }
    let path = directory.filePath(name)
    let catalog: SourceCatalog?
    do throws(FormatError) {
      catalog = try directory.readCatalog(of: commit)
    } catch {
      return problem(error, fallbackPath: path)
    }
    guard let catalog else { return nil }
    let documents = Dictionary(commit.segments.map { ($0.name, $0.documentCount) }, uniquingKeysWith: { a, _ in a })
    for key in catalog.files.keys.sorted() {
      for run in catalog.files[key]!.runs {
        guard let count = documents[run.segment] else {
          return IndexProblem(
            path: path, byteOffset: nil, message: "file \(key) has documents in segment \(run.segment), not in the commit")
        }
        guard run.firstDocument >= 0, run.documentCount >= 0, run.firstDocument + run.documentCount <= count else {
          return IndexProblem(
            path: path, byteOffset: nil,
            message: "file \(key) has documents \(run.firstDocument)..<\(run.firstDocument + run.documentCount) "
              + "of segment \(run.segment), which holds \(count)")
        }
      }
    }
    return nil
  }

  /// A catalog the commit names without a checksum (written before catalogs had one).
  static func catalogWarning(_ commit: Commit, directory: IndexDirectory) -> IndexProblem? {
    guard let name = commit.catalogFile, !IndexDirectory.catalogHasChecksum(commit) else { return nil }
    return IndexProblem(
      path: directory.filePath(name), byteOffset: nil,
      message: "no checksum in the commit (written before catalogs had one), its bytes cannot be verified; "
        + "the next build adds one")
  }
}
