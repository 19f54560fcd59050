import Dispatch
package import NewsIndexCore
package import NewsIndexFormat

/// What one query returned.
package struct SearchResult: Sendable {
  /// The best `k` hits, best first.
  package var hits: [Hit]
  /// All documents that matched.
  package var matchCount: Int
  /// Time spent planning and scoring (not loading stored fields).
  package var microseconds: Int
  /// Analyzed terms that can match, for highlighting.
  package var highlightTerms: Set<[UInt8]>
}

/// Answers queries over one ``IndexReader`` snapshot; cheap to copy, safe to use from many threads.
package struct Searcher: Sendable {
  package let reader: IndexReader
  package var bm25: BM25

  package init(reader: IndexReader, bm25: BM25 = BM25()) {
    self.reader = reader
    self.bm25 = bm25
  }

  /// Parses and runs `text`.
  /// - Throws: ``QueryParseError`` when the query cannot be read.
  package func search(_ text: String, k: Int) throws(QueryParseError) -> SearchResult {
    search(try QueryParser.parse(text), k: k)
  }

  /// Runs `query` exhaustively: every match is scored, the best `k` are kept.
  package func search(_ query: Query, k: Int) -> SearchResult {
    let start = DispatchTime.now().uptimeNanoseconds
    guard let weight = Weight(query: query, reader: reader, bm25: bm25) else {
      return SearchResult(hits: [], matchCount: 0, microseconds: 0, highlightTerms: [])
    }
    let context = ScoringContext(bm25: bm25, averageFieldLengths: reader.averageFieldLengths)
    var collector = TopKCollector(k: k)
    for (segment, base) in zip(reader.segments, reader.segmentBases) {
      guard let scorer = weight.scorer(for: segment, context: context) else { continue }
      if segment.hasDeletions {
        while scorer.docID != PostingsCursor.end {
          if !segment.isDeleted(scorer.docID) {
            collector.collect(Hit(docNumber: base + Int(scorer.docID), score: scorer.score()))
          }
          scorer.next()
        }
      } else {
        while scorer.docID != PostingsCursor.end {
          collector.collect(Hit(docNumber: base + Int(scorer.docID), score: scorer.score()))
          scorer.next()
        }
      }
    }
    let elapsed = Int((DispatchTime.now().uptimeNanoseconds - start) / 1000)
    return SearchResult(
      hits: collector.sortedHits(), matchCount: collector.collectedCount, microseconds: elapsed,
      highlightTerms: weight.positiveTerms)
  }

  /// The stored fields of a hit.
  package func document(for hit: Hit) throws(FormatError) -> ExtractedDocument {
    try reader.storedDocument(hit.docNumber)
  }
}
