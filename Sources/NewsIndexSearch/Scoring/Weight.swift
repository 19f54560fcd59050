import NewsIndexAnalysis
import NewsIndexCore
import NewsIndexFormat

/// A query after analysis, with its index-wide statistics folded into per-term factors.
///
/// Built once per query from a ``Query`` and an ``IndexReader``; ``scorer(for:ordinal:context:)`` then makes a
/// ``Scorer`` per segment. Text that analyzes to nothing (only punctuation) drops out.
indirect enum Weight {
  /// `factor` = field weight × idf; `states`: the term's dictionary entry in each segment.
  case term(field: Field, term: [UInt8], factor: Double, states: TermStates)
  /// Terms at fixed position offsets from the first (`0, 1, 2…`, or with a gap where the query
  /// had a stop word); `factor` = field weight × the sum of the terms' idfs. `slop` > 0 lets them
  /// move (Lucene's sloppy phrase, ``SloppyPhraseFrequency``).
  case phrase(field: Field, terms: [[UInt8]], offsets: [Int], factor: Double, states: [TermStates], slop: Int)
  /// One word or phrase scored over the combined fields of `parts` (its `.term` or `.phrase` per
  /// field, their factors unused): BM25F, or query likelihood when the context has a `mu`.
  case fields(parts: [Weight], statistics: CombinedStatistics)
  /// One word over title and body scored by BM25F from its word stream (the default weights
  /// only): the same scores as `.fields` of its two `.term`s, from one postings list.
  case word(term: [UInt8], statistics: CombinedStatistics, states: TermStates)
  case boolean(must: [Weight], should: [Weight], mustNot: [Weight])
  /// Matches nothing (a query of only exclusions).
  case nothing

  /// Analyzes `query` against `reader`'s statistics; nil when nothing in it is searchable.
  /// With `mu`, words are scored by query likelihood (Dirichlet) instead of BM25.
  ///
  /// `boost` multiplies every score of the query. A boolean's score is the sum of its clauses'
  /// (no coordination factor), so a boost (`(a OR b)^0.5`, nested boosts multiplying) is pushed
  /// down into the factors of its words and phrases: block bounds scale with it and pruning
  /// stays exact.
  ///
  /// Wildcard and fuzzy words become a ranked OR of the dictionary terms they stand for
  /// (``TermExpansion``; what was expanded, and whether a bound cut it, goes into `log`).
  init?(
    query: Query, reader: IndexReader, bm25: BM25, mu: Double? = nil, boost: Double = 1, log: ExpansionLog? = nil
  ) {
    switch query {
    case .term(let field, let text):
      switch Query.termSyntax(text) {
      case .plain:
        self.init(analyzing: text, slop: 0, field: field, reader: reader, bm25: bm25, mu: mu, boost: boost)
      case .wildcard(let pattern):
        self.init(wildcard: pattern, field: field, reader: reader, bm25: bm25, mu: mu, boost: boost, log: log)
      case .fuzzy(let word, let maxEdits):
        self.init(fuzzy: word, maxEdits: maxEdits, field: field, reader: reader, bm25: bm25, mu: mu, boost: boost, log: log)
      }
    case .phrase(let field, let text):
      let (words, slop) = Query.phraseParts(text)
      if Query.isWildcard(words) {
        self.init(
          wildcardPhrase: words, slop: slop, field: field, reader: reader, bm25: bm25, mu: mu, boost: boost, log: log)
      } else {
        self.init(analyzing: words, slop: slop, field: field, reader: reader, bm25: bm25, mu: mu, boost: boost)
      }
    case .boosted(let inner, let factor):
      self.init(query: inner, reader: reader, bm25: bm25, mu: mu, boost: boost * factor, log: log)
    case .boolean(let clauses):
      var must: [Weight] = []
      var should: [Weight] = []
      var mustNot: [Weight] = []
      for clause in clauses {
        guard let weight = Weight(query: clause.query, reader: reader, bm25: bm25, mu: mu, boost: boost, log: log) else {
          continue
        }
        switch clause.occur {
        case .must: must.append(weight)
        case .should: should.append(weight)
        case .mustNot: mustNot.append(weight)
        }
      }
      if must.isEmpty && should.isEmpty {
        guard !mustNot.isEmpty else { return nil }
        self = .nothing
      } else if must.isEmpty && mustNot.isEmpty && should.count == 1 {
        self = should[0]
      } else {
        self = .boolean(must: must, should: should, mustNot: mustNot)
      }
    }
  }

  /// `text` analyzed: one term, or a phrase of its terms (with `slop`); nil when it has none.
  init?(analyzing text: String, slop: Int, field: Field?, reader: IndexReader, bm25: BM25, mu: Double?, boost: Double) {
    let tokens = reader.analyzer.tokens(in: text)
    guard let first = tokens.first else { return nil }
    if tokens.count == 1, Self.isCJKCharacter(first.term) {
      // One Han, kana or Hangul character: the index holds it in bigrams (`中国`), so it stands
      // for itself and every bigram it starts (a prefix walk of the dictionary).
      self.init(
        wildcard: first.term + "*", field: field, reader: reader, bm25: bm25, mu: mu, boost: boost, log: nil)
      return
    }
    let terms = tokens.map { Array($0.term.utf8) }
    let offsets = tokens.map { $0.position - first.position }
    self = Weight(
      terms: terms, offsets: offsets, field: field, reader: reader, bm25: bm25, mu: mu, boost: boost, slop: slop)
  }

  /// Whether `term` is one Han, Hiragana, Katakana or Hangul character.
  static func isCJKCharacter(_ term: String) -> Bool {
    guard term.unicodeScalars.count == 1, let scalar = term.unicodeScalars.first else { return false }
    switch scalar.value {
    case 0x1100...0x11FF, 0x3040...0x30FF, 0x3130...0x318F, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA960...0xA97F, 0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x3FFFF:
      return true
    default:
      return false
    }
  }

  /// Already analyzed `terms` (one: a term; several: a phrase at `offsets`, with `slop`) in
  /// `field` or all fields.
  init(
    terms: [[UInt8]], offsets: [Int], field: Field?, reader: IndexReader, bm25: BM25, mu: Double?, boost: Double = 1,
    slop: Int = 0
  ) {
      if terms.count == 1, field == nil, mu == nil, bm25.usesWordStreams {
        // The word stream's dictionary entries give the any-field document frequency.
        let states = TermStates(reader: reader, wordStreamOf: terms[0])
        let idf = BM25.idf(docFreq: states.docFreq, documentCount: reader.documentCount)
        self = .word(
          term: terms[0],
          statistics: CombinedStatistics(
            idf: idf, collectionProbability: 0, mu: nil, boost: boost, docFreq: states.docFreq),
          states: states)
        return
      }
      let fields = field.map { [$0] } ?? Field.ranked
      // Each (field, term) is looked up once, in every segment, for statistics and postings alike.
      let states = fields.map { field in terms.map { TermStates(reader: reader, field: field, term: $0) } }
      let perField: [Weight] = zip(fields, states).map { field, states in
        let idf = states.reduce(0.0) { sum, state in
          sum + BM25.idf(docFreq: state.docFreq, documentCount: reader.documentCount)
        }
        let factor = boost * bm25.weight(of: field) * idf
        return terms.count == 1
          ? .term(field: field, term: terms[0], factor: factor, states: states[0])
          : .phrase(field: field, terms: terms, offsets: offsets, factor: factor, states: states, slop: slop)
      }
      if let mu {
        // Query likelihood over the (weighted) fields searched: P(t|C) from their term counts.
        let tokens = fields.reduce(0.0) { sum, field in
          sum + bm25.weight(of: field) * reader.averageFieldLengths[Int(field.rawValue)] * Double(reader.documentCount)
        }
        let probability = terms.indices.reduce(1.0) { product, index in
          let count = zip(fields, states).reduce(0.0) { sum, pair in
            sum + bm25.weight(of: pair.0) * Double(pair.1[index].totalTermFreq)
          }
          return product * (tokens > 0 ? max(count, 0.5) / tokens : 1)
        }
        self = .fields(
          parts: perField, statistics: CombinedStatistics(idf: 0, collectionProbability: probability, mu: mu, boost: boost))
      } else if perField.count == 1 {
        self = perField[0]
      } else if bm25.fieldModel == .bm25f {
        let docFreqs = terms.indices.map { index in
          FieldStatistics.docFreqInAnyField(reader, term: terms[index])
        }
        let idf = docFreqs.reduce(0.0) { sum, docFreq in
          sum + BM25.idf(docFreq: docFreq, documentCount: reader.documentCount)
        }
        self = .fields(
          parts: perField,
          statistics: CombinedStatistics(
            idf: idf, collectionProbability: 0, mu: nil, boost: boost, docFreq: docFreqs.min() ?? 0))
      } else {
        self = .boolean(must: [], should: perField, mustNot: [])
      }
  }

  /// The analyzed terms of the query's positive words, repeats kept (RM3's query vector).
  var bagOfTerms: [[UInt8]] {
    switch self {
    case .term(_, let term, _, _): [term]
    case .phrase(_, let terms, _, _, _, _): terms
    case .fields(let parts, _): parts.first?.bagOfTerms ?? []
    case .word(let term, _, _): [term]
    case .boolean(let must, let should, _): (must + should).flatMap(\.bagOfTerms)
    case .nothing: []
    }
  }

  /// Analyzed terms that can match (for highlighting): every term outside exclusions.
  var positiveTerms: Set<[UInt8]> {
    switch self {
    case .term(_, let term, _, _): [term]
    case .phrase(_, let terms, _, _, _, _): Set(terms)
    case .fields(let parts, _): parts.reduce(into: Set()) { $0.formUnion($1.positiveTerms) }
    case .word(let term, _, _): [term]
    case .boolean(let must, let should, _): (must + should).reduce(into: Set()) { $0.formUnion($1.positiveTerms) }
    case .nothing: []
    }
  }

  /// A scorer over `segment` (number `ordinal` of the reader the weight was made with),
  /// positioned on its first match; nil when the segment has none.
  func scorer(for segment: SegmentReader, ordinal: Int, context: ScoringContext) -> (any Scorer)? {
    switch self {
    case .term(let field, _, let factor, let states):
      guard let info = states.infos[ordinal] else { return nil }
      return TermScorer(
        cursor: context.open(segment, info), segment: segment, field: field, factor: factor, context: context)
    case .phrase(let field, _, let offsets, let factor, let states, let slop):
      var cursors: [PostingsCursor] = []
      for state in states {
        guard let info = state.infos[ordinal] else { return nil }
        cursors.append(context.open(segment, info))
      }
      let scorer = PhraseScorer(
        cursors: cursors, offsets: offsets, slop: slop, segment: segment, field: field, factor: factor,
        context: context)
      return scorer.docID == PostingsCursor.end ? nil : scorer
    case .fields(let parts, let statistics):
      let fields = parts.compactMap(\.field)
      let terms = parts.compactMap { part -> TermScorer? in
        guard case .term(let field, _, let factor, let states) = part, let info = states.infos[ordinal] else { return nil }
        return TermScorer(
          cursor: context.open(segment, info), segment: segment, field: field, factor: factor, context: context)
      }
      if !terms.isEmpty {
        return FieldsScorer(sources: terms, fields: fields, segment: segment, statistics: statistics, context: context)
      }
      let phrases = parts.compactMap {
        $0.scorer(for: segment, ordinal: ordinal, context: context) as? PhraseScorer
      }
      guard !phrases.isEmpty else { return nil }
      let scorer = FieldsScorer(sources: phrases, fields: fields, segment: segment, statistics: statistics, context: context)
      return scorer.docID == PostingsCursor.end ? nil : scorer
    case .word(_, let statistics, let states):
      guard let info = states.infos[ordinal] else { return nil }
      return WordScorer(cursor: context.open(segment, info), segment: segment, statistics: statistics, context: context)
    case .boolean(let must, let should, let mustNot):
      var required: [any Scorer] = []
      for weight in must {
        guard let scorer = weight.scorer(for: segment, ordinal: ordinal, context: context) else { return nil }
        required.append(scorer)
      }
      let optional = should.compactMap { $0.scorer(for: segment, ordinal: ordinal, context: context) }
      let excluded = mustNot.compactMap { $0.scorer(for: segment, ordinal: ordinal, context: context) }
      let base: any Scorer
      var extra: [any Scorer] = []
      if required.isEmpty {
        guard !optional.isEmpty else { return nil }
        base = optional.count == 1 ? optional[0] : DisjunctionScorer(optional)
      } else {
        base = required.count == 1 ? required[0] : makeConjunction(required)
        extra = optional
      }
      if extra.isEmpty && excluded.isEmpty { return base.docID == PostingsCursor.end ? nil : base }
      let scorer = BooleanScorer(required: base, optional: extra, excluded: excluded)
      return scorer.docID == PostingsCursor.end ? nil : scorer
    case .nothing:
      return nil
    }
  }
}

extension Weight {
  /// The field of a `.term` or `.phrase`.
  var field: Field? {
    switch self {
    case .term(let field, _, _, _), .phrase(let field, _, _, _, _, _): field
    default: nil
    }
  }
}

/// What a ``FieldsScorer`` needs besides its sources: BM25F's idf, or query likelihood's
/// collection probability and `mu`; `boost` multiplies the score (RM3's term weights).
struct CombinedStatistics {
  var idf: Double
  /// P(t|C): the word's share of all tokens of the searched fields (weighted like the fields).
  var collectionProbability: Double
  /// Dirichlet prior; nil for BM25F.
  var mu: Double?
  var boost: Double
  /// Documents holding the word in any field (BM25F's df; of a phrase, its rarest word's), for
  /// match counts; 0 when not computed (query likelihood).
  var docFreq = 0
}

/// Index-wide values every scorer of one query needs, and the query's work counter.
struct ScoringContext {
  var bm25: BM25
  /// Mean tokens per document, by `Field.rawValue`.
  var averageFieldLengths: [Double]
  /// ``BM25/weight(of:)`` by `Field.rawValue`.
  var fieldWeights: [Double]
  /// BM25F's `avglen'`: the weighted sum of the fields' mean lengths.
  var weightedAverageLength: Double
  /// Shared by every scorer of the query.
  let work = WorkCounter()

  init(bm25: BM25, averageFieldLengths: [Double]) {
    self.bm25 = bm25
    self.averageFieldLengths = averageFieldLengths
    fieldWeights = Field.allCases.map { bm25.weight(of: $0) }
    weightedAverageLength = Field.ranked.reduce(0.0) { sum, field in
      let index = Int(field.rawValue)
      return sum + bm25.weight(of: field) * (index < averageFieldLengths.count ? averageFieldLengths[index] : 0)
    }
  }

  /// Opens `info`'s postings in `segment` and counts the cursor's blocks in ``work``.
  func open(_ segment: SegmentReader, _ info: TermInfo) -> PostingsCursor {
    let cursor = segment.postings(info)
    work.cursors.append(cursor)
    return cursor
  }
}

/// What one query did, for `search --stats` and batch JSON output.
package struct QueryStatistics: Sendable, Equatable {
  /// Planning and scoring time (stored fields not included).
  package var microseconds = 0
  /// Documents whose score was computed in full (and offered to the top-k).
  package var documentsScored = 0
  /// (document, term or phrase) pairs scored: every frequency read for a score.
  package var postingsScored = 0
  /// Postings blocks decoded.
  package var blocksDecoded = 0
  /// Postings blocks of the query's terms never decoded (passed over through the skip tables,
  /// or never reached).
  package var blocksSkipped = 0
  /// Whether dynamic pruning (MaxScore) ran; `matchCount` is then a lower bound.
  package var pruned = false
  /// What each wildcard or fuzzy word expanded to (terms, the bound when it cut the expansion,
  /// dictionary blocks read), one line each.
  package var expansions: [String] = []

  package init() {}
}

/// Counts the work of one query. Belongs to one query on one thread.
final class WorkCounter {
  @exclusivity(unchecked) var postingsScored = 0
  @exclusivity(unchecked) var documentsScored = 0
  var cursors: [PostingsCursor] = []

  /// The totals so far.
  var statistics: QueryStatistics {
    var statistics = QueryStatistics()
    statistics.postingsScored = postingsScored
    statistics.documentsScored = documentsScored
    for cursor in cursors {
      statistics.blocksDecoded += cursor.blocksDecoded
      statistics.blocksSkipped += cursor.blockCount - cursor.blocksDecoded
    }
    return statistics
  }
}
