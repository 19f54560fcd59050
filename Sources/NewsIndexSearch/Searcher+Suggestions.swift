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
  static let surfaceSampleDocuments = 48
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
      // A word whose term the index holds but that no story writes as typed (`permiting`, the
      // stem of `permitting`) is questioned too, against the term's own spellings.
      var unwritten = false
      if docFreq > Self.rareDocFreq && !noHits {
        guard !isWritten(word, term: bytes) else { continue }
        unwritten = true
      }
      if let suggestion = suggestion(for: word, term: bytes, docFreq: unwritten ? 0 : docFreq, sameTerm: unwritten) {
        result.append(suggestion)
      }
    }
    return result
  }

  /// The best replacement for `word` (whose term is `term`, held by `docFreq` documents).
  ///
  /// First the written words one edit from the word typed (Norvig's candidates: deletions,
  /// transpositions, substitutions and insertions of a-z and the word's own letters) whose term
  /// the index holds, the most frequent term winning: such a candidate is already a word as
  /// readers write it. Failing that, the dictionary terms within two edits of the word's term
  /// (``TermExpansion/fuzzy(_:maxEdits:field:reader:limit:)``), written in their most common
  /// form closest to the word. A stop word (never indexed) is suggested only when nothing else
  /// is one edit away.
  func suggestion(for word: String, term: [UInt8], docFreq: Int, sameTerm: Bool = false) -> Suggestion? {
    let typedText = Analyzer.foldedWords([word], settings: reader.analyzer.settings).joined()
    let typed = Array(typedText.unicodeScalars)
    let ratio = noHitsRatio(docFreq)
    if typed.count >= 2, let edit = singleEditSuggestion(
      typedText, term: term, docFreq: docFreq, ratio: ratio, sameTerm: sameTerm)
    {
      return Suggestion(word: word, replacement: edit.form, docFreq: edit.docFreq)
    }
    let maxEdits = term.count <= 4 ? 1 : 2
    let expansion = TermExpansion.fuzzy(term, maxEdits: maxEdits, field: nil, reader: reader, limit: 1_000)
    // A word in the dictionary is replaced only by a far more frequent one.
    let candidates = expansion.matches.filter { $0.term != term && $0.docFreq > docFreq * ratio }
      .sorted { ($0.distance, -$0.docFreq) < ($1.distance, -$1.docFreq) }
      .prefix(Self.suggestionCandidates)
    var best: (distance: Int, docFreq: Int, form: String)?
    for candidate in candidates {
      guard let form = surfaceForms(of: candidate.term).min(by: { a, b in
        let da = EditDistanceTable.distance(Array(a.key.unicodeScalars.map(\.value)), typed.map(\.value))
        let db = EditDistanceTable.distance(Array(b.key.unicodeScalars.map(\.value)), typed.map(\.value))
        return (da, -a.value, a.key) < (db, -b.value, b.key)
      })?.key else { continue }
      let distance = EditDistanceTable.distance(Array(form.unicodeScalars.map(\.value)), typed.map(\.value))
      if best == nil || (distance, -candidate.docFreq) < (best!.distance, -best!.docFreq) {
        best = (distance, candidate.docFreq, form)
      }
    }
    return best.map { Suggestion(word: word, replacement: $0.form, docFreq: $0.docFreq) }
  }

  /// The most frequent term among the words one edit from `typed`, and how it is written.
  private func singleEditSuggestion(
    _ typed: String, term: [UInt8], docFreq: Int, ratio: Int, sameTerm: Bool
  ) -> (form: String, docFreq: Int)? {
    var unstopped = reader.analyzer.settings
    unstopped.stopWords = []
    unstopped.stemmer = "none"
    let plain = Analyzer(settings: unstopped)
    var formsByTerm: [[UInt8]: [(form: String, likelihood: Double)]] = [:]
    var stopWords: [String] = []
    for (candidate, likelihood) in Self.singleEdits(of: typed) {
      let terms = reader.analyzer.terms(in: candidate)
      if terms.isEmpty {
        if plain.terms(in: candidate) == [candidate] { stopWords.append(candidate) }
        continue
      }
      guard terms.count == 1 else { continue }
      let candidateTerm = Array(terms[0].utf8)
      guard sameTerm || candidateTerm != term else { continue }
      formsByTerm[candidateTerm, default: []].append((candidate, likelihood))
    }
    // Noisy channel: P(typed | candidate) · P(candidate), the latter by document frequency.
    var ranked: [(term: [UInt8], docFreq: Int, score: Double)] = []
    for (candidateTerm, forms) in formsByTerm {
      let frequency = TermStates(reader: reader, wordStreamOf: candidateTerm).docFreq
      guard frequency > docFreq * ratio, frequency > 0 else { continue }
      let likelihood = forms.map(\.likelihood).max() ?? 0
      ranked.append((candidateTerm, frequency, likelihood * Double(frequency)))
    }
    ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.term.lexicographicallyPrecedes($1.term) }
    // The best term one of whose candidate spellings is written in its documents (an edit may
    // give a string that only stems like a word: `edtes`); of its spellings, the likeliest, then
    // the one written most often.
    for candidate in ranked.prefix(Self.suggestionCandidates) {
      let forms = formsByTerm[candidate.term] ?? []
      let written = surfaceForms(of: candidate.term)
      let seen = forms.filter { written[$0.form] != nil }
      if let best = seen.max(by: { a, b in
        (a.likelihood, written[a.form] ?? 0, b.form) < (b.likelihood, written[b.form] ?? 0, a.form)
      }) {
        return (best.form, candidate.docFreq)
      }
    }
    // No spelling seen in the documents read: the best term, as the edit wrote it.
    if sameTerm { return nil }
    if let top = ranked.first, let form = formsByTerm[top.term]?.max(by: { $0.likelihood < $1.likelihood })?.form {
      return (form, top.docFreq)
    }
    return docFreq == 0 ? stopWords.first.map { ($0, 0) } : nil
  }

  /// The strings one edit (deletion, transposition, substitution, insertion) from `word`, over
  /// the letters a-z and the word's own, each with the likelihood of typing `word` for it when
  /// every kind of slip is equally likely and a stray or wrong letter is any of the 26
  /// (Kernighan, Church and Gale's noisy channel with uniform edits): a dropped letter or two
  /// swapped ones is 1, an added or wrong letter 1/26.
  static func singleEdits(of word: String) -> [(String, Double)] {
    let scalars = Array(word.unicodeScalars)
    var alphabet = Array("abcdefghijklmnopqrstuvwxyz".unicodeScalars)
    for scalar in scalars where !alphabet.contains(scalar) { alphabet.append(scalar) }
    func string(_ s: [Unicode.Scalar]) -> String { String(String.UnicodeScalarView(s)) }
    let letterSlip = 1.0 / 26
    var edits: [(String, Double)] = []
    for i in scalars.indices {
      var deleted = scalars
      deleted.remove(at: i)
      edits.append((string(deleted), letterSlip))  // the typist added a letter
      if i + 1 < scalars.count && scalars[i] != scalars[i + 1] {
        var swapped = scalars
        swapped.swapAt(i, i + 1)
        edits.append((string(swapped), 1))
      }
      for letter in alphabet where letter != scalars[i] {
        var changed = scalars
        changed[i] = letter
        edits.append((string(changed), letterSlip))
      }
    }
    for i in 0...scalars.count {
      for letter in alphabet {
        var inserted = scalars
        inserted.insert(letter, at: i)
        edits.append((string(inserted), 1))  // the typist dropped a letter
      }
    }
    return edits
  }

  /// How many times more documents a replacement needs than a word that is in the index.
  private func noHitsRatio(_ docFreq: Int) -> Int { docFreq == 0 ? 0 : 20 }

  /// How `term` is written in documents that hold it (folded as the analyzer folds, not
  /// stemmed), with how often: up to ``surfaceSampleDocuments`` documents are read.
  func surfaceForms(of term: [UInt8]) -> [String: Int] {
    var counts: [String: Int] = [:]
    forEachWrittenForm(of: term, skippingDeleted: true) { written in
      counts[written, default: 0] += 1
      return true
    }
    return counts
  }

  /// Whether some story that holds `term` writes it as `word` (folded): the term's documents are
  /// read until one does, at most ``surfaceSampleDocuments`` of them (a word spelled right is
  /// usually found in the first).
  func isWritten(_ word: String, term: [UInt8]) -> Bool {
    guard let typed = Analyzer.foldedWords([word], settings: reader.analyzer.settings).first else { return true }
    var found = false
    let read = forEachWrittenForm(of: term, skippingDeleted: false) { written in
      found = written == typed
      return !found
    }
    return found || read == 0
  }

  /// Calls `body` with each place a document that holds `term` writes it, as the word there
  /// folds without stemming, until `body` returns false; reads at most ``surfaceSampleDocuments``
  /// documents (their titles, then bodies) and returns how many it read.
  @discardableResult
  private func forEachWrittenForm(
    of term: [UInt8], skippingDeleted: Bool, _ body: (String) -> Bool
  ) -> Int {
    var plain = reader.analyzer.settings
    plain.stemmer = "none"
    plain.stopWords = []
    var read = 0
    for segment in reader.segments where read < Self.surfaceSampleDocuments {
      guard let info = term.withUnsafeBytes({ segment.wordInfo(term: $0) }) else { continue }
      let cursor = segment.postings(info)
      while cursor.docID != PostingsCursor.end && read < Self.surfaceSampleDocuments {
        if !(skippingDeleted && segment.isDeleted(cursor.docID)), let document = try? segment.storedDocument(cursor.docID) {
          read += 1
          for text in [document.title, document.body] {
            let utf8 = Array(text.utf8)
            for token in reader.analyzer.tokens(in: text) where Array(token.term.utf8) == term {
              let written = String(decoding: utf8[token.byteRange], as: UTF8.self)
              if let folded = Analyzer.foldedWords([written], settings: plain).first, !body(folded) { return read }
            }
          }
        }
        cursor.next()
      }
    }
    return read
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
