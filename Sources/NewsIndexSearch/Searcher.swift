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
  /// Query likelihood with this Dirichlet `mu` instead of BM25 (`--model ql --mu`); nil: BM25.
  package var queryLikelihoodMu: Double?
  /// Pseudo-relevance feedback run after the first pass for plain word queries (the CLI's
  /// default; `--no-rm3`); nil: none.
  package var feedback: RM3?
  /// Documents a search may return (dates); `date:` ranges of a query text narrow it further.
  package var filter = SearchFilter()
  /// Keep only the best hit of each group of duplicate stories (off here, so the engine stays
  /// exact for its callers; the CLI turns it on unless `--no-collapse`).
  package var collapseDuplicates = false
  /// Order of the hits (`--sort`); date order and recency score every match (Searcher+Dates.swift).
  package var order = ResultOrder.score
  /// Recency weighting's half-life in seconds (`--recency`); nil: none.
  package var recencyHalfLife: Double?

  package init(reader: IndexReader, bm25: BM25 = BM25()) {
    self.reader = reader
    self.bm25 = bm25
  }

  /// Parses and runs `text`.
  /// - Throws: ``QueryParseError`` when the query cannot be read.
  package func search(_ text: String, k: Int) throws(QueryParseError) -> SearchResult {
    let (query, dates) = try QueryParser.parseWithFilter(text)
    var searcher = self
    searcher.filter.restrict(to: dates)
    return searcher.search(query, k: k)
  }

  /// Runs `query` exhaustively: every match is scored, the best `k` are kept.
  package func search(_ query: Query, k: Int) -> SearchResult {
    let start = DispatchTime.now().uptimeNanoseconds
    guard var weight = Weight(query: query, reader: reader, bm25: bm25, mu: queryLikelihoodMu) else {
      return SearchResult(hits: [], matchCount: 0, microseconds: 0, highlightTerms: [])
    }
    let context = ScoringContext(bm25: bm25, averageFieldLengths: reader.averageFieldLengths)
    if let feedback, RM3.applies(to: query) {
      let first = collect(weight, k: feedback.feedbackDocuments, context: context)
      if let expanded = feedback.expand(
        weight, hits: first.hits, reader: reader, bm25: bm25, mu: queryLikelihoodMu)
      {
        weight = expanded
      }
    }
    var result = collect(weight, k: k, context: context)
    result.microseconds = Int((DispatchTime.now().uptimeNanoseconds - start) / 1000)
    return result
  }

  /// Scores every match of `weight` over every segment and keeps the best `k`.
  private func collect(_ weight: Weight, k: Int, context: ScoringContext) -> SearchResult {
    let start = DispatchTime.now().uptimeNanoseconds
    var collector = TopKCollector(k: k, groups: collapseGroups, ordering: hitOrdering)
    for (segment, base) in zip(reader.segments, reader.segmentBases) {
      guard let scorer = weight.scorer(for: segment, context: context) else { continue }
      if segment.hasDeletions {
        while scorer.docID != PostingsCursor.end {
          if !segment.isDeleted(scorer.docID) && filter.accepts(segment, scorer.docID) {
            collector.collect(Hit(docNumber: base + Int(scorer.docID), score: scorer.score()))
          }
          scorer.next()
        }
      } else {
        while scorer.docID != PostingsCursor.end {
          if filter.accepts(segment, scorer.docID) {
            collector.collect(Hit(docNumber: base + Int(scorer.docID), score: scorer.score()))
          }
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
