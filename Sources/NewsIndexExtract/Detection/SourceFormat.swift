/// The formats extraction understands, decided from content first and the extension second.
enum SourceFormat: Equatable {
  case plainText
  case html
  case xml
  case trec
  case reuters
  case jsonLines
  /// A `.json` file holding one object or an array of objects.
  case json

  /// Chooses the format of `bytes` (UTF-8 or an ASCII-compatible encoding, BOM removed).
  ///
  /// Clear content wins: `<!DOCTYPE html`/`<html` → HTML; `<?xml` → XML unless its root element
  /// is `html`; `<rss`, `<feed`, `<rdf:RDF`, `<newsItem`, `<newsMessage` → XML; `<REUTERS` → Reuters
  /// SGML; `<DOC>` → TREC SGML; `{` first in a `.jsonl`/`.ndjson`/`.json` file → JSON Lines (checked
  /// before the SGML markers, which a JSON body may quote). Otherwise the
  /// extension decides, and unknown extensions are plain text.
  static func detect(_ bytes: ArraySlice<UInt8>, relativePath: String) -> SourceFormat {
    let ext = fileExtension(relativePath)
    let head = bytes.prefix(8192)
    var start = head.startIndex
    while start < head.endIndex && isSpace(head[start]) { start += 1 }
    let lead = head[start...]

    if hasPrefix(lead, "<!doctype html") || hasPrefix(lead, "<html") { return .html }
    if hasPrefix(lead, "<?xml") || hasPrefix(lead, "<!doctype") || hasPrefix(lead, "<!--") {
      if let root = rootElementName(lead) {
        if root == "html" { return .html }
        if root == "reuters" || root == "lewis" { return .reuters }
        if root == "doc" && ext != "xml" { return .trec }
        return .xml
      }
      if hasPrefix(lead, "<?xml") { return .xml }
    }
    for marker in ["<rss", "<feed", "<rdf:rdf", "<newsitem", "<newsmessage"]
    where hasPrefix(lead, marker) {
      return .xml
    }
    if lead.first == UInt8(ascii: "{") && ["jsonl", "ndjson", "json"].contains(ext) {
      return .jsonLines
    }
    if lead.first == UInt8(ascii: "[") && ext == "json" { return .json }
    if contains(head, "<REUTERS") { return .reuters }
    if contains(head, "<DOC>") || contains(head, "<doc>") { return .trec }

    switch ext {
    case "html", "htm", "xhtml", "shtml": return .html
    case "xml", "rss", "atom", "rdf": return .xml
    case "sgm", "sgml", "trec": return .trec
    case "jsonl", "ndjson": return .jsonLines
    case "json": return .json
    default:
      if hasPrefix(lead, "<")
        && (contains(head, "<p>") || contains(head, "<body") || contains(head, "<div"))
      {
        return .html
      }
      return .plainText
    }
  }

  /// The lowercased extension of the last path component, or "".
  static func fileExtension(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return name[name.index(after: dot)...].lowercased()
  }

  /// The first element name after the prolog (XML declaration, comments, DOCTYPE), lowercased.
  static func rootElementName(_ bytes: ArraySlice<UInt8>) -> String? {
    var index = bytes.startIndex
    let end = bytes.endIndex
    while index < end {
      guard bytes[index] == UInt8(ascii: "<") else {
        index += 1
        continue
      }
      let next = index + 1 < end ? bytes[index + 1] : 0
      if next == UInt8(ascii: "?") {
        guard let close = find(bytes, "?>", from: index) else { return nil }
        index = close + 2
      } else if hasPrefix(bytes[index...], "<!--") {
        guard let close = find(bytes, "-->", from: index) else { return nil }
        index = close + 3
      } else if next == UInt8(ascii: "!") {
        // DOCTYPE, possibly with an internal subset in brackets.
        var depth = 0
        var cursor = index + 2
        while cursor < end {
          let byte = bytes[cursor]
          if byte == UInt8(ascii: "[") { depth += 1 }
          if byte == UInt8(ascii: "]") { depth -= 1 }
          if byte == UInt8(ascii: ">") && depth <= 0 { break }
          cursor += 1
        }
        guard cursor < end else { return nil }
        index = cursor + 1
      } else {
        var cursor = index + 1
        while cursor < end && !isSpace(bytes[cursor]) && bytes[cursor] != UInt8(ascii: ">")
          && bytes[cursor] != UInt8(ascii: "/")
        {
          cursor += 1
        }
        var name = String(decoding: bytes[(index + 1)..<cursor], as: UTF8.self).lowercased()
        if let colon = name.lastIndex(of: ":") { name = String(name[name.index(after: colon)...]) }
        return name
      }
    }
    return nil
  }

  // MARK: Byte helpers

  @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C
  }

  /// Case-insensitive prefix test; `prefix` is lowercase ASCII.
  static func hasPrefix(_ bytes: ArraySlice<UInt8>, _ prefix: String) -> Bool {
    var index = bytes.startIndex
    for expected in prefix.utf8 {
      guard index < bytes.endIndex else { return false }
      var byte = bytes[index]
      if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
      if byte != expected { return false }
      index += 1
    }
    return true
  }

  /// Case-sensitive search.
  static func contains(_ bytes: ArraySlice<UInt8>, _ needle: String) -> Bool {
    find(bytes, needle, from: bytes.startIndex) != nil
  }

  static func find(_ bytes: ArraySlice<UInt8>, _ needle: String, from start: Int) -> Int? {
    let pattern = Array(needle.utf8)
    guard let first = pattern.first, bytes.endIndex - start >= pattern.count else { return nil }
    var index = start
    let last = bytes.endIndex - pattern.count
    while index <= last {
      if bytes[index] == first {
        var offset = 1
        while offset < pattern.count && bytes[index + offset] == pattern[offset] { offset += 1 }
        if offset == pattern.count { return index }
      }
      index += 1
    }
    return nil
  }
}
