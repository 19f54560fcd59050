extension Analyzer {
  /// Index-time analysis: the tokens of ``forEachToken(in:firstPosition:cache:_:)`` and, from
  /// analyzer version 3 on, for every word made of parts joined by hyphens (`Jae-ho`,
  /// `Lee Jae-myung`, `co-operate`), one more token: the parts written together (`jaeho`,
  /// `jaemyung`, `cooperate`), analyzed like any word, at the first part's position and marked
  /// ``Token/isJoined`` — what Lucene's WordDelimiterGraphFilter does with `catenateWords`.
  ///
  /// So `jae-ho` and `"jae ho"` (the parts, as queries are analyzed) and `jaeho` (the joined word)
  /// all find `Hwang Jae-ho`, and `"hwang jaeho"` does too. A joined token takes no position:
  /// field lengths, phrase positions and every other term's statistics stay as they were. It is
  /// handed out right after the word's last part, so each term's positions keep increasing.
  ///
  /// - Returns: the position after the last token, as ``forEachToken(in:firstPosition:_:)``.
  @discardableResult
  package func forEachIndexToken(
    in text: UnsafeRawBufferPointer, firstPosition: Int = 0, cache: StemCache?,
    _ body: (borrowing Token) throws -> Void
  ) rethrows -> Int {
    guard settings.version >= 3 else {
      return try forEachToken(in: text, firstPosition: firstPosition, cache: cache, body)
    }
    var run = HyphenRun()
    let end = try forEachToken(in: text, firstPosition: firstPosition, cache: cache) { token in
      let range = token.byteRange
      if token.isWord, run.partCount > 0, range.lowerBound == run.byteRange.upperBound + 1,
        text[run.byteRange.upperBound] == UInt8(ascii: "-")
      {
        run.byteRange = run.byteRange.lowerBound..<range.upperBound
        run.partCount += 1
        return try body(token)
      }
      let next = HyphenRun(
        byteRange: range, position: token.position, partCount: token.isWord ? 1 : 0)
      if run.partCount < 2 {
        try body(token)
      } else {
        // The joined token goes first, so a term's positions in a document keep increasing
        // (`Jae-ho jaeho`); this token's bytes are copied first, as analyzing the joined word may
        // reuse the buffers they lie in.
        try withUnsafeTemporaryAllocation(byteCount: max(token.term.count, 1), alignment: 1) {
          copy in
          copy.copyMemory(from: token.term)
          let term = UnsafeRawBufferPointer(rebasing: copy[0..<token.term.count])
          let saved = Token(
            term: term, position: token.position, byteRange: range, isWord: token.isWord)
          try emitJoined(run, in: text, cache: cache, body)
          try body(saved)
        }
      }
      run = next
    }
    try emitJoined(run, in: text, cache: cache, body)
    return end
  }

  /// The bytes of a run of hyphen-joined parts, its first part's position and how many parts.
  private struct HyphenRun {
    var byteRange = 0..<0
    var position = 0
    var partCount = 0

    /// Whether one of the run's parts analyzes to `term` (the parts re-analyzed: hyphen runs are
    /// rare, so no part terms are kept along the way).
    func hasPart(_ term: UnsafeRawBufferPointer, in text: UnsafeRawBufferPointer, analyzer: Analyzer) -> Bool {
      var found = false
      analyzer.forEachToken(in: UnsafeRawBufferPointer(rebasing: text[byteRange]), cache: nil) { part in
        if !found && part.term.elementsEqual(term) { found = true }
      }
      return found
    }
  }

  /// Hands out the joined token of `run` when it has two parts or more and joins into one word.
  @inline(never)
  private func emitJoined(
    _ run: HyphenRun, in text: UnsafeRawBufferPointer, cache: StemCache?,
    _ body: (borrowing Token) throws -> Void
  ) rethrows {
    guard run.partCount >= 2, run.byteRange.count <= 256 else { return }
    try withUnsafeTemporaryAllocation(byteCount: run.byteRange.count, alignment: 1) { joined in
      var count = 0
      for index in run.byteRange where text[index] != UInt8(ascii: "-") {
        joined[count] = text[index]
        count += 1
      }
      let word = UnsafeRawBufferPointer(rebasing: joined[0..<count])
      var tokens = 0
      forEachToken(in: word, cache: cache) { _ in tokens += 1 }
      guard tokens == 1 else { return }
      try forEachToken(in: word, firstPosition: run.position, cache: cache) { token in
        // A joined word that stems to one of its own parts (`Exp-E` → `expe` → `exp`) adds
        // nothing, and at the first part's position it would repeat or reorder that term's
        // positions: leave it out.
        guard !run.hasPart(token.term, in: text, analyzer: self) else { return }
        try body(
          Token(term: token.term, position: run.position, byteRange: run.byteRange, isJoined: true))
      }
    }
  }
}
