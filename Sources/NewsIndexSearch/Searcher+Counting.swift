import NewsIndexCore
import NewsIndexFormat

/// How a search counts its matches when pruning left most of them unvisited (`--count`).
///
/// Without pruning every match is scored and counted, so the count is exact either way. With
/// it, a single word in an index without deletions or date filters is counted exactly from the
/// dictionary at no cost; anything else is estimated, or counted by a pass over the matches.
package enum MatchCounting: String, Sendable, CaseIterable {
  /// From document frequencies, the words taken as independent; labelled as an estimate.
  case estimate
  /// Every match visited once, without scoring (a second pass over the query's postings).
  case exact
}

extension Searcher {
  /// Sets `result`'s count after a pruned evaluation of `weight`, exact or estimated as
  /// ``counting`` says.
  func countMatches(_ weight: Weight, into result: inout SearchResult) {
    if filter.isEmpty, let count = weight.dictionaryMatchCount(reader) {
      result.matchCount = count
      result.matchCountIsExact = true
      return
    }
    switch counting {
    case .exact:
      result.matchCount = exactMatchCount(weight)
      result.matchCountIsExact = true
    case .estimate:
      let eligible = eligibleDocumentCount()
      let expected = (weight.matchFraction(documentCount: reader.documentCount) * Double(eligible))
        .rounded()
      // Every document collected matched, and no more documents than are eligible can match.
      result.matchCount = min(max(Int(expected), result.matchCount), eligible)
      result.matchCountIsExact = false
    }
  }

  /// The live documents that match `weight` and pass the filter, found by walking its scorers
  /// without computing a score.
  func exactMatchCount(_ weight: Weight) -> Int {
    let context = ScoringContext(bm25: bm25, averageFieldLengths: reader.averageFieldLengths)
    var count = 0
    for (ordinal, segment) in reader.segments.enumerated() {
      guard let scorer = weight.scorer(for: segment, ordinal: ordinal, context: context) else {
        continue
      }
      while scorer.docID != PostingsCursor.end {
        if !segment.isDeleted(scorer.docID) && filter.accepts(segment, scorer.docID) { count += 1 }
        scorer.next()
      }
    }
    return count
  }

  /// Live documents the filter accepts (all live documents without one; with dates, a pass over
  /// the date column).
  private func eligibleDocumentCount() -> Int {
    var count = 0
    for segment in reader.segments {
      if filter.isEmpty {
        count += segment.info.liveDocumentCount
        continue
      }
      for docID in 0..<DocID(segment.documentCount)
      where !segment.isDeleted(docID) && filter.accepts(segment, docID) {
        count += 1
      }
    }
    return count
  }
}
