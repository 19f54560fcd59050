import NewsIndexCore

/// TREC `<DOC>` SGML files (one or many documents per file):
///
/// ```
/// <DOC>
/// <DOCNO> AP880212-0001 </DOCNO>
/// <DATE>880212</DATE> <HEAD>Headline</HEAD> <BYLINE>By …</BYLINE>
/// <TEXT> Paragraphs, maybe with <P> tags … </TEXT>
/// </DOC>
/// ```
///
/// Fields: `DOCNO` (the id key, trimmed), `DATE`/`DATE_TIME`, the first of
/// `HEADLINE`/`HEAD`/`TITLE`/`HL`, `BYLINE`/`BY` (a leading `By ` removed), and every `TEXT` element
/// in order (inner tags stripped, each a paragraph break), read as wire copy (``WireStory``). Tag
/// names ignore case.
enum TRECExtractor {
  static func extract(_ utf8: [UInt8], context: ExtractionContext) -> [ExtractedDocument] {
    utf8.withUnsafeBufferPointer { buffer in
      let scanner = SGMLScanner(bytes: buffer)
      var ids = context.makeIDs()
      var documents: [ExtractedDocument] = []
      var cursor = 0
      while let doc = scanner.element(named: "DOC", from: cursor, to: buffer.count) {
        documents.append(
          document(scanner, doc.contentStart, doc.contentEnd, ids: &ids, context: context))
        cursor = max(doc.end, doc.tagEnd)
      }
      return documents
    }
  }

  private static func document(
    _ scanner: SGMLScanner, _ start: Int, _ end: Int, ids: inout ExtractionContext.IDs,
    context: ExtractionContext
  ) -> ExtractedDocument {
    func field(_ names: StaticString...) -> String {
      for name in names {
        if let element = scanner.element(named: name, from: start, to: end) {
          let text = scanner.inlineText(element.contentStart, element.contentEnd)
          if !text.isEmpty { return text }
        }
      }
      return ""
    }
    let key = field("DOCNO")
    var document = ExtractedDocument(id: ids.next(key: key), path: context.relativePath)
    document.title = field("HEADLINE", "HEAD", "TITLE", "HL")
    document.date = trecDate(field("DATE", "DATE_TIME"))
    (document.byline, document.source) = WireByline.field(field("BYLINE", "BY"))

    var paragraphs: [String] = []
    var cursor = start
    while let text = scanner.element(named: "TEXT", from: cursor, to: end) {
      let body = scanner.flowedText(text.contentStart, text.contentEnd)
      if !body.isEmpty { paragraphs.append(body) }
      cursor = max(text.end, text.tagEnd)
    }
    // Read as wire copy: a <TEXT> without a headline gets one from its lead, datelines give
    // source, place and date, trailers leave the body.
    WireStory(readingFlowed: paragraphs.joined(separator: "\n"), fileYear: context.fileYear)
      .fillGaps(&document)
    return document
  }

  /// TREC dates are often `880212` or `19880212`; anything else goes through `DateNormalizer`.
  static func trecDate(_ text: String) -> String {
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    if digits.count == 8 || digits.count == 6,
      digits.count == text.count || text.dropFirst(digits.count).first == " "
    {
      var year = Int(digits.prefix(digits.count - 4)) ?? 0
      if digits.count == 6 { year += year >= 50 ? 1900 : 2000 }
      let month = Int(digits.dropFirst(digits.count - 4).prefix(2)) ?? 0
      let day = Int(digits.suffix(2)) ?? 0
      if DateNormalizer.isValid(year: year, month: month, day: day) {
        return DateNormalizer.Stamp(year: year, month: month, day: day).iso
      }
    }
    return DateNormalizer.normalize(text)
  }
}
