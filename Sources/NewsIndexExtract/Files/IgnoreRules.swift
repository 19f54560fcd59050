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
  /// - Complexity: O(pattern × text): each (pattern, text) position pair is decided once, so
  ///   a pattern full of stars cannot make a walk hang.
  static func match(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
    var matcher = GlobMatcher(pattern: Array(pattern), text: Array(text))
    return matcher.matches(0, 0)
  }

  /// The memoized matcher behind ``match(_:_:)``.
  private struct GlobMatcher {
    let pattern: [UInt8]
    let text: [UInt8]
    /// Per (pattern index, text index): 0 unknown, 1 no, 2 yes.
    var memo: [UInt8]

    init(pattern: [UInt8], text: [UInt8]) {
      self.pattern = pattern
      self.text = text
      memo = [UInt8](repeating: 0, count: (pattern.count + 1) * (text.count + 1))
    }

    mutating func matches(_ p: Int, _ t: Int) -> Bool {
      let slot = p * (text.count + 1) + t
      if memo[slot] != 0 { return memo[slot] == 2 }
      let result = decide(p, t)
      memo[slot] = result ? 2 : 1
      return result
    }

    private mutating func decide(_ p: Int, _ t: Int) -> Bool {
      guard p < pattern.count else { return t == text.count }
      let c = pattern[p]
      switch c {
      case UInt8(ascii: "*"):
        if p + 1 < pattern.count && pattern[p + 1] == UInt8(ascii: "*") {
          let rest = p + 2
          if rest < pattern.count && pattern[rest] == 0x2F {
            // `**/`: zero or more whole folders.
            if matches(rest + 1, t) { return true }
            var i = t
            while i < text.count {
              if text[i] == 0x2F, matches(rest + 1, i + 1) { return true }
              i += 1
            }
            return false
          }
          var i = t
          while true {
            if matches(rest, i) { return true }
            if i == text.count { return false }
            i += 1
          }
        }
        var i = t
        while true {
          if matches(p + 1, i) { return true }
          if i == text.count || text[i] == 0x2F { return false }
          i += 1
        }
      case UInt8(ascii: "?"):
        guard t < text.count, text[t] != 0x2F else { return false }
        return matches(p + 1, t + 1)
      case UInt8(ascii: "["):
        guard t < text.count, text[t] != 0x2F,
          let (matched, rest) = IgnoreRules.matchClass(pattern[(p + 1)...], text[t])
        else {
          // An unclosed `[` is a literal.
          return t < text.count && text[t] == c && matches(p + 1, t + 1)
        }
        return matched && matches(rest.startIndex, t + 1)
      case UInt8(ascii: "\\") where p + 1 < pattern.count:
        return t < text.count && text[t] == pattern[p + 1] && matches(p + 2, t + 1)
      default:
        return t < text.count && text[t] == c && matches(p + 1, t + 1)
      }
    }
  }

  /// Matches `byte` against the class that starts `pattern` (after its `[`); nil when the class
  /// is not closed.
  fileprivate static func matchClass(_ pattern: ArraySlice<UInt8>, _ byte: UInt8) -> (Bool, ArraySlice<UInt8>)? {
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
