import NewsIndexAnalysis
import NewsIndexCore

/// What a query's wildcard and fuzzy words expanded to, for `search --stats` (one query, one
/// thread).
final class ExpansionLog {
  private(set) var notes: [String] = []

  func record(_ text: String, _ expansion: TermExpansion) {
    var note = "\(text): \(expansion.matches.count) terms"
    if expansion.truncated {
      note += " (matched \(expansion.matchedCount), bound \(expansion.limit): the \(expansion.limit) "
        + (text.hasSuffix("~0") || text.contains("~") ? "closest" : "most frequent") + " kept)"
    }
    note += ", \(expansion.blocksRead) dictionary blocks read"
    notes.append(note)
  }
}

extension Weight {
  /// `pattern` (`export*`, `*port`, `ex?ort`) folded as the analyzer folds words (not stemmed:
  /// the pattern matches the indexed stems' beginnings), expanded over the dictionary
  /// (``TermExpansion/wildcard(_:field:reader:limit:)``), and scored as a BM25 OR of the
  /// expansions: a document with more of them, or rarer ones, ranks higher (Lucene's scoring
  /// rewrite rather than its constant score).
  init?(
    wildcard pattern: String, field: Field?, reader: IndexReader, bm25: BM25, mu: Double?, boost: Double,
    log: ExpansionLog?
  ) {
    let folded = Self.foldPattern(pattern, settings: reader.analyzer.settings)
    let expansion = TermExpansion.wildcard(folded, field: field, reader: reader)
    log?.record(pattern, expansion)
    self.init(
      orOf: expansion.matches.map { ($0.term, 1.0) }, field: field, reader: reader, bm25: bm25, mu: mu, boost: boost)
  }

  /// `word~maxEdits`: the dictionary terms within `maxEdits` edits of the word's term (analyzed
  /// as usual, so stemmed) or of the word folded but not stemmed (``TermExpansion/fuzzy(_:maxEdits:field:reader:limit:)``),
  /// scored as a BM25 OR in which a term `d` edits away counts `1 − d / min(length)` (Lucene's
  /// FuzzyQuery boost). A word that analyzes to no term or several is searched as usual.
  init?(
    fuzzy word: String, maxEdits: Int, field: Field?, reader: IndexReader, bm25: BM25, mu: Double?, boost: Double,
    log: ExpansionLog?
  ) {
    let terms = reader.analyzer.terms(in: word)
    guard terms.count == 1, let term = terms.first else {
      self.init(analyzing: word, slop: 0, field: field, reader: reader, bm25: bm25, mu: mu, boost: boost)
      return
    }
    // The stem, and the word folded but not stemmed (a misspelling can stem apart from the word
    // it misspells: `tarde` → `tard`, one swap from `trade`).
    var expansion = TermExpansion.fuzzy(Array(term.utf8), maxEdits: maxEdits, field: field, reader: reader)
    let unstemmed = Analyzer.foldedWords([word], settings: reader.analyzer.settings)
    if unstemmed.count == 1, unstemmed[0] != term {
      expansion.merge(TermExpansion.fuzzy(Array(unstemmed[0].utf8), maxEdits: maxEdits, field: field, reader: reader))
    }
    log?.record("\(word)~\(maxEdits)", expansion)
    let length = term.unicodeScalars.count
    let weighted = expansion.matches.map { match -> ([UInt8], Double) in
      let shorter = min(length, String(decoding: match.term, as: UTF8.self).unicodeScalars.count)
      return (match.term, shorter > 0 ? max(0, 1 - Double(match.distance) / Double(shorter)) : 1)
    }
    self.init(orOf: weighted, field: field, reader: reader, bm25: bm25, mu: mu, boost: boost)
  }

  /// A phrase with wildcard words (`"interest rat*"`): each wildcard word is expanded, and the
  /// phrase becomes a ranked OR of the phrases of the expansions (at most
  /// ``phraseExpansionLimit`` phrases: the most frequent expansions of each word are kept).
  init?(
    wildcardPhrase words: String, slop: Int, field: Field?, reader: IndexReader, bm25: BM25, mu: Double?,
    boost: Double, log: ExpansionLog?
  ) {
    // Wildcard words stand in the analyzed phrase as placeholders (letters and digits: never
    // stemmed, split or stopped), so positions keep the gaps stop words leave.
    var patterns: [String] = []
    let text = words.split(whereSeparator: \.isWhitespace).map { word -> String in
      guard Query.isWildcard(word) else { return String(word) }
      patterns.append(String(word))
      return "qqwildcard\(patterns.count - 1)x0"
    }.joined(separator: " ")
    let tokens = reader.analyzer.tokens(in: text)
    guard let first = tokens.first else { return nil }
    var perSlot = 1
    while (0..<patterns.count).reduce(1, { product, _ in product * (perSlot + 1) }) <= Self.phraseExpansionLimit {
      perSlot += 1
    }
    var slots: [[[UInt8]]] = []
    for token in tokens {
      if token.term.hasPrefix("qqwildcard"), let slot = Int(token.term.dropFirst(10).dropLast(2)), slot < patterns.count {
        let folded = Self.foldPattern(patterns[slot], settings: reader.analyzer.settings)
        let expansion = TermExpansion.wildcard(folded, field: field, reader: reader, limit: perSlot)
        log?.record(patterns[slot], expansion)
        slots.append(expansion.matches.map(\.term))
      } else {
        slots.append([Array(token.term.utf8)])
      }
    }
    let offsets = tokens.map { $0.position - first.position }
    var phrases: [[[UInt8]]] = [[]]
    for slot in slots {
      phrases = phrases.flatMap { prefix in slot.map { prefix + [$0] } }
    }
    let weights = phrases.prefix(Self.phraseExpansionLimit).map { terms in
      Weight(terms: terms, offsets: offsets, field: field, reader: reader, bm25: bm25, mu: mu, boost: boost, slop: slop)
    }
    guard !weights.isEmpty else { return nil }
    self = weights.count == 1 ? weights[0] : .boolean(must: [], should: weights, mustNot: [])
  }

  /// At most this many phrases stand for a phrase with wildcards.
  static let phraseExpansionLimit = 64

  /// A ranked OR of single terms, each with its own boost; nil for none.
  private init?(
    orOf terms: [([UInt8], Double)], field: Field?, reader: IndexReader, bm25: BM25, mu: Double?, boost: Double
  ) {
    let weights = terms.map { term, factor in
      Weight(terms: [term], offsets: [0], field: field, reader: reader, bm25: bm25, mu: mu, boost: boost * factor)
    }
    guard !weights.isEmpty else { return nil }
    self = weights.count == 1 ? weights[0] : .boolean(must: [], should: weights, mustNot: [])
  }

  /// The pattern with each run of literal characters folded as the analyzer folds a word
  /// (case, accents; no stemming), wildcards kept.
  static func foldPattern(_ pattern: String, settings: AnalyzerSettings) -> [UInt8] {
    var result: [UInt8] = []
    var literal = ""
    func flush() {
      guard !literal.isEmpty else { return }
      result += Array(Analyzer.foldedWords([literal], settings: settings).joined().utf8)
      literal = ""
    }
    for character in pattern {
      if character == "*" || character == "?" {
        flush()
        result.append(character == "*" ? UInt8(ascii: "*") : UInt8(ascii: "?"))
      } else {
        literal.append(character)
      }
    }
    flush()
    return result
  }
}
