import NewsIndexCore
package import NewsIndexFormat

/// Counts over a whole commit, for `newsindex stats`.
package struct IndexStatistics: Sendable {
  package var documentCount: Int
  /// Distinct (field, term) keys over all segments (a key in two segments counts once).
  package var distinctTermCount: Int
  package var postingCount: Int

  /// Walks the term dictionaries; with one segment the commit's counts suffice.
  package init(reader: IndexReader) throws(FormatError) {
    documentCount = reader.documentCount
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
