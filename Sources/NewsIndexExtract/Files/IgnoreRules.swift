/// Which files a build passes over: the patterns of `.newsindexignore` files and `--exclude`
/// globs, in gitignore syntax.
///
/// A pattern is matched against a path relative to the folder its rules belong to (the folder
/// holding the `.newsindexignore`, or the root for `--exclude`): `#` starts a comment, `!`
/// re-includes what an earlier pattern excluded, a trailing `/` matches folders only, a `/` at
/// the start or in the middle anchors the pattern to that folder (otherwise it matches a name at
/// any depth), `*` and `?` match within one name, `**` across folders, `[a-z]` a class. The last
/// matching pattern decides; a folder that is excluded is not walked, so nothing below it comes
/// back (as in git).
package struct IgnoreRules: Sendable, Equatable {
  /// One parsed pattern.
  struct Rule: Sendable, Equatable {
    var glob: [UInt8]
    var negated: Bool
    var foldersOnly: Bool
    var anchored: Bool
  }

  /// The file name build walks look for in every folder.
  package static let fileName = ".newsindexignore"

  private(set) var rules: [Rule] = []

  package init() {}

  /// Rules from the lines of an ignore file (or `--exclude` globs, one per line).
  package init(lines: [String]) {
    for line in lines { add(line) }
  }

  /// Rules from an ignore file's bytes.
  package init(fileBytes: [UInt8]) {
    self.init(lines: String(decoding: fileBytes, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init))
  }

  package var isEmpty: Bool { rules.isEmpty }

  /// Adds one pattern line (blank lines and `#` comments add nothing).
  package mutating func add(_ line: String) {
    var bytes = Array(line.utf8)
    while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0D { bytes.removeLast() }
    guard let first = bytes.first, first != UInt8(ascii: "#") else { return }
    var negated = false
    if first == UInt8(ascii: "!") {
      negated = true
      bytes.removeFirst()
    } else if first == UInt8(ascii: "\\"), bytes.count > 1, bytes[1] == UInt8(ascii: "#") || bytes[1] == UInt8(ascii: "!") {
      bytes.removeFirst()
    }
    var foldersOnly = false
    if bytes.last == 0x2F {
      foldersOnly = true
      bytes.removeLast()
    }
    guard !bytes.isEmpty else { return }
    var anchored = bytes.contains(0x2F)
    if bytes.first == 0x2F {
      bytes.removeFirst()
      anchored = true
    }
    guard !bytes.isEmpty else { return }
    rules.append(Rule(glob: bytes, negated: negated, foldersOnly: foldersOnly, anchored: anchored))
  }

  /// Whether these rules exclude `relativePath` (raw bytes, `/`-separated, relative to the
  /// rules' folder): true or false when a pattern matches (the last one decides), nil when none
  /// does.
  package func decision(relativePath: [UInt8], isFolder: Bool) -> Bool? {
    let name = relativePath.split(separator: 0x2F, omittingEmptySubsequences: false).last.map(Array.init) ?? relativePath
    var result: Bool?
    for rule in rules where !rule.foldersOnly || isFolder {
      let matched = Self.match(rule.glob[...], rule.anchored ? relativePath[...] : name[...])
      if matched { result = !rule.negated }
    }
    return result
  }

  /// Glob matching: `*` and `?` stay within a name, `**` crosses folders, `[…]` is a class
  /// (`!` or `^` negates it), `\` escapes the next byte.
  static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
    var p = pattern
    var t = text
    while let c = p.first {
      switch c {
      case UInt8(ascii: "*"):
        if p.dropFirst().first == UInt8(ascii: "*") {
          var rest = p.dropFirst(2)
          if rest.first == 0x2F {
            // `**/`: zero or more whole folders.
            rest = rest.dropFirst()
            if match(rest, t) { return true }
            var i = t.startIndex
            while i < t.endIndex {
              if t[i] == 0x2F, match(rest, t[(i + 1)...]) { return true }
              i += 1
            }
            return false
          }
          var i = t.startIndex
          while true {
            if match(rest, t[i...]) { return true }
            if i == t.endIndex { return false }
            i += 1
          }
        }
        let rest = p.dropFirst()
        var i = t.startIndex
        while true {
          if match(rest, t[i...]) { return true }
          if i == t.endIndex || t[i] == 0x2F { return false }
          i += 1
        }
      case UInt8(ascii: "?"):
        guard let b = t.first, b != 0x2F else { return false }
        p = p.dropFirst()
        t = t.dropFirst()
      case UInt8(ascii: "["):
        guard let b = t.first, b != 0x2F, let (matched, rest) = matchClass(p.dropFirst(), b) else {
          // An unclosed `[` is a literal.
          guard t.first == c else { return false }
          p = p.dropFirst()
          t = t.dropFirst()
          continue
        }
        guard matched else { return false }
        p = rest
        t = t.dropFirst()
      case UInt8(ascii: "\\") where p.count > 1:
        guard t.first == p[p.startIndex + 1] else { return false }
        p = p.dropFirst(2)
        t = t.dropFirst()
      default:
        guard t.first == c else { return false }
        p = p.dropFirst()
        t = t.dropFirst()
      }
    }
    return t.isEmpty
  }

  /// Matches `byte` against the class that starts `pattern` (after its `[`); nil when the class
  /// is not closed.
  private static func matchClass(_ pattern: ArraySlice<UInt8>, _ byte: UInt8) -> (Bool, ArraySlice<UInt8>)? {
    var p = pattern
    var negate = false
    if let first = p.first, first == UInt8(ascii: "!") || first == UInt8(ascii: "^") {
      negate = true
      p = p.dropFirst()
    }
    var matched = false
    var firstMember = true
    while let c = p.first {
      if c == UInt8(ascii: "]") && !firstMember { return (matched != negate, p.dropFirst()) }
      firstMember = false
      if p.count >= 3, p[p.startIndex + 1] == UInt8(ascii: "-"), p[p.startIndex + 2] != UInt8(ascii: "]") {
        if c <= byte && byte <= p[p.startIndex + 2] { matched = true }
        p = p.dropFirst(3)
      } else {
        if c == byte { matched = true }
        p = p.dropFirst()
      }
    }
    return nil
  }
}
