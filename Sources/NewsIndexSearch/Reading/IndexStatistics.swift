import NewsIndexCore
package import NewsIndexFormat

/// Counts over a whole commit, for `newsindex stats`.
package struct IndexStatistics: Sendable {
  /// Documents searches can return.
  package var documentCount: Int
  /// Documents deleted by incremental builds, still in segment files until a merge drops them.
  package var deletedDocumentCount: Int
  /// Distinct (field, term) keys over all segments (a key in two segments counts once).
  package var distinctTermCount: Int
  package var postingCount: Int

  /// Walks the term dictionaries; with one segment the commit's counts suffice.
  package init(reader: IndexReader) throws(FormatError) {
    documentCount = reader.commit.liveDocumentCount
    deletedDocumentCount = reader.commit.documentCount - reader.commit.liveDocumentCount
    postingCount = reader.commit.segments.reduce(0) { $0 + $1.postingCount }
    if reader.segments.count <= 1 {
      distinctTermCount = reader.commit.segments.first?.termCount ?? 0
      return
    }
    var keys = Set<[UInt8]>()
    for segment in reader.segments {
      try segment.forEachTerm { field, term, _ in
        keys.insert([field.rawValue] + Array(term))
        return true
      }
    }
    distinctTermCount = keys.count
  }
}
