package import NewsIndexCore

/// One extracted document with what extraction learns beyond the indexed fields: the language.
///
/// `ExtractedDocument` (Core) is what indexing stores; `newsindex extract` prints this richer
/// value so extraction can be scored and debugged.
package struct ExtractedArticle: Sendable, Hashable {
  package var document: ExtractedDocument
  /// The primary language subtag, lowercased (`en`, `zh`, `pt`): declared by the source
  /// (`<html lang>`, `content-language`, `og:locale`, `xml:lang`, RSS `<language>`) or, when
  /// undeclared, guessed from the text (`LanguageGuess`); empty when neither gives one.
  package var language: String

  package init(document: ExtractedDocument, language: String) {
    self.document = document
    self.language = language
  }
}

extension DocumentExtractor {
  /// Reads `file` and extracts all of its documents with their languages.
  ///
  /// - Throws: `ExtractError`, as `extractDocuments(from:)`.
  package func extractArticles(from file: SourceFile) throws(ExtractError) -> [ExtractedArticle] {
    let bytes = try FileReader.readAll(path: file.path, limit: maxFileBytes)
    return try extractArticles(from: bytes, path: file.path, relativePath: file.relativePath)
  }

  /// Extracts the documents of bytes already in memory, with their languages.
  package func extractArticles(from bytes: [UInt8], path: String, relativePath: String)
    throws(ExtractError) -> [ExtractedArticle]
  {
    var hints = LanguageHints()
    let documents = try extractDocuments(
      from: bytes, path: path, relativePath: relativePath, languages: &hints)
    return documents.enumerated().map { index, document in
      let declared = hints.language(at: index)
      let language =
        declared.isEmpty ? LanguageGuess.language(title: document.title, body: document.body)
        : declared
      return ExtractedArticle(document: document, language: language)
    }
  }
}

/// Languages declared by a file, filled in by the extractors that can see them: one for the whole
/// file, optionally overridden per document index.
struct LanguageHints {
  var file = ""
  var perDocument: [Int: String] = [:]

  func language(at index: Int) -> String {
    LanguageGuess.normalizedTag(perDocument[index] ?? file)
  }
}
