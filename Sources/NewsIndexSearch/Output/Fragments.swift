package import NewsIndexCore

extension Highlighter {
  /// Up to `count` passages of `body` that show the query, in the body's order.
  ///
  /// Passages are whole sentences (a sentence ends at `.`, `!` or `?` followed by a space and
  /// not after an abbreviation such as `U.S.` or `Dec.`, or at a paragraph break); one longer
  /// than `maxBytes` is cut at word boundaries around its first match, with `…`. Sentences are
  /// chosen greedily, each adding the most query units not yet shown (then the most matches), so
  /// two fragments show two different words before showing one twice. With no match the lead
  /// sentence is returned, without highlights.
  package func fragments(of body: String, count: Int, maxBytes: Int = 240) -> [Snippet] {
    guard count > 0 else { return [] }
    let utf8 = Array(body.utf8)
    let sentences = Self.sentences(utf8)
    guard !sentences.isEmpty else { return [] }
    let matches = matchesWithUnits(in: body, field: .body)
    // Matches per sentence.
    var perSentence = [[(range: Range<Int>, unit: Int)]](repeating: [], count: sentences.count)
    var s = 0
    for match in matches {
      while s < sentences.count && sentences[s].upperBound <= match.range.lowerBound { s += 1 }
      guard s < sentences.count else { break }
      perSentence[s].append(match)
    }
    var chosen: [Int] = []
    var shown = Set<Int>()
    while chosen.count < count {
      var best: (index: Int, fresh: Int, total: Int)?
      for i in sentences.indices where !chosen.contains(i) && !perSentence[i].isEmpty {
        let fresh = Set(perSentence[i].map(\.unit)).subtracting(shown).count
        let total = perSentence[i].count
        if best == nil || fresh > best!.fresh || (fresh == best!.fresh && total > best!.total) {
          best = (i, fresh, total)
        }
      }
      guard let pick = best else { break }
      chosen.append(pick.index)
      shown.formUnion(perSentence[pick.index].map(\.unit))
    }
    if chosen.isEmpty { chosen = [0] }
    return chosen.sorted().map { i in
      Self.passage(utf8, sentence: sentences[i], matches: perSentence[i].map(\.range), maxBytes: maxBytes)
    }
  }

  /// One passage: the sentence (cut around its first match when long), whitespace collapsed,
  /// highlights moved to the passage's bytes.
  static func passage(_ utf8: [UInt8], sentence: Range<Int>, matches: [Range<Int>], maxBytes: Int) -> Snippet {
    var from = sentence.lowerBound
    var to = sentence.upperBound
    if to - from > maxBytes {
      let anchor = matches.first?.lowerBound ?? from
      from = max(from, anchor - maxBytes / 3)
      to = min(to, from + maxBytes)
      if let last = matches.first, last.upperBound > to { to = min(sentence.upperBound, last.upperBound) }
      // Cut at word boundaries, never inside a UTF-8 sequence.
      while from > sentence.lowerBound && utf8[from - 1] != 0x20 && utf8[from - 1] != 0x0A { from -= 1 }
      while to < sentence.upperBound && utf8[to] != 0x20 && utf8[to] != 0x0A { to += 1 }
    }
    var out: [UInt8] = []
    var highlights: [Range<Int>] = []
    if from > sentence.lowerBound { out += Array("… ".utf8) }
    var m = matches.startIndex
    while m < matches.endIndex && matches[m].upperBound <= from { m += 1 }
    var markStart: Int?
    var lastWasSpace = false
    for i in from..<to {
      if m < matches.endIndex && i == max(matches[m].lowerBound, from) { markStart = out.count }
      let byte = utf8[i]
      if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
        if !lastWasSpace && !out.isEmpty { out.append(0x20) }
        lastWasSpace = true
      } else {
        out.append(byte)
        lastWasSpace = false
      }
      if m < matches.endIndex && i + 1 == min(matches[m].upperBound, to) {
        if let start = markStart { highlights.append(start..<out.count) }
        markStart = nil
        m += 1
      }
    }
    while out.last == 0x20 { out.removeLast() }
    if to < sentence.upperBound { out += Array(" …".utf8) }
    return Snippet(text: String(decoding: out, as: UTF8.self), highlights: highlights.map { $0.clamped(to: 0..<out.count) })
  }

  /// Byte ranges of the sentences of `utf8`, blank text dropped.
  static func sentences(_ utf8: [UInt8]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start = 0
    func close(_ end: Int) {
      var a = start
      var b = end
      while a < b && isSpace(utf8[a]) { a += 1 }
      while b > a && isSpace(utf8[b - 1]) { b -= 1 }
      if a < b { result.append(a..<b) }
      start = end
    }
    var i = 0
    while i < utf8.count {
      let byte = utf8[i]
      if byte == 0x0A, i + 1 < utf8.count, utf8[i + 1] == 0x0A || utf8[i + 1] == 0x0D {
        close(i)
      } else if byte == UInt8(ascii: "."), i + 1 < utf8.count, isSpace(utf8[i + 1]), !isAbbreviation(utf8, before: i) {
        close(i + 1)
      } else if byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?"), i + 1 < utf8.count, isSpace(utf8[i + 1]) {
        close(i + 1)
      }
      i += 1
    }
    close(utf8.count)
    return result
  }

  /// Abbreviations that a full stop does not end a sentence after: one letter (`U.S.`, `J.`),
  /// titles and months.
  static let abbreviations: Set<String> = [
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "gov", "sen", "rep", "inc", "corp", "co", "ltd", "no",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "u.s", "u.k",
  ]

  static func isAbbreviation(_ utf8: [UInt8], before dot: Int) -> Bool {
    var a = dot
    while a > 0 && !isSpace(utf8[a - 1]) && utf8[a - 1] != UInt8(ascii: "(") && utf8[a - 1] != UInt8(ascii: "\"") { a -= 1 }
    let word = String(decoding: utf8[a..<dot], as: UTF8.self).lowercased()
    if word.count == 1 { return word.first!.isLetter }
    if word.contains(".") && word.count <= 4 { return true }
    return abbreviations.contains(word)
  }

  @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }
}

extension Snippet {
  /// The highlights as UTF-16 offsets into ``text`` (JavaScript's and Foundation's string
  /// indices), in the order of ``highlights``.
  package var utf16Highlights: [Range<Int>] {
    let utf8 = Array(text.utf8)
    // UTF-16 units before each byte offset: one per 1-3 byte sequence, two per 4-byte one.
    var units = [Int](repeating: 0, count: utf8.count + 1)
    var count = 0
    for (i, byte) in utf8.enumerated() {
      units[i] = count
      if byte & 0xC0 != 0x80 { count += byte >= 0xF0 ? 2 : 1 }
    }
    units[utf8.count] = count
    return highlights.map { units[$0.lowerBound]..<units[$0.upperBound] }
  }
}

extension Snippet {
  /// Passages joined with ` … ` into one snippet, highlights moved along.
  package static func joined(_ passages: [Snippet]) -> Snippet {
    var text = ""
    var highlights: [Range<Int>] = []
    for var passage in passages {
      if !text.isEmpty {
        // One ellipsis between passages, whether or not they were cut.
        if text.hasSuffix(" …") { text.removeLast(2) }
        if passage.text.hasPrefix("… ") {
          let cut = "… ".utf8.count
          passage = Snippet(
            text: String(passage.text.dropFirst(2)),
            highlights: passage.highlights.map { ($0.lowerBound - cut)..<($0.upperBound - cut) })
        }
        text += " … "
      }
      let base = text.utf8.count
      highlights += passage.highlights.map { ($0.lowerBound + base)..<($0.upperBound + base) }
      text += passage.text
    }
    return Snippet(text: text, highlights: highlights)
  }
}
