import Glibc

/// Byte-level helpers for the SGML collections (TREC `<DOC>` files, Reuters-21578): these are
/// not XML (unquoted attributes, undeclared entities, stray `&`), so libxml2 is not used.
///
/// All functions work on a UTF-8 buffer borrowed once per file; ranges are byte offsets into it.
struct SGMLScanner {
  let bytes: UnsafeBufferPointer<UInt8>

  /// An element's tag and content.
  struct Element {
    /// Offsets of the opening tag (`<` … `>`).
    var tagStart: Int
    var tagEnd: Int
    /// The content, between the opening tag's `>` and the closing tag's `<`.
    var contentStart: Int
    var contentEnd: Int
    /// Offset just past the closing tag (or the content end when it is missing).
    var end: Int
  }

  /// The offset of the next `<`, from `start` up to `end`.
  func nextTagOpen(from start: Int, to end: Int) -> Int? {
    guard start < end, let base = bytes.baseAddress else { return nil }
    guard let found = memchr(base + start, 0x3C, end - start) else { return nil }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }

  /// True when the tag at `at` (`<` or `</`) has exactly the name `name` (uppercase ASCII),
  /// ignoring case.
  func tag(at: Int, isNamed name: StaticString, closing: Bool, end: Int) -> Bool {
    var index = at + 1
    if closing {
      guard index < end, bytes[index] == UInt8(ascii: "/") else { return false }
      index += 1
    }
    let count = name.utf8CodeUnitCount
    guard index + count < end else { return false }
    let expected = name.utf8Start
    for offset in 0..<count {
      var byte = bytes[index + offset]
      if byte >= 0x61 && byte <= 0x7A { byte &= 0xDF }
      if byte != expected[offset] { return false }
    }
    let after = bytes[index + count]
    return after == UInt8(ascii: ">") || after == 0x20 || after == 0x0A || after == 0x09
      || after == 0x0D
  }

  /// The offset just past the `>` that closes the tag starting at `at`.
  func tagEnd(from at: Int, end: Int) -> Int {
    guard let base = bytes.baseAddress, at < end,
      let found = memchr(base + at, 0x3E, end - at)
    else { return end }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
  }

  /// The first element named `name` in `start..<end`; content runs to its closing tag, or to
  /// `end` when the closing tag is missing.
  func element(named name: StaticString, from start: Int, to end: Int) -> Element? {
    var cursor = start
    while let open = nextTagOpen(from: cursor, to: end) {
      if tag(at: open, isNamed: name, closing: false, end: end) {
        let contentStart = tagEnd(from: open, end: end)
        var search = contentStart
        while let close = nextTagOpen(from: search, to: end) {
          if tag(at: close, isNamed: name, closing: true, end: end) {
            return Element(
              tagStart: open, tagEnd: contentStart, contentStart: contentStart, contentEnd: close,
              end: tagEnd(from: close, end: end))
          }
          search = close + 1
        }
        return Element(
          tagStart: open, tagEnd: contentStart, contentStart: contentStart, contentEnd: end,
          end: end)
      }
      cursor = open + 1
    }
    return nil
  }

  /// The value of attribute `name` (uppercase ASCII) inside the tag `start..<end`; quotes optional.
  func attribute(_ name: String, inTag start: Int, _ end: Int) -> String? {
    let key = Array(name.utf8)
    var index = start
    while index + key.count < end {
      var matches =
        index > start
        && (bytes[index - 1] == 0x20 || bytes[index - 1] == 0x0A || bytes[index - 1] == 0x09)
      if matches {
        for offset in 0..<key.count where bytes[index + offset] & 0xDF != key[offset] {
          matches = false
          break
        }
      }
      if matches && bytes[index + key.count] == UInt8(ascii: "=") {
        var cursor = index + key.count + 1
        // `=` may be the tag's (or the file's) last byte.
        let quote = cursor < end ? bytes[cursor] : 0
        let quoted = quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'")
        if quoted { cursor += 1 }
        let valueStart = cursor
        while cursor < end {
          let byte = bytes[cursor]
          if quoted ? byte == quote : (byte == 0x20 || byte == UInt8(ascii: ">") || byte == 0x0A) {
            break
          }
          cursor += 1
        }
        return String(
          decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<cursor]), as: UTF8.self)
      }
      index += 1
    }
    return nil
  }

  /// Raw text of a range with entities decoded, tags kept.
  func decodedText(_ start: Int, _ end: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    appendDecoded(start, end, to: &out, stripTags: false)
    return out
  }

  /// The text of `start..<end` with tags removed (each tag starts a new line), entities
  /// decoded, and whitespace flowed (see `TextBuilder.appendFlowed`).
  func flowedText(_ start: Int, _ end: Int) -> String {
    guard start < end else { return "" }
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    appendDecoded(start, end, to: &out, stripTags: true)
    var builder = TextBuilder()
    out.withUnsafeBufferPointer { builder.appendFlowed($0) }
    return builder.finish()
  }

  /// One-line text of a range (titles, dates, ids).
  func inlineText(_ start: Int, _ end: Int) -> String {
    guard start < end else { return "" }
    var out: [UInt8] = []
    appendDecoded(start, end, to: &out, stripTags: true)
    var builder = TextBuilder()
    out.withUnsafeBufferPointer { builder.append($0) }
    return builder.finish()
  }

  /// Copies `start..<end`, decoding `&lt; &gt; &amp; &quot; &apos; &nbsp; &#N; &#xN;` (control
  /// characters become spaces) and leaving unknown entities as they are. With `stripTags`, each
  /// tag becomes a blank line.
  private func appendDecoded(_ start: Int, _ end: Int, to out: inout [UInt8], stripTags: Bool) {
    var index = start
    while index < end {
      let byte = bytes[index]
      if byte == UInt8(ascii: "&"), let (scalar, length) = entity(at: index, end: end) {
        if scalar < 0x20 && scalar != 0x09 && scalar != 0x0A {
          out.append(0x20)
        } else {
          CharsetDecoder.appendUTF8(scalar, to: &out)
        }
        index += length
      } else if stripTags && byte == UInt8(ascii: "<") {
        let close = tagEnd(from: index, end: end)
        out.append(contentsOf: [0x0A, 0x0A])
        index = close
      } else {
        out.append(byte)
        index += 1
      }
    }
  }

  /// The code point and byte length of the entity reference at `at`, if it is one we decode.
  private func entity(at: Int, end: Int) -> (UInt32, Int)? {
    var index = at + 1
    let limit = min(end, at + 12)
    while index < limit && bytes[index] != UInt8(ascii: ";") { index += 1 }
    guard index < limit else { return nil }
    let length = index + 1 - at
    let nameStart = at + 1
    if bytes[nameStart] == UInt8(ascii: "#") {
      var value: UInt32 = 0
      var cursor = nameStart + 1
      let hex = cursor < index && bytes[cursor] | 0x20 == UInt8(ascii: "x")
      if hex { cursor += 1 }
      guard cursor < index else { return nil }
      while cursor < index {
        let byte = bytes[cursor]
        let digit: UInt32
        switch byte {
        case 0x30...0x39: digit = UInt32(byte - 0x30)
        case 0x61...0x66 where hex: digit = UInt32(byte - 0x61 + 10)
        case 0x41...0x46 where hex: digit = UInt32(byte - 0x41 + 10)
        default: return nil
        }
        value = value &* (hex ? 16 : 10) &+ digit
        if value > 0x10FFFF { return (0xFFFD, length) }
        cursor += 1
      }
      if (0xD800...0xDFFF).contains(value) { return (0xFFFD, length) }
      return (value, length)
    }
    let name = String(
      decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<index]), as: UTF8.self)
    switch name {
    case "lt": return (0x3C, length)
    case "gt": return (0x3E, length)
    case "amp": return (0x26, length)
    case "quot": return (0x22, length)
    case "apos": return (0x27, length)
    case "nbsp", "blank": return (0x20, length)
    case "hyph": return (0x2D, length)
    default: return nil
    }
  }
}
