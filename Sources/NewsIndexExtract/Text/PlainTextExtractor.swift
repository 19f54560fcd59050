import NewsIndexCore

/// Plain-text articles: our own layout (`corpus/text/`) and wire copy as agencies file it.
///
/// ```
/// Headline on the first line
/// By Reporter Name                 (optional; also `by Xinhua writer Zhang Can`, `By NAME, AP`)
/// Date: 2025-06-03                 (optional; any notation DateNormalizer knows)
///
/// ZÜRICH, June 3, 2025 (Newswire) - First paragraph…
/// ```
///
/// ``WireStory`` reads the top (headline, byline, `Date:` and dateline in any order), the
/// trailers at the end and the section heads inside. Without a `Date:` line the date comes from
/// the dateline (a yearless one takes its year from the text or the file's time) or, failing
/// that, from a date in the first three body lines. The body is the rest, flowed: hard-wrapped
/// lines are joined, blank lines and indented lines start paragraphs.
enum PlainTextExtractor {
  static func extract(_ utf8: [UInt8], context: ExtractionContext) -> [ExtractedDocument] {
    let text = String(decoding: utf8, as: UTF8.self)
    let story = WireStory(reading: text, expectsHeadline: true, fileYear: context.fileYear)
    var document = ExtractedDocument(id: context.singleID, path: context.relativePath)
    story.fill(&document)
    if document.date.isEmpty {
      for line in document.body.split(separator: "\n").prefix(3) {
        if let date = DateNormalizer.findDate(in: String(line)) {
          document.date = date
          break
        }
      }
    }
    if document.title.isEmpty && document.body.isEmpty { return [] }
    return [document]
  }
}
