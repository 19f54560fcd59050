import NewsIndexCore
import NewsIndexFormat

/// Why a document scored what it did (`newsindex explain`): a tree whose leaves are the words
/// and phrases that matched, each with its BM25 parts, and whose inner nodes sum their children.
package struct Explanation: Sendable, Equatable {
  /// What the node is: `word coffe`, `phrase "oil price"~5 in title`, `sum of 2 clauses`.
  package var description: String
  /// The node's score (a leaf's is the scorer's own, so the root equals `search`'s score).
  package var value: Double
  /// The numbers behind a leaf, in order (`tf`, `length`, `idf`, …).
  package var details: [(name: String, value: Double)] = []
  package var children: [Explanation] = []
  /// Whether the document matches this node (a required clause that does not match makes the
  /// whole query miss).
  package var matches = true

  package static func == (a: Explanation, b: Explanation) -> Bool {
    a.description == b.description && a.value == b.value && a.children == b.children && a.matches == b.matches
      && a.details.map(\.name) == b.details.map(\.name) && a.details.map(\.value) == b.details.map(\.value)
  }
}

extension Searcher {
  /// The explanation of `query`'s score for the document numbered `docNumber` (as BM25F or query
  /// likelihood ranks it, before recency weighting); nil when nothing in the query is searchable.
  package func explain(_ query: Query, docNumber: Int) -> Explanation? {
    guard let weight = Weight(query: query, reader: reader, bm25: bm25, mu: queryLikelihoodMu) else { return nil }
    let (ordinal, docID) = reader.locate(docNumber)
    let context = ScoringContext(bm25: bm25, averageFieldLengths: reader.averageFieldLengths)
    return weight.explain(
      segment: reader.segments[ordinal], ordinal: ordinal, docID: docID, context: context, reader: reader)
  }
}

extension Weight {
  func explain(
    segment: SegmentReader, ordinal: Int, docID: DocID, context: ScoringContext, reader: IndexReader
  ) -> Explanation {
    switch self {
    case .boolean(let must, let should, let mustNot):
      let required = must.map { $0.explain(segment: segment, ordinal: ordinal, docID: docID, context: context, reader: reader) }
      let optional = should.map { $0.explain(segment: segment, ordinal: ordinal, docID: docID, context: context, reader: reader) }
      let excluded = mustNot.map { $0.explain(segment: segment, ordinal: ordinal, docID: docID, context: context, reader: reader) }
      let missing = required.contains { !$0.matches }
      let banned = excluded.contains { $0.matches }
      let matches = !missing && !banned && (!required.isEmpty || optional.contains { $0.matches })
      var children = required.map { var e = $0; e.description = "required: " + e.description; return e }
      children += optional.map { var e = $0; e.description = "optional: " + e.description; return e }
      children += excluded.map { var e = $0; e.description = "excluded: " + e.description; e.value = 0; return e }
      // Summed in the order the boolean scorer adds: required, then optional.
      let sum = matches ? (required + optional).filter(\.matches).reduce(0.0) { $0 + $1.value } : 0
      var description = "sum of \(children.filter(\.matches).count) matching of \(children.count) clauses"
      if missing { description = "no match: a required clause is missing" }
      if banned { description = "no match: an excluded clause matches" }
      return Explanation(description: description, value: sum, children: children, matches: matches)
    case .nothing:
      return Explanation(description: "nothing (only exclusions)", value: 0, matches: false)
    default:
      return explainLeaf(segment: segment, ordinal: ordinal, docID: docID, context: context, reader: reader)
    }
  }

  private func explainLeaf(
    segment: SegmentReader, ordinal: Int, docID: DocID, context: ScoringContext, reader: IndexReader
  ) -> Explanation {
    let label = self.label
    guard let scorer = scorer(for: segment, ordinal: ordinal, context: context) else {
      return Explanation(description: label + ": not in this document", value: 0, matches: false)
    }
    scorer.advance(to: docID)
    guard scorer.docID == docID else {
      return Explanation(description: label + ": not in this document", value: 0, matches: false)
    }
    let value = scorer.score()
    var details: [(String, Double)] = [("k1", context.bm25.k1), ("b", context.bm25.b)]
    var children: [Explanation] = []
    switch self {
    case .term(let field, _, let factor, let states):
      details += fieldDetails(field, scorer: scorer, docID: docID, segment: segment, context: context)
      details += [("docFreq", Double(states.docFreq)), ("boost × field weight × idf", factor)]
    case .phrase(let field, _, _, let factor, let states, let slop):
      details += fieldDetails(field, scorer: scorer, docID: docID, segment: segment, context: context)
      details += [("slop", Double(slop)), ("rarest word's docFreq", Double(states.map(\.docFreq).min() ?? 0))]
      details += [("boost × field weight × Σ idf", factor)]
    case .word(let term, let statistics, _):
      details += [("idf", statistics.idf), ("boost", statistics.boost), ("docFreq (any field)", Double(statistics.docFreq))]
      for field in Field.ranked {
        let part = Weight.term(
          field: field, term: term, factor: 0, states: TermStates(reader: reader, field: field, term: term))
        children.append(part.fieldPart(segment: segment, ordinal: ordinal, docID: docID, context: context))
      }
      details += weightedLength(docID: docID, segment: segment, context: context)
    case .fields(let parts, let statistics):
      if let mu = statistics.mu {
        details = [("mu", mu), ("P(t|C)", statistics.collectionProbability), ("boost", statistics.boost)]
      } else {
        details += [("idf", statistics.idf), ("boost", statistics.boost), ("docFreq (any field)", Double(statistics.docFreq))]
        details += weightedLength(docID: docID, segment: segment, context: context)
      }
      children = parts.map { $0.fieldPart(segment: segment, ordinal: ordinal, docID: docID, context: context) }
    default:
      break
    }
    return Explanation(description: label, value: value, details: details.map { ($0.0, $0.1) }, children: children)
  }

  /// A field's share of a BM25F leaf: its frequency and length (the value is 0: BM25F saturates
  /// the weighted sum once, so fields have no score of their own).
  private func fieldPart(segment: SegmentReader, ordinal: Int, docID: DocID, context: ScoringContext) -> Explanation {
    let field = self.field ?? .body
    var frequency = 0.0
    if let scorer = scorer(for: segment, ordinal: ordinal, context: context) as? any FieldFrequencySource {
      scorer.advance(to: docID)
      if scorer.docID == docID { frequency = scorer.frequency }
    }
    return Explanation(
      description: "\(field.name): tf \(Self.number(frequency)), length \(segment.fieldLength(field, docID)), weight \(Self.number(context.fieldWeights[Int(field.rawValue)]))",
      value: 0,
      details: [
        ("tf", frequency), ("length", Double(segment.fieldLength(field, docID))),
        ("average length", context.averageFieldLengths[Int(field.rawValue)]),
        ("field weight", context.fieldWeights[Int(field.rawValue)]),
      ], matches: frequency > 0)
  }

  private func fieldDetails(
    _ field: Field, scorer: any Scorer, docID: DocID, segment: SegmentReader, context: ScoringContext
  ) -> [(String, Double)] {
    let frequency = (scorer as? any FieldFrequencySource)?.frequency ?? 0
    return [
      ("tf", frequency), ("field length", Double(segment.fieldLength(field, docID))),
      ("average field length", context.averageFieldLengths[Int(field.rawValue)]),
    ]
  }

  private func weightedLength(docID: DocID, segment: SegmentReader, context: ScoringContext) -> [(String, Double)] {
    let length = Field.ranked.reduce(0.0) { sum, field in
      sum + context.fieldWeights[Int(field.rawValue)] * Double(segment.fieldLength(field, docID))
    }
    return [("weighted length", length), ("average weighted length", context.weightedAverageLength)]
  }

  /// The leaf's name: `word coffe`, `title:coffe`, `phrase "oil price"~5 in body`.
  var label: String {
    func text(_ term: [UInt8]) -> String { String(decoding: term, as: UTF8.self) }
    switch self {
    case .term(let field, let term, _, _): return "\(field.name):\(text(term))"
    case .phrase(let field, let terms, _, _, _, let slop):
      return "\(field.name):\"\(terms.map(text).joined(separator: " "))\"" + (slop > 0 ? "~\(slop)" : "")
    case .word(let term, _, _): return "word \(text(term)) (BM25F over title and body, word stream)"
    case .fields(let parts, let statistics):
      let inner = parts.first.map { part -> String in
        let name = part.label
        return String(name[(name.firstIndex(of: ":").map { name.index(after: $0) } ?? name.startIndex)...])
      } ?? ""
      return "\(inner) (\(statistics.mu == nil ? "BM25F" : "query likelihood") over \(parts.compactMap(\.field).map(\.name).joined(separator: " + ")))"
    case .boolean: return "boolean"
    case .nothing: return "nothing"
    }
  }

  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String((value * 10_000).rounded() / 10_000)
  }
}
