package import NewsIndexCore
package import NewsIndexFormat

/// Which documents a search may return, beyond matching the query: for now a date range, from
/// `date:[… TO …]` in the query and `--since` / `--until`.
///
/// A filter is not scored: scoring loops ask ``accepts(_:_:)`` for each candidate before scoring
/// it (when ``isEmpty`` is false), and a rejected document counts as no match. A non-empty
/// filter rejects documents without a known date.
package struct SearchFilter: Sendable, Equatable {
  /// First second accepted (seconds since 1970, UTC); nil: no lower end.
  package var since: Int64?
  /// Last second accepted; nil: no upper end.
  package var until: Int64?
  /// Whether a date range was given at all (`date:[* TO *]` keeps documents with any date).
  private var requiresDate = false

  package init() {}

  /// A filter keeping documents dated `since...until` (either end nil: open).
  package init(since: Int64?, until: Int64?) {
    restrict(since: since, until: until)
  }

  /// True when every document passes.
  package var isEmpty: Bool { !requiresDate }

  /// Narrows the filter to documents also dated `since...until` (an intersection: ranges given
  /// twice, or in the query and as options, must all hold).
  package mutating func restrict(since: Int64?, until: Int64?) {
    requiresDate = true
    if let since { self.since = max(self.since ?? since, since) }
    if let until { self.until = min(self.until ?? until, until) }
  }

  /// Narrows the filter by another one.
  package mutating func restrict(to other: SearchFilter) {
    guard !other.isEmpty else { return }
    restrict(since: other.since, until: other.until)
  }

  /// Whether document `docID` of `segment` may be returned.
  @inline(__always) package func accepts(_ segment: SegmentReader, _ docID: DocID) -> Bool {
    guard requiresDate else { return true }
    return accepts(date: segment.date(docID))
  }

  /// Whether a document dated `date` (``DocumentDate/unknown`` when it has none) may be returned.
  @inline(__always) package func accepts(date: Int64) -> Bool {
    guard requiresDate else { return true }
    guard date != DocumentDate.unknown else { return false }
    if let since, date < since { return false }
    if let until, date > until { return false }
    return true
  }
}
