import NewsIndexCore
import NewsIndexFormat
import NewsIndexAnalysis

/// A spelling suggestion for one word of a query.
package struct Suggestion: Sendable, Equatable {
  /// The word as the user wrote it.
  package var word: String
  /// What to write instead, as readers write it (`companies`, not the stem `compani`).
  package var replacement: String
  /// Documents holding the replacement's term.
  package var docFreq: Int
}

extension Searcher {
  /// Candidates per word whose surface forms are compared (the closest stems by edits, then by
  /// document frequency).
  static let suggestionCandidates = 8
  /// Documents read per candidate to learn how its term is written.
  static let surfaceSampleDocuments = 4
  /// Words in at most this many documents may get a suggestion even when the query has hits.
  static let rareDocFreq = 2

  /// Suggestions for the plain words of `query` that are not in the dictionary, or for all of
  /// them when `noHits` (a query without hits whose words all exist gets suggestions only for
  /// words some other term is much more frequent than): for each, the dictionary term closest
  /// to it (fewest edits — one for words of up to four letters, two for longer ones — then the
  /// most documents), written in the form readers use most that is closest to the word typed.
  package func suggestions(for query: Query, noHits: Bool) -> [Suggestion] {
    var result: [Suggestion] = []
    var seen: Set<String> = []
    for word in Self.plainWords(query) where seen.insert(word).inserted {
      let terms = reader.analyzer.terms(in: word)
      guard terms.count == 1, let term = terms.first, !term.unicodeScalars.contains(where: { $0.properties.isIdeographic })
      else { continue }
      let bytes = Array(term.utf8)
      let docFreq = TermStates(reader: reader, wordStreamOf: bytes).docFreq
      // A word the index holds is questioned only when the query found nothing or the word is
      // very rare (a typo in a few stories: `goverment`).
      if docFreq > Self.rareDocFreq && !noHits { continue }
      if let suggestion = suggestion(for: word, term: bytes, docFreq: docFreq) { result.append(suggestion) }
    }
    return result
  }

  /// The best replacement for `word` (whose term is `term`, held by `docFreq` documents).
  func suggestion(for word: String, term: [UInt8], docFreq: Int) -> Suggestion? {
    let typed = Array(Analyzer.foldedWords([word], settings: reader.analyzer.settings).joined().unicodeScalars)
    let maxEdits = term.count <= 4 ? 1 : 2
    let expansion = TermExpansion.fuzzy(term, maxEdits: maxEdits, field: nil, reader: reader, limit: 1_000)
    // A word in the dictionary is replaced only by a far more frequent one.
    let candidates = expansion.matches.filter { $0.term != term && $0.docFreq > docFreq * (noHitsRatio(docFreq)) }
      .sorted { ($0.distance, -$0.docFreq) < ($1.distance, -$1.docFreq) }
      .prefix(Self.suggestionCandidates)
    var best: (distance: Int, docFreq: Int, form: String)?
    for candidate in candidates {
      guard let form = surfaceForm(of: candidate.term, closestTo: typed) else { continue }
      let distance = EditDistanceTable.distance(Array(form.unicodeScalars.map(\.value)), typed.map(\.value))
      if best == nil || (distance, -candidate.docFreq) < (best!.distance, -best!.docFreq) {
        best = (distance, candidate.docFreq, form)
      }
    }
    return best.map { Suggestion(word: word, replacement: $0.form, docFreq: $0.docFreq) }
  }

  /// How many times more documents a replacement needs than a word that is in the index.
  private func noHitsRatio(_ docFreq: Int) -> Int { docFreq == 0 ? 0 : 50 }

  /// How `term` is written in a few documents that hold it (folded as the analyzer folds, not
  /// stemmed): the written form closest to `typed`, then the commonest.
  func surfaceForm(of term: [UInt8], closestTo typed: [Unicode.Scalar]) -> String? {
    var counts: [String: Int] = [:]
    var plain = reader.analyzer.settings
    plain.stemmer = "none"
    plain.stopWords = []
    for segment in reader.segments {
      guard let info = term.withUnsafeBytes({ segment.wordInfo(term: $0) }) else { continue }
      let cursor = segment.postings(info)
      var read = 0
      while cursor.docID != PostingsCursor.end && read < Self.surfaceSampleDocuments {
        if let document = try? segment.storedDocument(cursor.docID) {
          for text in [document.title, document.body] {
            let utf8 = Array(text.utf8)
            for token in reader.analyzer.tokens(in: text) where Array(token.term.utf8) == term {
              let written = String(decoding: utf8[token.byteRange], as: UTF8.self)
              if let folded = Analyzer.foldedWords([written], settings: plain).first { counts[folded, default: 0] += 1 }
            }
          }
        }
        read += 1
        cursor.next()
      }
      if counts.count > 0 && read >= Self.surfaceSampleDocuments { break }
    }
    let target = typed.map(\.value)
    return counts.min { a, b in
      let da = EditDistanceTable.distance(Array(a.key.unicodeScalars.map(\.value)), target)
      let db = EditDistanceTable.distance(Array(b.key.unicodeScalars.map(\.value)), target)
      return (da, -a.value, a.key) < (db, -b.value, b.key)
    }?.key
  }

  /// `text` with each suggested word replaced (the first time it stands as a whole word).
  package static func correctedQuery(_ text: String, _ suggestions: [Suggestion]) -> String {
    var corrected = text
    for suggestion in suggestions {
      var search = corrected.startIndex
      while let range = corrected.range(of: suggestion.word, range: search..<corrected.endIndex) {
        let before = range.lowerBound == corrected.startIndex || !corrected[corrected.index(before: range.lowerBound)].isLetter
        let after = range.upperBound == corrected.endIndex || !corrected[range.upperBound].isLetter
        if before && after {
          corrected.replaceSubrange(range, with: suggestion.replacement)
          break
        }
        search = range.upperBound
      }
    }
    return corrected
  }

  /// The stop words of a query none of whose words is searchable (all stop words); nil when
  /// some word has a term, or when the words have no terms for another reason (punctuation).
  package func stopWordsOnly(_ query: Query) -> [String]? {
    let words = Self.plainWords(query, positiveOnly: false)
    guard !words.isEmpty, words.allSatisfy({ reader.analyzer.terms(in: $0).isEmpty }) else { return nil }
    var plain = reader.analyzer.settings
    plain.stopWords = []
    let unstopped = Analyzer(settings: plain)
    let stopped = words.filter { !unstopped.terms(in: $0).isEmpty }
    return stopped.isEmpty ? nil : stopped
  }

  /// The words of the query's plain terms and phrases, in order.
  static func plainWords(_ query: Query, positiveOnly: Bool = true) -> [String] {
    switch query {
    case .term(_, let text):
      if case .plain = Query.termSyntax(text) { return [text] }
      return []
    case .phrase(_, let text):
      return Query.phraseParts(text).words.split(whereSeparator: \.isWhitespace).map(String.init)
        .filter { !Query.isWildcard($0) }
    case .boosted(let inner, _):
      return plainWords(inner, positiveOnly: positiveOnly)
    case .boolean(let clauses):
      return clauses.filter { !positiveOnly || $0.occur != .mustNot }.flatMap { plainWords($0.query, positiveOnly: positiveOnly) }
    }
  }
}

extension EditDistanceTable {
  /// The optimal string alignment distance between two scalar sequences.
  static func distance(_ a: [UInt32], _ b: [UInt32]) -> Int {
    var table = EditDistanceTable(query: b)
    return table.distance(to: a, maxEdits: .max).0
  }
}
