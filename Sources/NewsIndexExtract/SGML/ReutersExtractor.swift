import NewsIndexCore

/// Reuters-21578 `.sgm` files: many `<REUTERS … NEWID="n">` records per file.
///
/// Per record: id key `NEWID`; `TOPICS` (its `<D>` codes, handed out as `ExtractedArticle.topics`); `DATE` (`26-FEB-1987 15:01:01.79` → `1987-02-26T15:01:01Z`); inside
/// `<TEXT>`: `TITLE`, `DATELINE` (kept as the body's first line) and `BODY`. Records whose `TEXT`
/// has neither `TITLE` nor `BODY` (`TYPE="UNPROC"`) take the whole `TEXT` content as the body.
/// Records with a `TEXT` have source `Reuters`; the dateline's place is `place`. Every record is a document, even an empty one. `&#2;`/`&#3;`-style control references become
/// spaces.
enum ReutersExtractor {
  static func extract(
    _ utf8: [UInt8], context: ExtractionContext, topics: inout [Int: [String]]
  ) -> [ExtractedDocument] {
    var found: [Int: [String]] = [:]
    let documents = utf8.withUnsafeBufferPointer { buffer in
      let scanner = SGMLScanner(bytes: buffer)
      var ids = context.makeIDs()
      var documents: [ExtractedDocument] = []
      var cursor = 0
      while let record = scanner.element(named: "REUTERS", from: cursor, to: buffer.count) {
        let key = scanner.attribute("NEWID", inTag: record.tagStart, record.tagEnd)
        var document = ExtractedDocument(id: ids.next(key: key), path: context.relativePath)
        fill(&document, scanner, record)
        if let codes = scanner.element(
          named: "TOPICS", from: record.contentStart, to: record.contentEnd)
        {
          var list: [String] = []
          var cursor = codes.contentStart
          while let code = scanner.element(named: "D", from: cursor, to: codes.contentEnd) {
            let text = scanner.inlineText(code.contentStart, code.contentEnd)
            if !text.isEmpty { list.append(text) }
            cursor = max(code.end, code.tagEnd)
          }
          if !list.isEmpty { found[documents.count] = list }
        }
        documents.append(document)
        cursor = max(record.end, record.tagEnd)
      }
      return documents
    }
    topics = found
    return documents
  }

  private static func fill(
    _ document: inout ExtractedDocument, _ scanner: SGMLScanner, _ record: SGMLScanner.Element
  ) {
    let start = record.contentStart
    let end = record.contentEnd
    if let date = scanner.element(named: "DATE", from: start, to: end) {
      document.date = DateNormalizer.normalize(
        scanner.inlineText(date.contentStart, date.contentEnd))
    }
    guard let text = scanner.element(named: "TEXT", from: start, to: end) else { return }
    document.source = "Reuters"
    let title = scanner.element(named: "TITLE", from: text.contentStart, to: text.contentEnd)
    let body = scanner.element(named: "BODY", from: text.contentStart, to: text.contentEnd)
    if title == nil && body == nil {
      document.body = scanner.flowedText(text.contentStart, text.contentEnd)
      return
    }
    if let title { document.title = scanner.inlineText(title.contentStart, title.contentEnd) }
    var paragraphs: [String] = []
    if let dateline = scanner.element(
      named: "DATELINE", from: text.contentStart, to: text.contentEnd)
    {
      let line = scanner.inlineText(dateline.contentStart, dateline.contentEnd)
      if !line.isEmpty { paragraphs.append(line) }
      // `SALVADOR, Feb 26 -` (the dash ends the dateline; the lead follows in BODY).
      if let parsed = WireDateline(line: line + " x") { document.place = parsed.place }
    }
    if let body {
      let flowed = scanner.flowedText(body.contentStart, body.contentEnd)
      if !flowed.isEmpty { paragraphs.append(flowed) }
    }
    document.body = paragraphs.joined(separator: "\n")
  }
}
