package import NewsIndexCore

/// A token as the analyzer hands it out: valid only during the callback that receives it.
///
/// `term` points into the analyzer's scratch buffer or its stemmer's buffer (normalized bytes);
/// `byteRange` locates the token's original text in the analyzed input, for highlighting.
package struct Token {
  /// Normalized UTF-8 bytes of the term.
  package var term: UnsafeRawBufferPointer
  /// Token position within the field, counted from 0; phrase queries compare these. A dropped
  /// stop word leaves a gap: `department of defense` gives positions 0 and 2.
  package var position: Int
  /// Where the token's source text lies in the analyzed input.
  package var byteRange: Range<Int>
  /// A word (stemmed and checked against stop words), not a CJK bigram.
  var isWord: Bool = true
  /// The parts of a hyphenated word written together (`Jae-ho` → `jaeho`), added at index time
  /// beside the parts (``Analyzer/forEachIndexToken(in:firstPosition:cache:_:)``).
  package var isJoined: Bool = false
  /// The term's entry in the ``StemCache`` it was stemmed through (``StemCache/stemEntry(_:)``),
  /// -1 when it was not: lets an indexer find the term's id without hashing it again.
  package var stemEntry: Int = -1
}

/// The one text-to-terms pipeline, shared by indexing and querying.
///
/// Words are maximal runs of letters, digits and combining marks of any script, case-folded and
/// accent-folded per ``AnalyzerSettings``. Inside a word:
/// - an apostrophe (`'`, `’`, `ʼ`) between letters is removed (`O'Neill` → `oneill`, `don't` → `dont`),
///   except that a final possessive `'s` ends the word (`Korea's` → `korea`);
/// - `.` between digits is kept (`298.9`) and `,` between digits is dropped (`2,500` → `2500`);
/// - a hyphen always separates words (`free-trade` → `free`, `trade` at adjacent positions), so
///   the phrase `"free trade"` finds `free-trade` and the other way round; at index time the
///   parts are also indexed joined (`Jae-ho` → `jaeho`, ``forEachIndexToken(in:firstPosition:cache:_:)``),
///   so `jaeho` finds `Jae-ho` too.
/// Han, Hiragana, Katakana and Hangul runs become overlapping bigrams; a run of one character
/// stays a unigram.
///
/// Then, per word: a stop word (compared after folding, before stemming) is dropped and leaves a
/// position gap, as in Lucene, so a phrase keeps its shape (`"department of defense"` matches
/// `department for defense`, never `department defense`); a word without ASCII digits is
/// stemmed with the Snowball algorithm named in the settings. Words with digits (`2025`,
/// `298.9`, `1990s`, `b52`) are kept whole, and CJK bigrams are neither stemmed nor stopped.
/// Possessives and hyphenated parts are stemmed like any other word (`Korea's` → `korea`,
/// `cross-sections` → `cross`, `section`).
package struct Analyzer: Sendable {
  package let settings: AnalyzerSettings
  private let stopWords: StopWordSet
  private let stemmerLanguage: String?

  package init(settings: AnalyzerSettings = .standard) {
    self.settings = settings
    stopWords = StopWordSet(settings.stopWords)
    stemmerLanguage = settings.stemmer == "none" || settings.stemmer.isEmpty ? nil : settings.stemmer
  }

  /// Calls `body` once per token of `text`, in order.
  ///
  /// - Parameters:
  ///   - text: UTF-8 bytes; invalid sequences are treated as separators.
  ///   - firstPosition: the position given to the first token (fields analyzed in parts continue).
  /// - Returns: the position after the last token, stop words included (the token count, stop
  ///   words included, when `firstPosition` is 0).
  @discardableResult
  package func forEachToken(
    in text: UnsafeRawBufferPointer, firstPosition: Int = 0, _ body: (borrowing Token) throws -> Void
  ) rethrows -> Int {
    guard let stemmerLanguage else {
      return try analyze(text, firstPosition: firstPosition, stem: { ($0, -1) }, body)
    }
    let stemmer = UnsafeStemmer(language: stemmerLanguage)
    return try analyze(text, firstPosition: firstPosition, stem: { (stemmer.stem($0), -1) }, body)
  }

  /// A stem cache for this analyzer's language, or nil when it does not stem. Give one to each
  /// thread that analyzes many documents (``forEachToken(in:firstPosition:cache:_:)``).
  package func makeStemCache() -> StemCache? {
    stemmerLanguage.map { StemCache(language: $0) }
  }

  /// Like ``forEachToken(in:firstPosition:_:)``, stemming through `cache` (owned by the calling
  /// thread), so each distinct word is stemmed once; the terms are the same (one code path).
  @discardableResult
  package func forEachToken(
    in text: UnsafeRawBufferPointer, firstPosition: Int = 0, cache: StemCache?,
    _ body: (borrowing Token) throws -> Void
  ) rethrows -> Int {
    guard let cache, stemmerLanguage != nil else {
      return try forEachToken(in: text, firstPosition: firstPosition, body)
    }
    return try analyze(text, firstPosition: firstPosition, stem: { cache.stemEntry($0) }, body)
  }

  /// The one analysis path: tokenize, drop stop words (leaving position gaps), stem words
  /// without digits with `stem` (identity when the analyzer does not stem; it also gives the
  /// stem's cache entry, -1 without a cache).
  private func analyze(
    _ text: UnsafeRawBufferPointer, firstPosition: Int,
    stem: (UnsafeRawBufferPointer) -> (stem: UnsafeRawBufferPointer, entry: Int), _ body: (borrowing Token) throws -> Void
  ) rethrows -> Int {
    let stopWords = stopWords
    let stems = stemmerLanguage != nil
    // Version 4 folds the letters without decompositions too (ASCIIFolding).
    let foldsLetters = settings.version >= 4 && settings.foldAccents
    return try withUnsafeTemporaryAllocation(byteCount: Tokenizer.scratchCapacity, alignment: 8) { scratch in
      var tokenizer = Tokenizer(settings: settings, text: text, scratch: scratch)
      if !stems && stopWords.isEmpty && !foldsLetters { return try tokenizer.run(firstPosition: firstPosition, body) }
      return try withUnsafeTemporaryAllocation(byteCount: Tokenizer.scratchCapacity, alignment: 8) { folded in
        try tokenizer.run(firstPosition: firstPosition) { token in
          guard token.isWord else { return try body(token) }
          var term = token.term
          if foldsLetters, term.count <= folded.count, let ascii = ASCIIFolding.fold(term, into: folded) { term = ascii }
          if stopWords.contains(term) { return }
          if !stems || Self.hasASCIIDigit(term) {
            return try body(Token(term: term, position: token.position, byteRange: token.byteRange))
          }
          let (stemmed, entry) = stem(term)
          try body(Token(term: stemmed, position: token.position, byteRange: token.byteRange, stemEntry: entry))
        }
      }
    }
  }

  @inline(__always) private static func hasASCIIDigit(_ term: UnsafeRawBufferPointer) -> Bool {
    for byte in term where byte >= 0x30 && byte <= 0x39 { return true }
    return false
  }

  /// Convenience for the edges (queries, tests): the terms of `string` as Strings.
  package func terms(in string: String) -> [String] {
    var result: [String] = []
    var copy = string
    _ = copy.withUTF8 { utf8 in
      forEachToken(in: UnsafeRawBufferPointer(utf8)) { token in
        result.append(String(decoding: token.term, as: UTF8.self))
      }
    }
    return result
  }

  /// Convenience for queries and snippets: terms with positions and source byte ranges.
  package func tokens(in string: String) -> [(term: String, position: Int, byteRange: Range<Int>)] {
    var result: [(term: String, position: Int, byteRange: Range<Int>)] = []
    var copy = string
    _ = copy.withUTF8 { utf8 in
      forEachToken(in: UnsafeRawBufferPointer(utf8)) { token in
        result.append((String(decoding: token.term, as: UTF8.self), token.position, token.byteRange))
      }
    }
    return result
  }

  /// Folds each of `words` as the tokenizer folds a word (no stemming, no stop words), for
  /// stop-word lists read from files: `Don't` → `dont`. Lines that fold to several words (or none)
  /// contribute each of them.
  package static func foldedWords(_ words: [String], settings: AnalyzerSettings) -> [String] {
    var plain = settings
    plain.stemmer = "none"
    plain.stopWords = []
    let analyzer = Analyzer(settings: plain)
    return words.flatMap { analyzer.terms(in: $0) }
  }
}
