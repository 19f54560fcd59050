/// One article as extraction hands it to indexing: text fields, already decoded to valid UTF-8.
///
/// A source file may hold many documents (a feed, a TREC `<DOC>` file, a JSON Lines dump); each
/// has its own stable `id`: the file's path relative to the build root, followed by `#` and the
/// record's own identifier (DOCNO, NEWID, guid, JSON `id`) or its ordinal `#n` when it has none.
package struct ExtractedDocument: Sendable, Hashable {
  /// Stable external identifier, printed in results and TREC runs.
  package var id: String
  /// The source file, relative to the build root when it lies under it.
  package var path: String
  package var title: String
  /// ISO 8601 (`2025-03-14` or `2025-03-14T09:30:00Z`) when the source's date could be parsed,
  /// otherwise the source's text, or empty.
  package var date: String
  /// The reporters' names, without `By` and without the agency (`Zhang Can`, `John Smith, Jane Roe`).
  package var byline: String
  package var body: String
  /// The news agency or publisher that filed the story (`Xinhua`, `AP`, `Reuters`): from a wire
  /// dateline or byline, or from the source's metadata; empty when unknown.
  package var source: String = ""
  /// The dateline's place (`SEOUL`, `SPRINGFIELD, Ill.`), empty when the story has no dateline.
  package var place: String = ""
  /// The title was made from the lead sentence because the story has no headline.
  package var titleIsDerived = false
  /// The date's year was not written with it (a dateline `Dec. 24`) and was taken from the text
  /// or the file's time.
  package var dateIsInferred = false
  /// The primary language subtag (`en`, `zh`), declared by the source or guessed from the text,
  /// when the build asked for it; empty otherwise. Not a stored field: the index keeps it as a
  /// per-document value (`search --facet language`).
  package var language = ""

  package init(
    id: String, path: String, title: String = "", date: String = "", byline: String = "",
    body: String = ""
  ) {
    self.id = id
    self.path = path
    self.title = title
    self.date = date
    self.byline = byline
    self.body = body
  }
}
