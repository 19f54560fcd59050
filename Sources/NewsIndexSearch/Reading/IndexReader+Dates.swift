import NewsIndexCore
import NewsIndexFormat

extension IndexReader {
  /// Share of the newest (and of the oldest) dated documents that ``recencyBounds`` passes over.
  static let recencyOutlierFraction = 0.001

  /// The span of dates recency weighting measures ages in: from the oldest to the newest live
  /// document, passing over the 0.1 % newest and the 0.1 % oldest (a stray file dated years
  /// after the archive, such as a README, would otherwise make every story look old). Nil when
  /// no document has a date. Computed once per reader, on first use.
  package var recencyBounds: ClosedRange<Int64>? {
    if let known = recencyBoundsCache.withLock({ $0 }) { return known }
    var dates: [Int64] = []
    for segment in segments where segment.hasDocumentValues {
      for doc in 0..<segment.documentCount {
        let date = segment.date(DocID(doc))
        if date != DocumentDate.unknown && !segment.isDeleted(DocID(doc)) { dates.append(date) }
      }
    }
    var bounds: ClosedRange<Int64>? = nil
    if !dates.isEmpty {
      dates.sort()
      let skipped = Int(Double(dates.count) * Self.recencyOutlierFraction)
      bounds = dates[skipped]...dates[dates.count - 1 - skipped]
    }
    recencyBoundsCache.withLock { $0 = .some(bounds) }
    return bounds
  }

  /// The date of an index-wide document number (``DocumentDate/unknown`` when it has none).
  package func date(ofDocument docNumber: Int) -> Int64 {
    let (segment, docID) = locate(docNumber)
    return segments[segment].date(docID)
  }
}
