import Dispatch
package import NewsIndexCore
package import NewsIndexFormat

/// What one query returned.
package struct SearchResult: Sendable {
  /// The best `k` hits, best first (with an ``offset``, hits `offset + 1 … offset + k`).
  package var hits: [Hit]
  /// Hits of the ranking skipped before ``hits`` (paging): `hits[0]` is the ranking's hit
  /// number `offset + 1`.
  package var offset = 0
  /// Documents that match the query: an exact count when ``matchCountIsExact``, otherwise an
  /// estimate (with pruning, documents that could not enter the top k are never visited; see
  /// ``MatchCounting``).
  package var matchCount: Int
  /// Whether ``matchCount`` is exact.
  package var matchCountIsExact = true
  /// Time spent planning and scoring (not loading stored fields).
  package var microseconds: Int { statistics.microseconds }
  /// Analyzed terms that can match, for highlighting.
  package var highlightTerms: Set<[UInt8]>
  /// The work the query took.
  package var statistics = QueryStatistics()

  package init(hits: [Hit], matchCount: Int, highlightTerms: Set<[UInt8]>, statistics: QueryStatistics = QueryStatistics()) {
    self.hits = hits
    self.matchCount = matchCount
    self.highlightTerms = highlightTerms
    self.statistics = statistics
  }
}

/// Answers queries over one ``IndexReader`` snapshot; cheap to copy, safe to use from many threads.
package struct Searcher: Sendable {
  package let reader: IndexReader
  package var bm25: BM25
  /// Query likelihood with this Dirichlet `mu` instead of BM25 (`--model ql --mu`); nil: BM25.
  package var queryLikelihoodMu: Double?
  /// Pseudo-relevance feedback run after the first pass for plain word queries (`--rm3`); nil:
  /// none (the default: a query answers with the documents that contain its words).
  package var feedback: RM3?
  /// With ``feedback``: return only the documents that match the query itself, re-ranked by the
  /// expanded query (`--rm3-rerank`), instead of adding the expansion's own matches.
  package var feedbackKeepsMatches = false
  /// Neighbour-pair proximity clauses for plain word queries (`--model bm25p`); nil: none.
  package var proximity: Proximity?
  /// Byline and source clauses for plain word queries (`--byline-weight`, `--source-weight`);
  /// nil: title and body only.
  package var nameFields: NameFields?
  /// Dynamic pruning (block-max MaxScore) for ranked ORs and single words; off: every match is
  /// scored (same results).
  package var pruning = true
  /// How the matches of a pruned query are counted (`--count`).
  package var counting = MatchCounting.estimate
  /// Documents a search may return (dates); `date:` ranges of a query text narrow it further.
  package var filter = SearchFilter()
  /// Keep only the best hit of each group of duplicate stories (off here, so the engine stays
  /// exact for its callers; the CLI turns it on unless `--no-collapse`).
  package var collapseDuplicates = false
  /// Order of the hits (`--sort`); date order and recency score every match (Searcher+Dates.swift).
  package var order = ResultOrder.score
  /// Recency weighting's half-life in seconds (`--recency`); nil: none.
  package var recencyHalfLife: Double?
  /// How ``search(_:k:offset:)`` reads query text (`batch` is lenient unless `--strict`).
  package var syntax = QuerySyntax.strict

  package init(reader: IndexReader, bm25: BM25 = BM25()) {
    self.reader = reader
    self.bm25 = bm25
  }

  /// Parses and runs `text`.
  /// - Throws: ``QueryParseError`` when the query cannot be read.
  package func search(_ text: String, k: Int, offset: Int = 0) throws(QueryParseError) -> SearchResult {
    let (query, dates) = try QueryParser.parseWithFilter(text, syntax: syntax)
    var searcher = self
    searcher.filter.restrict(to: dates)
    return searcher.search(query, k: k, offset: offset)
  }

  /// One page of the ranking: hits `offset + 1 … offset + k` of `search(query, k: offset + k)`,
  /// the same documents with the same scores in the same order, whatever the order, filters and
  /// collapsing (a group of duplicates is one hit). Counts are the query's, not the page's.
  /// - Complexity: what the top `offset + k` cost: they are collected, the first `offset` dropped.
  package func search(_ query: Query, k: Int, offset: Int) -> SearchResult {
    let offset = max(0, offset)
    let (depth, overflow) = offset.addingReportingOverflow(max(0, k))
    var result = search(query, k: overflow ? Int.max : depth)
    result.hits.removeFirst(min(offset, result.hits.count))
    result.offset = offset
    return result
  }

  /// Runs `query` and keeps the best `k` hits.
  package func search(_ query: Query, k: Int) -> SearchResult {
    let start = DispatchTime.now().uptimeNanoseconds
    let log = ExpansionLog()
    guard let words = Weight(query: query, reader: reader, bm25: bm25, mu: queryLikelihoodMu, log: log) else {
      var result = SearchResult(hits: [], matchCount: 0, highlightTerms: [])
      result.statistics.expansions = log.notes
      return result
    }
    let context = ScoringContext(bm25: bm25, averageFieldLengths: reader.averageFieldLengths)
    var weight = withRankingClauses(words, of: query)
    if let feedback, RM3.applies(to: query) {
      let first = collect(weight, k: feedback.feedbackDocuments, context: context)
      if var expanded = feedback.expand(
        words, hits: first.hits, reader: reader, bm25: bm25, mu: queryLikelihoodMu)
      {
        // The expansion weighs the query's words α/|q| each (RM3's normalized query vector):
        // pairs keep their weight relative to a word.
        let wordWeight = feedback.originalQueryWeight / Double(max(1, words.bagOfTerms.count))
        expanded = withRankingClauses(expanded, of: query, wordWeight: wordWeight)
        if feedbackKeepsMatches {
          expanded =
            RM3.restricted(expanded, toMatchesOf: query, reader: reader, bm25: bm25, mu: queryLikelihoodMu)
            ?? expanded
        }
        weight = expanded
      }
    }
    var result = collect(weight, k: k, context: context)
    result.statistics = context.work.statistics
    result.statistics.expansions = log.notes
    result.statistics.pruned = result.statistics.pruned || prunedClauses(weight, k: k) != nil
    if !result.matchCountIsExact { countMatches(weight, into: &result) }
    result.statistics.microseconds = Int((DispatchTime.now().uptimeNanoseconds - start) / 1000)
    return result
  }

  /// `weight` (the words of `query`, or RM3's expansion of them) with the clauses that
  /// ``proximity`` and ``nameFields`` add to a plain word query; `wordWeight` is the weight of one
  /// of the query's words in `weight` (1, or less in an RM3 expansion), which scales them.
  private func withRankingClauses(_ weight: Weight, of query: Query, wordWeight: Double = 1) -> Weight {
    guard RM3.applies(to: query) else { return weight }
    var weight = weight
    if var proximity, Proximity.applies(to: query) {
      proximity.pairWeight *= wordWeight
      weight = proximity.adding(to: weight, pairsOf: query, reader: reader, bm25: bm25, mu: queryLikelihoodMu)
    }
    if var nameFields, nameFields.isActive {
      nameFields.bylineWeight *= wordWeight
      nameFields.sourceWeight *= wordWeight
      weight = nameFields.adding(to: weight, wordsOf: query, reader: reader, bm25: bm25, mu: queryLikelihoodMu)
    }
    return weight
  }

  /// The clauses MaxScore runs over when `weight` is evaluated with it, nil otherwise: a ranked
  /// OR with or without exclusions, or one word (block bounds let it skip whole blocks).
  /// Required clauses leave little to prune: their matches are few.
  func prunedClauses(_ weight: Weight, k: Int) -> (should: [Weight], mustNot: [Weight])? {
    guard pruning, k > 0 else { return nil }
    switch weight {
    case .boolean(let must, let should, let mustNot):
      return must.isEmpty && !should.isEmpty ? (should, mustNot) : nil
    case .term, .fields, .word:
      return weight.hasBlockBounds ? ([weight], []) : nil
    case .phrase, .nothing:
      return nil
    }
  }

  /// Scores the matches of `weight` over every segment (all of them, or with MaxScore those that
  /// can still enter the top `k`) and keeps the best `k`.
  func collect(_ weight: Weight, k: Int, context: ScoringContext) -> SearchResult {
    var collector = TopKCollector(k: k, groups: collapseGroups, ordering: hitOrdering)
    let work = context.work
    let maxScore = prunedClauses(weight, k: k)
    for (ordinal, segment) in reader.segments.enumerated() {
      let base = reader.segmentBases[ordinal]
      if let (should, mustNot) = maxScore {
        let clauses = should.compactMap { $0.scorer(for: segment, ordinal: ordinal, context: context) }
        guard !clauses.isEmpty else { continue }
        let excluded = mustNot.compactMap { $0.scorer(for: segment, ordinal: ordinal, context: context) }
        let accept = { (docID: DocID) in !segment.isDeleted(docID) && filter.accepts(segment, docID) }
        // Plain words (the usual query) get the loop specialized for their scorer type.
        let streams = clauses.compactMap { $0 as? WordScorer }
        let words = clauses.compactMap { $0 as? FieldsScorer<TermScorer> }
        if streams.count == clauses.count {
          MaxScore(clauses: streams, excluded: excluded).collect(
            into: &collector, segment: segment, base: base, work: work, accept: accept)
        } else if words.count == clauses.count {
          MaxScore(clauses: words, excluded: excluded).collect(
            into: &collector, segment: segment, base: base, work: work, accept: accept)
        } else {
          MaxScore(clauses: clauses.map(AnyScorer.init), excluded: excluded).collect(
            into: &collector, segment: segment, base: base, work: work, accept: accept)
        }
        continue
      }
      guard let scorer = weight.scorer(for: segment, ordinal: ordinal, context: context) else { continue }
      while scorer.docID != PostingsCursor.end {
        if !segment.isDeleted(scorer.docID) && filter.accepts(segment, scorer.docID) {
          work.documentsScored &+= 1
          collector.collect(Hit(docNumber: base + Int(scorer.docID), score: scorer.score()))
        }
        scorer.next()
      }
    }
    var result = SearchResult(
      hits: collector.sortedHits(), matchCount: collector.collectedCount, highlightTerms: weight.positiveTerms)
    // Until the top k fill up MaxScore skips nothing: a collector that never offered a threshold
    // saw every match.
    result.matchCountIsExact = maxScore == nil || collector.minimumCompetitiveScore == nil
    return result
  }

  /// The stored fields of a hit.
  package func document(for hit: Hit) throws(FormatError) -> ExtractedDocument {
    try reader.storedDocument(hit.docNumber)
  }
}
