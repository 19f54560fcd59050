import Glibc

/// Removes from an HTML page, before libxml2 parses it, what the extractor never reads: the text
/// of `<script>` and `<style>` elements (JSON-LD scripts keep theirs) and every attribute but
/// ``keptAttributes``. libxml2 decodes these character by character: over the 91 benchmark
/// pages, script and style text took 29% of the instructions of `newsindex extract`, and
/// attribute values 18%.
///
/// The scan follows the lexical rules of libxml2 2.9's HTML parser (`htmlParseDocument`,
/// `htmlParseContentInternal`, `htmlParseStartTag`, `htmlParseEndTag`, `htmlParseScript`,
/// `htmlParseComment`, `htmlParseDocTypeDecl`, `htmlParsePI`), so every tag it sees is a tag
/// libxml2 sees and the parsed tree differs only by what was removed. A removed attribute leaves a
/// space, so the bytes around it cannot join into a different token; removed script text leaves
/// `>` next to `</`. Where a page leaves that model — a NUL byte, a non-ASCII name in a
/// declaration, a script that libxml2 would close at once or keep open after a foreign end tag —
/// the scan stops editing and copies the rest unchanged, which is always correct, only slower.
struct HTMLPrefilter {
  /// Lowercase names of the attributes the HTML extractor reads (`PageSurvey`, `PageScore`,
  /// `HTMLExtractor.isBoilerplate`, `UnsafeXMLNode.isHidden`): an attribute read anywhere there
  /// must be listed here, or it is gone before the parse.
  static let keptAttributes: [String] = [
    "class", "id", "style", "hidden", "aria-hidden", "role", "itemprop", "rel", "name", "property",
    "content", "http-equiv", "lang", "datetime", "type",
  ]

  /// ``keptAttributes`` as bytes, by length (no name is longer than 15 bytes).
  private static let keptByLength: [[[UInt8]]] = {
    var table = Array(repeating: [[UInt8]](), count: 16)
    for name in keptAttributes { table[name.utf8.count].append(Array(name.utf8)) }
    return table
  }()

  /// The page without script and style text and unread attributes (see the type's documentation).
  static func filtered(_ bytes: [UInt8]) -> [UInt8] {
    bytes.withUnsafeBufferPointer { buffer -> [UInt8] in
      guard let base = buffer.baseAddress, memchr(base, 0, buffer.count) == nil else {
        return bytes  // libxml2 ends the document at a NUL byte: leave such pages alone
      }
      var filter = HTMLPrefilter(input: buffer)
      filter.document()
      return filter.finish()
    }
  }

  private let input: UnsafeBufferPointer<UInt8>
  private let end: Int
  private var position = 0
  /// `input[copied..<…]` is not yet in `output`.
  private var copied = 0
  private var output: [UInt8] = []
  /// Set when the page leaves the model: nothing more is removed.
  private var stopped = false

  private init(input: UnsafeBufferPointer<UInt8>) {
    self.input = input
    end = input.count
    output.reserveCapacity(input.count)
  }

  private mutating func finish() -> [UInt8] {
    flush(upTo: end)
    return output
  }

  // MARK: - Document structure (htmlParseDocument, htmlParseContentInternal)

  private mutating func document() {
    // A UTF-8 byte order mark is skipped by libxml2's switch to UTF-8.
    if byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF { position = 3 }
    skipBlanks()
    prologMarkup()
    if isDoctype(at: position) { doctype() }
    skipBlanks()
    prologMarkup()
    content()
  }

  /// The comments and processing instructions before and after the doctype.
  private mutating func prologMarkup() {
    while !stopped && byte(position) == lt {
      if byte(position + 1) == bang && byte(position + 2) == dash && byte(position + 3) == dash {
        comment()
      } else if byte(position + 1) == question {
        processingInstruction()
      } else {
        return
      }
      skipBlanks()
    }
  }

  private mutating func content() {
    while !stopped {
      guard let next = find(lt, from: position) else { return }
      position = next
      let second = byte(position + 1)
      if second == slash {
        endTag()
      } else if isASCIILetter(second) {
        startTag()
      } else if second == bang && isDoctype(at: position) {
        doctype()
        // libxml2 goes on in the same step without its end-tag check: `</` here is text.
        if byte(position) == lt {
          let after = byte(position + 1)
          let markup =
            isASCIILetter(after) || after == question
            || (after == bang && byte(position + 2) == dash && byte(position + 3) == dash)
          if !markup { position += 1 }
        }
      } else if second == bang && byte(position + 2) == dash && byte(position + 3) == dash {
        comment()
      } else if second == question {
        processingInstruction()
      } else {
        position += 1  // a lone `<` is text
      }
    }
  }

  // MARK: - Tags (htmlParseStartTag, htmlParseEndTag, htmlParseScript)

  private mutating func startTag() {
    let tagStart = position
    position += 1
    let nameStart = position
    skipHTMLName()
    let nameEnd = position
    skipBlanks()
    while position < end && byte(position) != gt && !(byte(position) == slash && byte(position + 1) == gt) {
      attribute()
    }
    guard position < end else { return }
    if byte(position) == slash {
      position += 2  // `/>`: closed at once, no raw text follows
      return
    }
    position += 1
    let nameLength = nameEnd - nameStart
    if nameLength == 6 && matchesLowercased("script", at: nameStart) {
      rawText(named: "script", keep: mentionsJSON(tagStart..<position))
    } else if nameLength == 5 && matchesLowercased("style", at: nameStart) {
      rawText(named: "style", keep: false)
    }
  }

  /// One attribute and the blanks after it; removed unless its name is kept. A token that is no
  /// attribute name (libxml2 skips it to the next blank) is removed too.
  private mutating func attribute() {
    let start = position
    var keep = false
    if isHTMLNameStart(byte(position)) {
      let nameStart = position
      skipHTMLName()
      keep = isKept(nameStart..<position)
      skipBlanks()
      if byte(position) == equals {
        position += 1
        skipBlanks()
        let quote = byte(position)
        if quote == doubleQuote || quote == singleQuote {
          position = find(quote, from: position + 1).map { $0 + 1 } ?? end
        } else {
          while position < end && byte(position) != gt && !isBlank(byte(position)) { position += 1 }
        }
      }
    } else {
      while position < end && !isBlank(byte(position)) && byte(position) != gt
        && !(byte(position) == slash && byte(position + 1) == gt)
      {
        position += 1
      }
    }
    skipBlanks()
    if !keep && !stopped { remove(start..<position, leavingSpace: true) }
  }

  /// `htmlParseEndTag` in content: `</`, a name, anything up to `>`. Without a name only `</`
  /// is consumed, and what follows is text.
  private mutating func endTag() {
    position += 2
    guard isHTMLNameStart(byte(position)) else { return }
    skipHTMLName()
    finishEndTag()
  }

  private mutating func finishEndTag() {
    skipBlanks()
    if byte(position) != gt { position = find(gt, from: position) ?? end }
    if position < end { position += 1 }
  }

  /// The text of a script or style element, which libxml2 reads raw up to the first `</name`
  /// (any case; `htmlParseScript` in recovery mode), then the end tag.
  private mutating func rawText(named name: StaticString, keep: Bool) {
    guard position < end else { return }
    if byte(position) == lt {
      // libxml2 reads a leading `</x` or `<x` as markup, not raw text: `</script>` closes an
      // empty script as usual, but another end tag may close it or keep it open, and a start
      // tag may close it.
      let second = byte(position + 1)
      if second == slash && matchesLowercased(name, at: position + 2) {
        closeRawText(named: name)
        return
      }
      if second == slash || isASCIILetter(second) || second == underscore || second == colon {
        stopEditing()
        return
      }
    }
    let textStart = position
    var closing = position
    while true {
      guard let next = find(lt, from: closing) else {
        closing = end
        break
      }
      if byte(next + 1) == slash && matchesLowercased(name, at: next + 2) {
        closing = next
        break
      }
      closing = next + 1
    }
    if closing < end {
      if !keep && endTagCloses(name, at: closing) { remove(textStart..<closing, leavingSpace: false) }
      position = closing
      closeRawText(named: name)
    } else {
      if !keep { remove(textStart..<closing, leavingSpace: false) }
      position = end
    }
  }

  /// Whether the end tag at `index` (`</` then at least `name`) closes the element: only when
  /// its whole name is `name` (`</scripts>` leaves a script open, and raw text resumes).
  private func endTagCloses(_ name: StaticString, at index: Int) -> Bool {
    var nameEnd = index + 2
    let limit = min(end, nameEnd + maxNameLength)
    while nameEnd < limit && isHTMLNameChar(byte(nameEnd)) { nameEnd += 1 }
    return nameEnd - (index + 2) == name.utf8CodeUnitCount
  }

  /// At `</name…` after raw text: the end tag, which closes the element, or else the end of
  /// editing (the model does not follow a script that stays open).
  private mutating func closeRawText(named name: StaticString) {
    guard endTagCloses(name, at: position) else {
      stopEditing()
      return
    }
    position += 2 + name.utf8CodeUnitCount
    finishEndTag()
  }

  /// Whether a script's start tag may declare JSON-LD (its `type` holds `json`, maybe through a
  /// character reference): such scripts keep their text for `PageSurvey`.
  private func mentionsJSON(_ tag: Range<Int>) -> Bool {
    var index = tag.lowerBound
    while index < tag.upperBound {
      let value = byte(index)
      if value == ampersand { return true }
      if value | 0x20 == UInt8(ascii: "j") && index + 4 <= tag.upperBound
        && matchesLowercased("json", at: index)
      {
        return true
      }
      index += 1
    }
    return false
  }

  // MARK: - Declarations (htmlParseComment, htmlParsePI, htmlParseDocTypeDecl)

  /// `<!--` up to the first `-->` or `--!>` whose dashes start after the opening; an unclosed
  /// comment runs to the end.
  private mutating func comment() {
    var index = position + 4
    while true {
      guard let dashAt = find(dash, from: index) else {
        position = end
        return
      }
      if byte(dashAt + 1) == dash {
        if byte(dashAt + 2) == gt {
          position = dashAt + 3
          return
        }
        if byte(dashAt + 2) == bang && byte(dashAt + 3) == gt {
          position = dashAt + 4
          return
        }
      }
      index = dashAt + 1
    }
  }

  /// `<?`, a target name, then anything up to `>`; without a name only `<?` is consumed.
  private mutating func processingInstruction() {
    position += 2
    guard xmlName() else { return }
    position = find(gt, from: position).map { $0 + 1 } ?? end
  }

  private func isDoctype(at index: Int) -> Bool {
    byte(index) == lt && byte(index + 1) == bang && matchesLowercased("doctype", at: index + 2)
  }

  /// `<!DOCTYPE name`, then `SYSTEM "…"` or `PUBLIC "…" "…"` (quoted literals may hold `>`),
  /// then anything up to `>`.
  private mutating func doctype() {
    position += 9
    skipBlanks()
    _ = xmlName()
    skipBlanks()
    if matchesLowercased("system", at: position) {
      position += 6
      skipBlanks()
      quotedLiteral()
    } else if matchesLowercased("public", at: position) {
      position += 6
      skipBlanks()
      quotedLiteral()
      skipBlanks()
      if byte(position) == doubleQuote || byte(position) == singleQuote { quotedLiteral() }
    }
    skipBlanks()
    if byte(position) != gt { position = find(gt, from: position) ?? end }
    if position < end { position += 1 }
  }

  private mutating func quotedLiteral() {
    let quote = byte(position)
    guard quote == doubleQuote || quote == singleQuote else { return }
    position = find(quote, from: position + 1).map { $0 + 1 } ?? end
  }

  /// `htmlParseName` for ASCII names: skips one and returns true, or returns false having
  /// consumed nothing. A name running into a non-ASCII byte takes libxml2's Unicode path, which
  /// this scan does not follow: editing stops.
  private mutating func xmlName() -> Bool {
    let first = byte(position)
    if first >= 0x80 {
      stopEditing()
      return false
    }
    guard isASCIILetter(first) || first == underscore || first == colon else { return false }
    position += 1
    while position < end {
      let value = byte(position)
      guard isASCIILetter(value) || isDigit(value) || value == underscore || value == dash
        || value == colon || value == dot
      else { break }
      position += 1
    }
    if byte(position) >= 0x80 { stopEditing() }
    return true
  }

  // MARK: - Output

  private mutating func flush(upTo index: Int) {
    guard index > copied else { return }
    output.append(contentsOf: UnsafeBufferPointer(rebasing: input[copied..<index]))
    copied = index
  }

  private mutating func remove(_ range: Range<Int>, leavingSpace: Bool) {
    guard !range.isEmpty else { return }
    flush(upTo: range.lowerBound)
    if leavingSpace, let last = output.last, !isBlank(last) { output.append(space) }
    copied = range.upperBound
  }

  private mutating func stopEditing() {
    stopped = true
    position = end
  }

  // MARK: - Bytes

  /// libxml2 reads at most 100 bytes of an HTML name (`HTML_PARSER_BUFFER_SIZE`); the rest
  /// starts the next attribute.
  private let maxNameLength = 100

  /// `htmlParseHTMLName`: up to 100 letters, digits, `:`, `-`, `_`, `.`.
  private mutating func skipHTMLName() {
    let limit = min(end, position + maxNameLength)
    while position < limit && isHTMLNameChar(byte(position)) { position += 1 }
  }

  private func isKept(_ name: Range<Int>) -> Bool {
    guard name.count < Self.keptByLength.count else { return false }
    candidates: for candidate in Self.keptByLength[name.count] {
      for (offset, expected) in candidate.enumerated() {
        var value = byte(name.lowerBound + offset)
        if value >= 0x41 && value <= 0x5A { value |= 0x20 }
        if value != expected { continue candidates }
      }
      return true
    }
    return false
  }

  @inline(__always) private func byte(_ index: Int) -> UInt8 { index < end ? input[index] : 0 }

  private mutating func skipBlanks() {
    while position < end && isBlank(input[position]) { position += 1 }
  }

  private func find(_ value: UInt8, from index: Int) -> Int? {
    guard index < end, let base = input.baseAddress,
      let hit = memchr(base + index, Int32(value), end - index)
    else { return nil }
    return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
  }

  /// Whether the bytes at `index` equal the lowercase ASCII `word`, ignoring case.
  private func matchesLowercased(_ word: StaticString, at index: Int) -> Bool {
    let count = word.utf8CodeUnitCount
    guard index + count <= end else { return false }
    let expected = word.utf8Start
    for offset in 0..<count {
      var value = input[index + offset]
      if value >= 0x41 && value <= 0x5A { value |= 0x20 }
      if value != expected[offset] { return false }
    }
    return true
  }
}

private let lt = UInt8(ascii: "<")
private let gt = UInt8(ascii: ">")
private let slash = UInt8(ascii: "/")
private let bang = UInt8(ascii: "!")
private let dash = UInt8(ascii: "-")
private let question = UInt8(ascii: "?")
private let equals = UInt8(ascii: "=")
private let doubleQuote = UInt8(ascii: "\"")
private let singleQuote = UInt8(ascii: "'")
private let ampersand = UInt8(ascii: "&")
private let underscore = UInt8(ascii: "_")
private let colon = UInt8(ascii: ":")
private let dot = UInt8(ascii: ".")
private let space = UInt8(ascii: " ")

@inline(__always) private func isASCIILetter(_ value: UInt8) -> Bool {
  (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A
}

@inline(__always) private func isDigit(_ value: UInt8) -> Bool { value >= 0x30 && value <= 0x39 }

/// `IS_BLANK_CH`: space, tab, line feed, carriage return.
@inline(__always) private func isBlank(_ value: UInt8) -> Bool {
  value == 0x20 || value == 0x09 || value == 0x0A || value == 0x0D
}

/// First byte of `htmlParseHTMLName`: a letter, `_`, `:` or `.`.
@inline(__always) private func isHTMLNameStart(_ value: UInt8) -> Bool {
  isASCIILetter(value) || value == underscore || value == colon || value == dot
}

@inline(__always) private func isHTMLNameChar(_ value: UInt8) -> Bool {
  isASCIILetter(value) || isDigit(value) || value == colon || value == dash || value == underscore
    || value == dot
}
