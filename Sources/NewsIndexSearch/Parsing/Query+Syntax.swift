package import NewsIndexCore

/// The query language's word-level constructs, kept in the user's text of ``Query/term(field:text:)``
/// and ``Query/phrase(field:text:)`` (a wildcard or fuzzy word, a phrase's slop) so that the
/// cases every switch over ``Query`` knows keep their meaning: ``Weight`` reads them back.
extension Query {
  /// What a word or phrase text asks for.
  package enum TermSyntax: Equatable, Sendable {
    /// Words analyzed as usual.
    case plain
    /// `export*`, `*port`, `ex?ort`: every dictionary term the pattern matches.
    case wildcard(pattern: String)
    /// `cofee~1`: dictionary terms within `maxEdits` edits of the word's term.
    case fuzzy(word: String, maxEdits: Int)
  }

  /// A word whose dictionary terms within `maxEdits` (0–2) edits are searched (`cofee~1`).
  package static func fuzzy(field: Field?, word: String, maxEdits: Int) -> Query {
    .term(field: field, text: "\(word)~\(maxEdits)")
  }

  /// A phrase whose words may stand up to `slop` moves from their places (`"oil prices"~5`), as
  /// Lucene's sloppy phrases: the text keeps the closing quote and `~N` (a phrase's own text
  /// never holds a quote).
  package static func sloppyPhrase(field: Field?, text: String, slop: Int) -> Query {
    slop == 0 ? .phrase(field: field, text: text) : .phrase(field: field, text: "\(text)\"~\(slop)")
  }

  /// Whether `word` holds a wildcard (`*` any run of characters, `?` one character).
  package static func isWildcard(_ word: some StringProtocol) -> Bool {
    word.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }
  }

  /// How the text of a `.term` reads.
  package static func termSyntax(_ text: String) -> TermSyntax {
    // Most words are plain: one byte scan decides that, without walking Characters.
    guard text.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") })
    else { return .plain }
    if let tilde = text.lastIndex(of: "~"), tilde != text.startIndex,
      let edits = Int(text[text.index(after: tilde)...]), (0...2).contains(edits)
    {
      return .fuzzy(word: String(text[..<tilde]), maxEdits: edits)
    }
    return isWildcard(text) ? .wildcard(pattern: text) : .plain
  }

  /// A phrase text's words and slop (0 for an exact phrase).
  package static func phraseParts(_ text: String) -> (words: String, slop: Int) {
    guard let quote = text.lastIndex(of: "\""), text[text.index(after: quote)...].hasPrefix("~"),
      let slop = Int(text[text.index(quote, offsetBy: 2)...])
    else { return (text, 0) }
    return (String(text[..<quote]), slop)
  }
}
