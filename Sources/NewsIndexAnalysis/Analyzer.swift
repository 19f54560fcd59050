package import NewsIndexCore

/// A token as the analyzer hands it out: valid only during the callback that receives it.
///
/// `term` points into the analyzer's scratch buffer (normalized bytes); `byteRange` locates the
/// token's original text in the analyzed input, for highlighting.
package struct Token {
  /// Normalized UTF-8 bytes of the term.
  package var term: UnsafeRawBufferPointer
  /// Token position within the field, counted from 0; phrase queries compare these.
  package var position: Int
  /// Where the token's source text lies in the analyzed buffer.
  package var byteRange: Range<Int>
}

/// The one text-to-terms pipeline, shared by indexing and querying.
///
/// Words are maximal runs of letters, digits and combining marks of any script, case-folded and
/// accent-folded per ``AnalyzerSettings``. Inside a word:
/// - an apostrophe (`'`, `’`, `ʼ`) between letters is removed (`O'Neill` → `oneill`, `don't` → `dont`),
///   except that a final possessive `'s` ends the word (`Korea's` → `korea`);
/// - `.` between digits is kept (`298.9`) and `,` between digits is dropped (`2,500` → `2500`);
/// - a hyphen always separates words (`free-trade` → `free`, `trade` at adjacent positions), so
///   the phrase `"free trade"` finds `free-trade` and the other way round.
/// Han, Hiragana, Katakana and Hangul runs become overlapping bigrams; a run of one character
/// stays a unigram.
package struct Analyzer: Sendable {
  package let settings: AnalyzerSettings

  package init(settings: AnalyzerSettings = .standard) {
    self.settings = settings
  }

  /// Calls `body` once per token of `text`, in order.
  ///
  /// - Parameters:
  ///   - text: UTF-8 bytes; invalid sequences are treated as separators.
  ///   - firstPosition: the position given to the first token (fields analyzed in parts continue).
  /// - Returns: the position after the last token (the token count when `firstPosition` is 0).
  @discardableResult
  package func forEachToken(
    in text: UnsafeRawBufferPointer, firstPosition: Int = 0, _ body: (borrowing Token) throws -> Void
  ) rethrows -> Int {
    try withUnsafeTemporaryAllocation(byteCount: Tokenizer.scratchCapacity, alignment: 8) { scratch in
      var tokenizer = Tokenizer(settings: settings, text: text, scratch: scratch)
      return try tokenizer.run(firstPosition: firstPosition, body)
    }
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
}
