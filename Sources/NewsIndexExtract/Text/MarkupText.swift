/// The text of HTML or XML by one flat pass over the bytes, for markup libxml2 gives up on.
///
/// libxml2 stops building the tree at 256 levels of nesting (2048 with `XML_PARSE_HUGE`, which
/// STYLE.md §6 rules out) and drops everything below. When a parse reports that, extraction takes
/// the text from this scanner instead: it never recurses and keeps no stack, so memory is the
/// output's size and time is linear whatever the depth.
///
/// Tags, comments, processing instructions and declarations (a DTD's internal subset included)
/// are removed; `<script>`, `<style>`, `<noscript>`, `<template>` and `<textarea>` lose their
/// content; CDATA sections keep theirs; block elements (``HTMLTextRules/blockElements``) end
/// lines. Character references and the five XML entities are decoded, and in HTML the named
/// entities libxml2 knows (`htmlEntityLookup`); any other `&name;` stays as written — nothing is
/// ever expanded from a DTD. For HTML, text before `<body` (the head) is skipped when there is a
/// body tag.
enum MarkupText {
  static let rawTextElements: Set<String> = ["script", "style", "noscript", "template", "textarea"]

  static func visibleText(_ utf8: [UInt8], html: Bool) -> String {
    var builder = TextBuilder()
    utf8.withUnsafeBufferPointer { bytes in
      var scanner = Scanner(bytes: bytes, html: html)
      scanner.run(into: &builder)
    }
    return builder.finish()
  }

  private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let html: Bool
    var index = 0
    var text: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, html: Bool) {
      self.bytes = bytes
      self.html = html
    }

    mutating func run(into builder: inout TextBuilder) {
      if html, let body = find(caseInsensitive: Array("<body".utf8), from: 0) { index = body }
      let count = bytes.count
      while index < count {
        let next = firstIndex(of: UInt8(ascii: "<"), from: index) ?? count
        if next > index { appendText(index..<next, to: &builder) }
        index = next
        guard index < count else { break }
        markup(into: &builder)
      }
    }

    /// Handles the markup at `index` (a `<`) and moves past it.
    mutating func markup(into builder: inout TextBuilder) {
      let count = bytes.count
      func starts(_ prefix: String) -> Bool {
        let utf8 = Array(prefix.utf8)
        return index + utf8.count <= count && bytes[index..<(index + utf8.count)].elementsEqual(utf8)
      }
      if starts("<!--") {
        index = find(Array("-->".utf8), from: index + 4).map { $0 + 3 } ?? count
      } else if starts("<![CDATA[") {
        let end = find(Array("]]>".utf8), from: index + 9) ?? count
        builder.append(UnsafeBufferPointer(rebasing: bytes[(index + 9)..<end]))
        index = min(count, end + 3)
      } else if starts("<?") {
        index = find(Array("?>".utf8), from: index + 2).map { $0 + 2 } ?? count
      } else if starts("<!") {
        index = markupEnd(from: index + 2, declaration: true)
      } else if index + 1 < count, isNameStart(bytes[index + 1]) || bytes[index + 1] == UInt8(ascii: "/") {
        tag(into: &builder)
      } else {
        appendText(index..<(index + 1), to: &builder)
        index += 1
      }
    }

    /// An element tag at `index`: line breaks for blocks, raw-text elements skipped whole.
    mutating func tag(into builder: inout TextBuilder) {
      let count = bytes.count
      let closing = bytes[index + 1] == UInt8(ascii: "/")
      var nameEnd = index + (closing ? 2 : 1)
      let nameStart = nameEnd
      while nameEnd < count, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
      let name = String(decoding: bytes[nameStart..<nameEnd].map { $0 | 0x20 }, as: UTF8.self)
      index = markupEnd(from: nameEnd)
      if html, HTMLTextRules.blockElements.contains(name) { builder.breakLine() }
      if !html { builder.breakWord() }
      if html, HTMLTextRules.spacedElements.contains(name) { builder.breakWord() }
      if html, !closing, Self.isRawText(name) {
        index = find(caseInsensitive: Array(("</" + name).utf8), from: index).map { markupEnd(from: $0) } ?? count
      }
    }

    static func isRawText(_ name: String) -> Bool { MarkupText.rawTextElements.contains(name) }

    /// Past the `>` that ends a tag, skipping quoted attribute values; in a `<!…>` declaration,
    /// also an internal subset `[…]`.
    func markupEnd(from start: Int, declaration: Bool = false) -> Int {
      var i = start
      var quote: UInt8 = 0
      var brackets = 0
      while i < bytes.count {
        let byte = bytes[i]
        if quote != 0 {
          if byte == quote { quote = 0 }
        } else if byte == 0x22 || byte == 0x27 {
          quote = byte
        } else if declaration && byte == UInt8(ascii: "[") {
          brackets += 1
        } else if declaration && byte == UInt8(ascii: "]") {
          brackets = max(0, brackets - 1)
        } else if byte == UInt8(ascii: ">") && brackets == 0 {
          return i + 1
        }
        i += 1
      }
      return bytes.count
    }

    /// Appends text with its character and entity references decoded.
    mutating func appendText(_ range: Range<Int>, to builder: inout TextBuilder) {
      guard bytes[range].contains(UInt8(ascii: "&")) else {
        builder.append(UnsafeBufferPointer(rebasing: bytes[range]))
        return
      }
      text.removeAll(keepingCapacity: true)
      var i = range.lowerBound
      while i < range.upperBound {
        let byte = bytes[i]
        guard byte == UInt8(ascii: "&"),
          let semicolon = bytes[(i + 1)..<min(range.upperBound, i + 34)].firstIndex(of: UInt8(ascii: ";")),
          let scalar = reference(bytes[(i + 1)..<semicolon])
        else {
          text.append(byte)
          i += 1
          continue
        }
        text += Array(String(Character(scalar)).utf8)
        i = semicolon + 1
      }
      text.withUnsafeBufferPointer { builder.append($0) }
    }

    /// The character of `&name;` (`name` without `&` and `;`), nil when not decoded.
    func reference(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> Unicode.Scalar? {
      guard let first = name.first else { return nil }
      if first == UInt8(ascii: "#") {
        let digits = name.dropFirst()
        let hex = digits.first.map { $0 | 0x20 } == UInt8(ascii: "x")
        let value = UInt32(String(decoding: hex ? digits.dropFirst() : digits, as: UTF8.self), radix: hex ? 16 : 10)
        guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        return scalar
      }
      switch String(decoding: name, as: UTF8.self) {
      case "amp": return "&"
      case "lt": return "<"
      case "gt": return ">"
      case "quot": return "\""
      case "apos": return "'"
      case let other where html: return LibXML.htmlEntity(named: other)
      default: return nil
      }
    }

    func isNameStart(_ byte: UInt8) -> Bool {
      (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte >= 0x80
        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
    }

    func isNameByte(_ byte: UInt8) -> Bool {
      isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
        || byte == UInt8(ascii: ".")
    }

    func firstIndex(of byte: UInt8, from start: Int) -> Int? {
      var i = start
      while i < bytes.count {
        if bytes[i] == byte { return i }
        i += 1
      }
      return nil
    }

    func find(_ needle: [UInt8], from start: Int) -> Int? {
      guard let first = needle.first else { return start }
      var i = start
      while let hit = firstIndex(of: first, from: i) {
        guard hit + needle.count <= bytes.count else { return nil }
        if bytes[hit..<(hit + needle.count)].elementsEqual(needle) { return hit }
        i = hit + 1
      }
      return nil
    }

    /// `needle` must be lower-case ASCII.
    func find(caseInsensitive needle: [UInt8], from start: Int) -> Int? {
      var i = start
      while let hit = firstIndex(of: needle[0], from: i) {
        guard hit + needle.count <= bytes.count else { return nil }
        if zip(bytes[hit..<(hit + needle.count)], needle).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) { return hit }
        i = hit + 1
      }
      return nil
    }
  }
}
