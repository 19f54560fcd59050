package import NewsIndexAnalysis

/// A short passage of a document with the byte ranges of matched terms, for display.
package struct Snippet: Sendable, Equatable {
  package var text: String
  /// Byte ranges into `text`'s UTF-8 that match query terms, ascending and disjoint.
  package var highlights: [Range<Int>]

  package init(text: String, highlights: [Range<Int>]) {
    self.text = text
    self.highlights = highlights
  }

  /// Renders the snippet, wrapping each highlight in `open` and `close` (e.g. ANSI codes).
  package func rendered(open: String, close: String) -> String {
    guard !highlights.isEmpty else { return text }
    let utf8 = Array(text.utf8)
    var out = ""
    var last = 0
    for range in highlights {
      out += String(decoding: utf8[last..<range.lowerBound], as: UTF8.self)
      out += open + String(decoding: utf8[range], as: UTF8.self) + close
      last = range.upperBound
    }
    return out + String(decoding: utf8[last...], as: UTF8.self)
  }
}

/// Picks the window of a body that holds the most distinct query terms.
package struct SnippetMaker: Sendable {
  package var analyzer: Analyzer
  /// Tokens per snippet window.
  package var windowTokens: Int

  package init(analyzer: Analyzer, windowTokens: Int = 32) {
    self.analyzer = analyzer
    self.windowTokens = windowTokens
  }

  /// A snippet of `body` for `terms`; the document's first words when no term occurs in it.
  package func snippet(of body: String, terms: Set<[UInt8]>) -> Snippet {
    var ranges: [Range<Int>] = []
    var matchIDs: [Int] = []  // per token: index into `distinct` or -1
    var distinct: [[UInt8]: Int] = [:]
    var text = body
    _ = text.withUTF8 { utf8 in
      // Index tokens, so a joined word (`jaeho`) highlights its hyphenated source (`Jae-ho`).
      analyzer.forEachIndexToken(in: UnsafeRawBufferPointer(utf8), cache: nil) { token in
        ranges.append(token.byteRange)
        let term = Array(token.term)
        if terms.contains(term) {
          if distinct[term] == nil { distinct[term] = distinct.count }
          matchIDs.append(distinct[term]!)
        } else {
          matchIDs.append(-1)
        }
      }
    }
    guard !ranges.isEmpty else { return Snippet(text: "", highlights: []) }
    // Slide a window of `windowTokens` tokens; keep the first with the most distinct terms.
    var bestStart = 0
    var bestDistinct = -1
    var counts = [Int](repeating: 0, count: distinct.count)
    var inWindow = 0
    for end in 0..<ranges.count {
      if matchIDs[end] >= 0 {
        if counts[matchIDs[end]] == 0 { inWindow += 1 }
        counts[matchIDs[end]] += 1
      }
      let start = end - windowTokens + 1
      if start > 0, matchIDs[start - 1] >= 0 {
        counts[matchIDs[start - 1]] -= 1
        if counts[matchIDs[start - 1]] == 0 { inWindow -= 1 }
      }
      if inWindow > bestDistinct && (start >= 0 || end == ranges.count - 1 || inWindow > 0) {
        bestDistinct = inWindow
        bestStart = max(0, start)
      }
    }
    // Start a few tokens before the first match, so the passage reads as a sentence.
    if bestDistinct > 0, let first = (bestStart..<min(ranges.count, bestStart + windowTokens)).first(where: { matchIDs[$0] >= 0 }) {
      bestStart = max(0, min(bestStart, first - 4))
    }
    let lastToken = min(ranges.count, bestStart + windowTokens) - 1
    let utf8 = Array(body.utf8)
    let from = ranges[bestStart].lowerBound
    let to = ranges[lastToken].upperBound
    // Matched tokens as source ranges, sorted and merged (CJK bigrams overlap; a joined word
    // spans its parts and comes after them).
    var marks: [Range<Int>] = []
    let matched = (bestStart...lastToken).filter { matchIDs[$0] >= 0 }
      .map { max(ranges[$0].lowerBound, from)..<max(ranges[$0].upperBound, from) }
    for range in matched.sorted(by: { $0.lowerBound < $1.lowerBound }) {
      if let last = marks.last, range.lowerBound <= last.upperBound {
        marks[marks.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
      } else {
        marks.append(range)
      }
    }
    // Copy the passage with whitespace collapsed, mapping marks to output offsets.
    var out: [UInt8] = []
    var highlights: [Range<Int>] = []
    if bestStart > 0 { out += Array("… ".utf8) }
    var markIndex = 0
    var markStart = 0
    var lastWasSpace = false
    var lastVisible: UInt8?
    for i in from..<to {
      if markIndex < marks.count && i == marks[markIndex].lowerBound { markStart = out.count }
      let byte = utf8[i]
      if byte == 0x0A, let last = lastVisible, !Self.endsSentence(last) {
        // A paragraph that ends without punctuation (a section head such as `SOLID GROUND`)
        // is not run into the sentence after it.
        out += Array(" · ".utf8)
        lastVisible = nil
        lastWasSpace = true
      } else if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
        if !lastWasSpace { out.append(0x20) }
        lastWasSpace = true
      } else {
        out.append(byte)
        lastVisible = byte
        lastWasSpace = false
      }
      if markIndex < marks.count && i + 1 == marks[markIndex].upperBound {
        highlights.append(markStart..<out.count)
        markIndex += 1
      }
    }
    if to < utf8.count { out += Array(" …".utf8) }
    return Snippet(text: String(decoding: out, as: UTF8.self), highlights: highlights)
  }

  /// `.`, `!`, `?`, `:`, `;`, `,`, closing quotes and brackets, and any non-ASCII byte (CJK full
  /// stops, `”`): a paragraph ending so reads as ended.
  private static func endsSentence(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ";"),
      UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "-"):
      return true
    default:
      return byte >= 0x80
    }
  }
}
