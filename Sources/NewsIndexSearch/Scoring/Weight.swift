import NewsIndexAnalysis
import NewsIndexCore
import NewsIndexFormat

/// A query after analysis, with its index-wide statistics folded into per-term factors.
///
/// Built once per query from a ``Query`` and an ``IndexReader``; ``scorer(for:)`` then makes a
/// ``Scorer`` per segment. Text that analyzes to nothing (only punctuation) drops out.
indirect enum Weight {
  /// `factor` = field weight × idf.
  case term(field: Field, term: [UInt8], factor: Double)
  /// Terms at fixed position offsets from the first (`0, 1, 2…`, or with a gap where the query
  /// had a stop word); `factor` = field weight × the sum of the terms' idfs.
  case phrase(field: Field, terms: [[UInt8]], offsets: [Int], factor: Double)
  /// One word or phrase scored over the combined fields of `parts` (its `.term` or `.phrase` per
  /// field, their factors unused): BM25F, or query likelihood when the context has a `mu`.
  case fields(parts: [Weight], statistics: CombinedStatistics)
  case boolean(must: [Weight], should: [Weight], mustNot: [Weight])
  /// Matches nothing (a query of only exclusions).
  case nothing

  /// Analyzes `query` against `reader`'s statistics; nil when nothing in it is searchable.
  /// With `mu`, words are scored by query likelihood (Dirichlet) instead of BM25.
  init?(query: Query, reader: IndexReader, bm25: BM25, mu: Double? = nil) {
    switch query {
    case .term(let field, let text), .phrase(let field, let text):
      let tokens = reader.analyzer.tokens(in: text)
      guard let first = tokens.first else { return nil }
      let terms = tokens.map { Array($0.term.utf8) }
      let offsets = tokens.map { $0.position - first.position }
      self = Weight(terms: terms, offsets: offsets, field: field, reader: reader, bm25: bm25, mu: mu)
    case .boolean(let clauses):
      var must: [Weight] = []
      var should: [Weight] = []
      var mustNot: [Weight] = []
      for clause in clauses {
        guard let weight = Weight(query: clause.query, reader: reader, bm25: bm25, mu: mu) else { continue }
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

  /// Already analyzed `terms` (one: a term; several: a phrase at `offsets`) in `field` or all fields.
  init(terms: [[UInt8]], offsets: [Int], field: Field?, reader: IndexReader, bm25: BM25, mu: Double?, boost: Double = 1) {
      let fields = field.map { [$0] } ?? Field.allCases
      let perField: [Weight] = fields.map { field in
        let idf = terms.reduce(0.0) { sum, term in
          sum + BM25.idf(docFreq: reader.docFreq(field: field, term: term), documentCount: reader.documentCount)
        }
        let factor = boost * bm25.weight(of: field) * idf
        return terms.count == 1
          ? .term(field: field, term: terms[0], factor: factor)
          : .phrase(field: field, terms: terms, offsets: offsets, factor: factor)
      }
      if let mu {
        // Query likelihood over the (weighted) fields searched: P(t|C) from their term counts.
        let tokens = fields.reduce(0.0) { sum, field in
          sum + bm25.weight(of: field) * reader.averageFieldLengths[Int(field.rawValue)] * Double(reader.documentCount)
        }
        let probability = terms.reduce(1.0) { product, term in
          let count = fields.reduce(0.0) { sum, field in
            sum + bm25.weight(of: field) * Double(FieldStatistics.totalTermFreq(reader, field: field, term: term))
          }
          return product * (tokens > 0 ? max(count, 0.5) / tokens : 1)
        }
        self = .fields(
          parts: perField, statistics: CombinedStatistics(idf: 0, collectionProbability: probability, mu: mu, boost: boost))
      } else if perField.count == 1 {
        self = perField[0]
      } else if bm25.fieldModel == .bm25f {
        let idf = terms.reduce(0.0) { sum, term in
          sum + BM25.idf(docFreq: FieldStatistics.docFreqInAnyField(reader, term: term), documentCount: reader.documentCount)
        }
        self = .fields(parts: perField, statistics: CombinedStatistics(idf: idf, collectionProbability: 0, mu: nil, boost: boost))
      } else {
        self = .boolean(must: [], should: perField, mustNot: [])
      }
  }

  /// The analyzed terms of the query's positive words, repeats kept (RM3's query vector).
  var bagOfTerms: [[UInt8]] {
    switch self {
    case .term(_, let term, _): [term]
    case .phrase(_, let terms, _, _): terms
    case .fields(let parts, _): parts.first?.bagOfTerms ?? []
    case .boolean(let must, let should, _): (must + should).flatMap(\.bagOfTerms)
    case .nothing: []
    }
  }

  /// Analyzed terms that can match (for highlighting): every term outside exclusions.
  var positiveTerms: Set<[UInt8]> {
    switch self {
    case .term(_, let term, _): [term]
    case .phrase(_, let terms, _, _): Set(terms)
    case .fields(let parts, _): parts.reduce(into: Set()) { $0.formUnion($1.positiveTerms) }
    case .boolean(let must, let should, _): (must + should).reduce(into: Set()) { $0.formUnion($1.positiveTerms) }
    case .nothing: []
    }
  }

  /// A scorer over `segment`, positioned on its first match; nil when the segment has none.
  func scorer(for segment: SegmentReader, context: ScoringContext) -> (any Scorer)? {
    switch self {
    case .term(let field, let term, let factor):
      guard let info = term.withUnsafeBytes({ segment.termInfo(field: field, term: $0) }) else { return nil }
      return TermScorer(
        cursor: segment.postings(info), segment: segment, field: field, factor: factor, context: context)
    case .phrase(let field, let terms, let offsets, let factor):
      var cursors: [PostingsCursor] = []
      for term in terms {
        guard let info = term.withUnsafeBytes({ segment.termInfo(field: field, term: $0) }) else { return nil }
        cursors.append(segment.postings(info))
      }
      let scorer = PhraseScorer(
        cursors: cursors, offsets: offsets, segment: segment, field: field, factor: factor, context: context)
      return scorer.docID == PostingsCursor.end ? nil : scorer
    case .fields(let parts, let statistics):
      let sources = parts.compactMap { $0.scorer(for: segment, context: context) as? any FieldFrequencySource }
      guard !sources.isEmpty else { return nil }
      let fields = parts.compactMap(\.field)
      let scorer = FieldsScorer(
        sources: sources, fields: fields, segment: segment, statistics: statistics, context: context)
      return scorer.docID == PostingsCursor.end ? nil : scorer
    case .boolean(let must, let should, let mustNot):
      var required: [any Scorer] = []
      for weight in must {
        guard let scorer = weight.scorer(for: segment, context: context) else { return nil }
        required.append(scorer)
      }
      let optional = should.compactMap { $0.scorer(for: segment, context: context) }
      let excluded = mustNot.compactMap { $0.scorer(for: segment, context: context) }
      let base: any Scorer
      var extra: [any Scorer] = []
      if required.isEmpty {
        guard !optional.isEmpty else { return nil }
        base = optional.count == 1 ? optional[0] : DisjunctionScorer(optional)
      } else {
        base = required.count == 1 ? required[0] : ConjunctionScorer(required)
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
    case .term(let field, _, _), .phrase(let field, _, _, _): field
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
}

/// Index-wide values every scorer of one query needs.
struct ScoringContext {
  var bm25: BM25
  /// Mean tokens per document, by `Field.rawValue`.
  var averageFieldLengths: [Double]
  /// ``BM25/weight(of:)`` by `Field.rawValue`.
  var fieldWeights: [Double]
  /// BM25F's `avglen'`: the weighted sum of the fields' mean lengths.
  var weightedAverageLength: Double

  init(bm25: BM25, averageFieldLengths: [Double]) {
    self.bm25 = bm25
    self.averageFieldLengths = averageFieldLengths
    fieldWeights = Field.allCases.map { bm25.weight(of: $0) }
    weightedAverageLength = Field.allCases.reduce(0.0) { sum, field in
      let index = Int(field.rawValue)
      return sum + bm25.weight(of: field) * (index < averageFieldLengths.count ? averageFieldLengths[index] : 0)
    }
  }
}
