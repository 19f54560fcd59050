import Foundation
import NewsIndexAnalysis
package import NewsIndexCore

/// An exhaustive, deliberately naive reimplementation of newsindex's ranking, used as the oracle.
///
/// It shares only the analyzer with the engine: statistics, matching, phrase detection and BM25
/// are computed here from token arrays, document by document, without the index.
package struct BruteForceSearcher {
  /// A boolean query tree in the oracle's own terms (mirrors the engine's parsed query).
  package indirect enum Node: Sendable {
    case words(field: String?, text: String, phrase: Bool)
    case boolean([(occur: String, node: Node)])  // occur: "should", "must", "mustNot"
    /// The node's score times `boost` (Lucene's `^`); matching unchanged.
    case boosted(Node, Double)
  }

  /// A node with its words analyzed once per search rather than once per document.
  private indirect enum Analyzed {
    case words(field: String?, terms: [String], offsets: [Int])
    case boolean([(occur: String, node: Analyzed)])
    case boosted(Analyzed, Double)
  }

  private func analyze(_ node: Node) -> Analyzed {
    switch node {
    case .words(let field, let text, _):
      let queryTokens = analyzer.tokens(in: text)
      // Offsets from the first term: stop words in the query leave gaps, as in the documents.
      let offsets = queryTokens.map { $0.position - (queryTokens.first?.position ?? 0) }
      return .words(field: field, terms: queryTokens.map(\.term), offsets: offsets)
    case .boolean(let clauses):
      return .boolean(clauses.map { ($0.occur, analyze($0.node)) })
    case .boosted(let inner, let boost):
      return .boosted(analyze(inner), boost)
    }
  }

  /// Field weighting of an oracle, for tables of models.
  package struct Configuration: Sendable {
    package var titleWeight: Double
    package var bm25f: Bool
    package init(titleWeight: Double, bm25f: Bool) {
      self.titleWeight = titleWeight
      self.bm25f = bm25f
    }
  }

  private struct Tokens {
    var terms: [String]
    var positions: [Int]
    /// Each term's positions (built once, so that matching a document is a few look-ups).
    var positionsOf: [String: Set<Int>]

    init(terms: [String], positions: [Int]) {
      self.terms = terms
      self.positions = positions
      var positionsOf: [String: Set<Int>] = [:]
      for (term, position) in zip(terms, positions) { positionsOf[term, default: []].insert(position) }
      self.positionsOf = positionsOf
    }
  }

  private let analyzer: Analyzer
  private let documents: [[String: Tokens]]  // field name -> tokens
  private let k1: Double
  private let b: Double
  private let titleWeight: Double
  private let fieldNames = ["title", "body"]
  /// Documents containing each term, per field; mean tokens per field.
  private let documentFrequencies: [String: [String: Int]]
  private let averageLengths: [String: Double]

  /// Unfielded words: BM25F (`true`, the engine's default) or BM25 per field summed.
  private let fieldedBM25F: Bool
  /// Documents containing each term in any field (BM25F's df).
  private let anyFieldFrequencies: [String: Int]

  package init(
    documents: [ExtractedDocument], k1: Double = 1.5, b: Double = 0.4, titleWeight: Double = 3.0,
    bm25f: Bool = true
  ) {
    let analyzer = Analyzer()
    self.analyzer = analyzer
    self.k1 = k1
    self.b = b
    self.titleWeight = titleWeight
    self.fieldedBM25F = bm25f
    self.documents = documents.map { document in
      var fields: [String: Tokens] = [:]
      for (name, text) in [("title", document.title), ("body", document.body)] {
        let tokens = analyzer.tokens(in: text)
        fields[name] = Tokens(terms: tokens.map(\.term), positions: tokens.map(\.position))
      }
      return fields
    }
    var frequencies: [String: [String: Int]] = [:]
    var averages: [String: Double] = [:]
    for name in fieldNames {
      var counts: [String: Int] = [:]
      var total = 0
      for document in self.documents {
        total += document[name]!.terms.count
        for term in Set(document[name]!.terms) { counts[term, default: 0] += 1 }
      }
      frequencies[name] = counts
      averages[name] = documents.isEmpty ? 0 : Double(total) / Double(documents.count)
    }
    documentFrequencies = frequencies
    averageLengths = averages
    var anyField: [String: Int] = [:]
    for document in self.documents {
      for term in Set(fieldNames.flatMap { document[$0]!.terms }) { anyField[term, default: 0] += 1 }
    }
    anyFieldFrequencies = anyField
  }

  /// Every matching document with its score, best first (ties: lower document number first).
  package func search(_ node: Node) -> [(doc: Int, score: Double)] {
    let analyzed = analyze(node)
    var results: [(doc: Int, score: Double)] = []
    for doc in documents.indices {
      if let score = evaluate(analyzed, doc) { results.append((doc, score)) }
    }
    return results.sorted { $0.score != $1.score ? $0.score > $1.score : $0.doc < $1.doc }
  }

  /// nil: the node does not match `doc`; otherwise its score contribution.
  /// A node whose text has no terms is "absent", signalled by `isAbsent`.
  private func evaluate(_ node: Analyzed, _ doc: Int) -> Double? {
    switch node {
    case .words(let field, let terms, let offsets):
      let fields = field.map { [$0] } ?? fieldNames
      if field == nil && fieldedBM25F { return bm25f(terms, offsets: offsets, doc) }
      var total = 0.0
      var matched = false
      for name in fields {
        let frequency = phraseFrequency(terms, offsets: offsets, in: documents[doc][name]!)
        guard frequency > 0 else { continue }
        matched = true
        let idf = terms.reduce(0.0) { $0 + inverseDocumentFrequency(term: $1, field: name) }
        let weight = name == "title" ? titleWeight : 1.0
        total += weight * idf * tfPart(Double(frequency), field: name, doc: doc)
      }
      return matched ? total : nil
    case .boosted(let inner, let boost):
      return evaluate(inner, doc).map { $0 * boost }
    case .boolean(let clauses):
      let present = clauses.filter { !isAbsent($0.node) }
      let must = present.filter { $0.occur == "must" }
      let should = present.filter { $0.occur == "should" }
      let mustNot = present.filter { $0.occur == "mustNot" }
      if must.isEmpty && should.isEmpty { return nil }
      for clause in mustNot where evaluate(clause.node, doc) != nil { return nil }
      var score = 0.0
      for clause in must {
        guard let part = evaluate(clause.node, doc) else { return nil }
        score += part
      }
      var anyShould = false
      for clause in should {
        if let part = evaluate(clause.node, doc) {
          score += part
          anyShould = true
        }
      }
      if must.isEmpty && !anyShould { return nil }
      return score
    }
  }

  /// BM25F over title and body: weighted frequencies and lengths, one saturation, idf from the
  /// documents having the term in any field; nil when no field holds the phrase.
  private func bm25f(_ terms: [String], offsets: [Int], _ doc: Int) -> Double? {
    var frequency = 0.0
    var length = 0.0
    var average = 0.0
    for name in fieldNames {
      let weight = name == "title" ? titleWeight : 1.0
      frequency += weight * Double(phraseFrequency(terms, offsets: offsets, in: documents[doc][name]!))
      length += weight * Double(documents[doc][name]!.terms.count)
      average += weight * averageLengths[name]!
    }
    guard frequency > 0 else { return nil }
    let n = Double(documents.count)
    let idf = terms.reduce(0.0) { sum, term in
      let df = Double(anyFieldFrequencies[term] ?? 0)
      return sum + Foundation.log(1 + (n - df + 0.5) / (df + 0.5))
    }
    let norm = average > 0 ? 1 - b + b * length / average : 1
    return idf * frequency * (k1 + 1) / (frequency + k1 * norm)
  }

  /// A node that analyzes to no terms at all takes no part in matching.
  private func isAbsent(_ node: Analyzed) -> Bool {
    switch node {
    case .words(_, let terms, _): terms.isEmpty
    case .boolean(let clauses): clauses.allSatisfy { isAbsent($0.node) }
    case .boosted(let inner, _): isAbsent(inner)
    }
  }

  /// Occurrences of `terms` at their `offsets` from a start position (a single term: its frequency).
  private func phraseFrequency(_ terms: [String], offsets: [Int], in tokens: Tokens) -> Int {
    guard let first = terms.first, let starts = tokens.positionsOf[first] else { return 0 }
    if terms.count == 1 { return starts.count }
    var others: [Set<Int>] = []
    for term in terms.dropFirst() {
      guard let positions = tokens.positionsOf[term] else { return 0 }
      others.append(positions)
    }
    var count = 0
    for start in starts where others.indices.allSatisfy({ others[$0].contains(start + offsets[$0 + 1]) }) {
      count += 1
    }
    return count
  }

  private func inverseDocumentFrequency(term: String, field: String) -> Double {
    let n = Double(documents.count)
    let df = Double(documentFrequencies[field]![term] ?? 0)
    return Foundation.log(1 + (n - df + 0.5) / (df + 0.5))
  }

  private func tfPart(_ tf: Double, field: String, doc: Int) -> Double {
    let average = averageLengths[field]!
    let length = Double(documents[doc][field]!.terms.count)
    let norm = average > 0 ? 1 - b + b * length / average : 1
    return tf * (k1 + 1) / (tf + k1 * norm)
  }
}
