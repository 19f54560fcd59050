/// Recognises files met while walking a folder that are plainly not news articles, so a build
/// passes over them with a reason: a README, LICENSE or change log; a `.json` file without
/// article text (metadata, configuration); a word or category list, or a data dump, in a text
/// file (one short entry per line). A file named directly is never checked.
package enum NonArticle {
  /// Name stems (before the first `.`, case-insensitive) of project files that are no articles.
  static let projectFileStems: Set<String> = [
    "readme", "license", "licence", "copying", "changelog", "changes", "notice", "authors", "install",
    "contributing",
  ]

  /// Bytes read from the start of a file to judge it.
  static let sampleByteCount = 16 << 10

  /// Why the file named `name` is not an article, from its name alone; nil when it may be one.
  package static func reason(forName name: String) -> String? {
    let stem = name.split(separator: ".", maxSplits: 1).first.map { $0.lowercased() } ?? ""
    if projectFileStems.contains(stem) { return "not an article (a \(stem.uppercased()) file)" }
    return nil
  }

  /// Why the file named `name` whose first bytes are `sample` is not an article; nil when it
  /// may be one.
  package static func reason(forName name: String, sample: [UInt8]) -> String? {
    if let reason = reason(forName: name) { return reason }
    let lower = GzipDecoder.strippingSuffix(name).lowercased()
    if lower.hasSuffix(".json") { return jsonReason(sample) }
    if lower.hasSuffix(".txt") || lower.hasSuffix(".text") || !lower.contains(".") { return listReason(sample) }
    return nil
  }

  /// A `.json` file is read as articles only when it has a text member (`body`, `text`,
  /// `contents`, `content`, `article`).
  static func jsonReason(_ sample: [UInt8]) -> String? {
    // Gzip content is judged by its name alone.
    if sample.starts(with: [0x1F, 0x8B]) { return nil }
    let text = String(decoding: sample, as: UTF8.self)
    for key in ["\"body\"", "\"text\"", "\"contents\"", "\"content\"", "\"article\""] where text.contains(key) {
      return nil
    }
    return "not an article (JSON without a body or text member: metadata or configuration)"
  }

  /// A text file of 20 lines or more, three quarters of them short entries (at most two words,
  /// or at most six without sentence-ending punctuation) and none a paragraph of 30 words or
  /// more, is a list or a data dump, not a story (a story with a table of results below it has
  /// its paragraphs).
  static func listReason(_ sample: [UInt8]) -> String? {
    if sample.starts(with: [0x1F, 0x8B]) { return nil }
    var lines = sample.split(separator: 0x0A).map { line in
      line.filter { $0 != 0x0D }
    }.filter { line in line.contains { $0 != 0x20 && $0 != 0x09 } }
    // The last line of a sample may be cut.
    if sample.count >= sampleByteCount, !lines.isEmpty { lines.removeLast() }
    guard lines.count >= 20 else { return nil }
    let longest = lines.map { line in line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).count }.max() ?? 0
    guard longest < 30 else { return nil }
    let short = lines.filter { line in
      let words = line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).count
      guard words <= 6, let last = line.last(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
      return words <= 2 || last != UInt8(ascii: ".") && last != UInt8(ascii: "!") && last != UInt8(ascii: "?")
        && last != UInt8(ascii: "\"") && last != UInt8(ascii: ":")
    }.count
    guard short * 4 >= lines.count * 3 else { return nil }
    return "not an article (a list or data file: \(short) of \(lines.count) lines are short entries)"
  }
}
