package import NewsIndexCore
package import NewsIndexFormat

/// What matches are counted by (`search --facet`, `timeline --by`).
package enum FacetField: String, Sendable, CaseIterable {
  /// The agency or publisher (``DocumentValues/sourceKey``).
  case source
  /// The document's language tag (``DocumentValues/languageCode``).
  case language
  /// The year of the document's date (`1987`).
  case year
  /// The month of the document's date (`1987-03`).
  case month
}

/// Exact counts of a query's matching documents per bucket, computed from the `.dv` columns of
/// every live match that passes the filter (no stored field is read but one document per
/// source, for its name).
package struct FacetCounts: Sendable, Equatable {
  package struct Bucket: Sendable, Equatable {
    package var value: String
    package var count: Int

    package init(value: String, count: Int) {
      self.value = value
      self.count = count
    }
  }

  package var field: FacetField
  /// Sources and languages by count (descending, then name); years and months in date order, every month
  /// between the first and the last listed (0 where none matched), so a timeline has no holes.
  package var buckets: [Bucket]
  /// Matches without a value (no date, no source).
  package var missing: Int
  /// Every match counted (the buckets' sum plus ``missing``).
  package var matchCount: Int
  /// Time the counting took.
  package var microseconds: Int = 0
}

extension Searcher {
  /// Counts the live matches of `query` that pass the filter, by `field`.
  package func facetCounts(_ query: Query, by field: FacetField) throws(FormatError) -> FacetCounts {
    let start = ContinuousClock.now
    var counts = FacetCounts(field: field, buckets: [], missing: 0, matchCount: 0)
    guard let weight = Weight(query: query, reader: reader, bm25: bm25, mu: queryLikelihoodMu) else { return counts }
    let context = ScoringContext(bm25: bm25, averageFieldLengths: reader.averageFieldLengths)
    var byKey: [Int64: Int] = [:]
    var sourceDocument: [Int64: Int] = [:]
    // Neighbouring documents mostly share a value (archives are in date order): count runs of
    // equal keys and add each run to the table once.
    var runKey: Int64?
    var runCount = 0
    var runDocument = 0
    func flush() {
      guard runCount > 0 else { return }
      if let key = runKey {
        byKey[key, default: 0] += runCount
        if field == .source && sourceDocument[key] == nil { sourceDocument[key] = runDocument }
      } else {
        counts.missing += runCount
      }
      runCount = 0
    }
    for (ordinal, segment) in reader.segments.enumerated() {
      guard let scorer = weight.scorer(for: segment, ordinal: ordinal, context: context) else { continue }
      while scorer.docID != PostingsCursor.end {
        let doc = scorer.docID
        if !segment.isDeleted(doc) && filter.accepts(segment, doc) {
          counts.matchCount += 1
          let key: Int64?
          switch field {
          case .source:
            let source = segment.sourceKey(doc)
            key = source == 0 ? nil : Int64(bitPattern: source)
          case .language:
            let code = segment.languageCode(doc)
            key = code == 0 ? nil : Int64(bitPattern: code)
          case .year, .month:
            let date = segment.date(doc)
            if date == DocumentDate.unknown {
              key = nil
            } else {
              let (year, month, _) = DocumentDate.civil(fromDays: Self.floorDays(date))
              key = field == .year ? year : year * 12 + (month - 1)
            }
          }
          if key != runKey || runCount == 0 {
            flush()
            runKey = key
            runDocument = reader.segmentBases[ordinal] + Int(doc)
          }
          runCount += 1
        }
        scorer.next()
      }
    }
    flush()
    switch field {
    case .source:
      var buckets: [FacetCounts.Bucket] = []
      for (key, count) in byKey {
        let name = try reader.storedDocument(sourceDocument[key]!).source
        buckets.append(FacetCounts.Bucket(value: name, count: count))
      }
      counts.buckets = buckets.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
    case .language:
      counts.buckets = byKey.map { FacetCounts.Bucket(value: DocumentValues.languageTag(UInt64(bitPattern: $0.key)), count: $0.value) }
        .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
    case .year, .month:
      if let first = byKey.keys.min(), let last = byKey.keys.max(), last - first < 100_000 {
        counts.buckets = (first...last).map { key in
          let value =
            field == .year
            ? Self.pad(key, 4) : Self.pad(key / 12, 4) + "-" + Self.pad(key % 12 + 1, 2)
          return FacetCounts.Bucket(value: value, count: byKey[key] ?? 0)
        }
      } else {
        counts.buckets = byKey.keys.sorted().map { FacetCounts.Bucket(value: Self.pad($0, 4), count: byKey[$0]!) }
      }
    }
    let elapsed = ContinuousClock.now - start
    counts.microseconds = Int(elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000)
    return counts
  }

  static func floorDays(_ seconds: Int64) -> Int64 {
    seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
  }

  static func pad(_ value: Int64, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }
}
