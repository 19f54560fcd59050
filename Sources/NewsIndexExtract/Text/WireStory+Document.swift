import NewsIndexCore

extension WireStory {
  /// Reads text already flowed (one paragraph a line, as the HTML and SGML extractors give it),
  /// keeping its paragraphs; the record has its own title.
  init(readingFlowed flowed: String, fileYear: Int?) {
    let spaced = flowed.utf8.split(separator: 0x0A).map { Substring($0) }.joined(separator: "\n\n")
    self.init(reading: spaced, expectsHeadline: false, fileYear: fileYear)
  }

  /// Sets the document's fields from a story that is the whole file (plain text).
  func fill(_ document: inout ExtractedDocument) {
    document.title = title
    document.titleIsDerived = titleIsDerived
    document.byline = byline
    document.source = source
    document.place = place
    document.date = date
    document.dateIsInferred = dateIsInferred
    document.body = body
  }

  /// Sets the body of a record whose text field this story is (JSON Lines `text`, TREC `<TEXT>`),
  /// and the fields the record left empty: the title only when the text is wire copy (so records
  /// that simply have no title stay so), byline, source, date.
  func fillGaps(_ document: inout ExtractedDocument) {
    document.body = body
    if document.title.isEmpty && isWireCopy && !title.isEmpty {
      document.title = title
      document.titleIsDerived = titleIsDerived
    }
    if document.byline.isEmpty { document.byline = byline }
    if !source.isEmpty { document.source = source }
    if document.place.isEmpty { document.place = place }
    if document.date.isEmpty {
      document.date = date
      document.dateIsInferred = dateIsInferred
    }
  }
}
