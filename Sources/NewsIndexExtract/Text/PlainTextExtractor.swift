import NewsIndexCore

/// Plain-text articles, as in `corpus/text/`:
///
/// ```
/// Headline on the first line
/// By Reporter Name                 (optional)
/// Date: 2025-06-03                 (optional; any notation DateNormalizer knows)
///
/// ZÜRICH, June 3, 2025 (Newswire) - First paragraph…
/// ```
///
/// The first non-blank line is the title. The lines right after it that start with `By ` or
/// `Date: ` fill byline and date; any other line ends the header. Without a `Date:` line, the date
/// comes from a dateline in the first three body lines, if one parses. The body is the rest,
/// flowed: hard-wrapped lines are joined, blank lines and indented lines start paragraphs.
enum PlainTextExtractor {
  static func extract(_ utf8: [UInt8], context: ExtractionContext) -> [ExtractedDocument] {
    let text = String(decoding: utf8, as: UTF8.self)
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)[...]
    while let first = lines.first, isBlank(first) { lines.removeFirst() }
    guard let titleLine = lines.popFirst() else { return [] }
    var document = ExtractedDocument(id: context.singleID, path: context.relativePath)
    document.title = TextBuilder.inline(String(titleLine))

    while let line = lines.first {
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      if trimmed.hasPrefix("By ") || trimmed.hasPrefix("BY ") {
        document.byline = TextBuilder.inline(String(trimmed.dropFirst(3)))
      } else if trimmed.lowercased().hasPrefix("date:") {
        document.date = DateNormalizer.normalize(String(trimmed.dropFirst(5)))
      } else {
        break
      }
      lines.removeFirst()
    }

    let bodyText = lines.joined(separator: "\n")
    document.body = TextBuilder.flowed(bodyText)
    if document.date.isEmpty {
      for line in lines.lazy.filter({ !isBlank($0) }).prefix(3) {
        if let date = DateNormalizer.findDate(in: String(line)) {
          document.date = date
          break
        }
      }
    }
    if document.title.isEmpty && document.body.isEmpty { return [] }
    return [document]
  }

  private static func isBlank(_ line: Substring) -> Bool {
    line.allSatisfy { $0.isWhitespace }
  }
}
