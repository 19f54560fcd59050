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
  /// Subject codes the source gives (Reuters-21578 `TOPICS`), in source order; often empty.
  package var topics: [String]

  package init(document: ExtractedDocument, language: String, topics: [String] = []) {
    self.document = document
    self.language = language
    self.topics = topics
  }
}

extension DocumentExtractor {
  /// Reads `file` and extracts all of its documents with their languages.
  ///
  /// - Throws: `ExtractError`, as `extractDocuments(from:)`.
  package func extractArticles(from file: SourceFile) throws(ExtractError) -> [ExtractedArticle] {
    let bytes = try FileReader.readAll(rawPath: file.rawPath, limit: maxFileBytes)
    return try extractArticles(
      from: bytes, path: file.path, relativePath: file.relativePath,
      modificationTime: file.modificationTime)
  }

  /// Extracts the documents of bytes already in memory, with their languages.
  package func extractArticles(
    from bytes: [UInt8], path: String, relativePath: String, modificationTime: Double? = nil
  ) throws(ExtractError) -> [ExtractedArticle] {
    var hints = ArticleHints()
    let documents = try extractDocuments(
      from: bytes, path: path, relativePath: relativePath, languages: &hints,
      modificationTime: modificationTime)
    return documents.enumerated().map { index, document in
      let declared = hints.language(at: index)
      let language =
        declared.isEmpty ? LanguageGuess.language(title: document.title, body: document.body)
        : declared
      return ExtractedArticle(
        document: document, language: language, topics: hints.topics[index] ?? [])
    }
  }
}

extension DocumentExtractor {
  /// The documents of one slice with their ``ExtractedDocument/language`` set: declared by the
  /// file, else guessed from the text (`LanguageGuess`), as `newsindex extract` reports it.
  package func extractDocumentsWithLanguages(from slice: SourceSlice) throws(ExtractError) -> [ExtractedDocument] {
    guard slice.byteRange != nil else {
      return try extractArticles(from: slice.file).map { article in
        var document = article.document
        document.language = article.language
        return document
      }
    }
    return try extractDocuments(from: slice).map { document in
      var document = document
      document.language = LanguageGuess.language(title: document.title, body: document.body)
      return document
    }
  }
}

/// What a file says about its documents beyond `ExtractedDocument`, filled in by the extractors
/// that can see it: the language for the whole file, optionally overridden per document index,
/// and subject codes per document index.
struct ArticleHints {
  var file = ""
  var perDocument: [Int: String] = [:]
  var topics: [Int: [String]] = [:]

  func language(at index: Int) -> String {
    LanguageGuess.normalizedTag(perDocument[index] ?? file)
  }
}
