package import NewsIndexCore

/// Turns one source file into its documents: detects the format, decodes the charset to UTF-8,
/// parses, and returns normalized text fields.
///
/// Formats: plain text, HTML, XML (RSS 2.0, RSS 1.0, Atom, NewsML-G2, generic), TREC `<DOC>`
/// SGML, Reuters-21578 SGML, JSON Lines (and `.json` holding an object or an array of objects),
/// each also gzip-compressed (``GzipDecoder``).
/// See the module documentation for ids and field rules. Extraction never crashes on any input:
/// damaged bytes are repaired, broken markup is recovered, bad JSON lines are skipped.
package struct DocumentExtractor: Sendable {
  /// Files larger than this throw `ExtractError.tooLarge`.
  package var maxFileBytes: Int

  package init(maxFileBytes: Int = 256 << 20) {
    self.maxFileBytes = maxFileBytes
  }

  /// Reads `file` and extracts all of its documents.
  ///
  /// - Returns: the documents in file order; may be empty for a valid file with no text.
  /// - Throws: `ExtractError` when the file cannot be read, is not a regular file, is too large,
  ///   empty or binary.
  package func extractDocuments(from file: SourceFile) throws(ExtractError) -> [ExtractedDocument] {
    let bytes = try FileReader.readAll(rawPath: file.rawPath, limit: maxFileBytes)
    var ignored = ArticleHints()
    return try extractDocuments(
      from: bytes, path: file.path, relativePath: file.relativePath, languages: &ignored,
      modificationTime: file.modificationTime)
  }

  /// Extracts the documents of bytes already in memory.
  ///
  /// - Parameters:
  ///   - path: used in error messages.
  ///   - relativePath: used in ids and `ExtractedDocument.path`; its extension helps detection.
  package func extractDocuments(from bytes: [UInt8], path: String, relativePath: String)
    throws(ExtractError) -> [ExtractedDocument]
  {
    var ignored = ArticleHints()
    return try extractDocuments(
      from: bytes, path: path, relativePath: relativePath, languages: &ignored)
  }

  /// The extraction itself; `languages` receives what the file declares about its language.
  /// `modificationTime` (seconds since 1970) gives a yearless dateline its year when the text
  /// names none.
  func extractDocuments(
    from bytes: [UInt8], path: String, relativePath: String, languages: inout ArticleHints,
    modificationTime: Double? = nil
  ) throws(ExtractError) -> [ExtractedDocument] {
    guard bytes.count <= maxFileBytes else {
      throw .tooLarge(path: path, byteCount: bytes.count, limit: maxFileBytes)
    }
    // A gzip file is its content: `page.html.gz` is sniffed as `page.html`, ids keep the name.
    var bytes = bytes
    var formatPath = relativePath
    if GzipDecoder.isGzip(bytes) {
      bytes = try GzipDecoder.decompress(bytes, path: path, limit: maxFileBytes)
      formatPath = GzipDecoder.strippingSuffix(relativePath)
    }
    let bom = CharsetDecoder.ByteOrderMark.detect(bytes)
    let body = bytes[(bom?.byteCount ?? 0)...]
    guard body.contains(where: { !SourceFormat.isSpace($0) }) else { throw .empty(path: path) }

    var utf8: [UInt8]?
    let format: SourceFormat
    switch bom {
    case .utf16LE?, .utf16BE?:
      let decoded = CharsetDecoder.utf8Bytes(bytes, declared: nil)
      utf8 = decoded
      format = SourceFormat.detect(decoded[...], relativePath: formatPath)
    default:
      guard !BinarySniffer.isBinary(body) else { throw .binary(path: path) }
      format = SourceFormat.detect(body, relativePath: formatPath)
    }
    func decoded(declared: String?) -> [UInt8] {
      utf8 ?? CharsetDecoder.utf8Bytes(bytes, declared: declared)
    }

    var context = ExtractionContext(relativePath: relativePath)
    if let modificationTime, modificationTime.isFinite, abs(modificationTime) < 1e12 {
      let days = Int64((modificationTime / 86_400).rounded(.down))
      context.fileYear = Int(DocumentDate.civil(fromDays: days).year)
    }
    switch format {
    case .plainText:
      return PlainTextExtractor.extract(decoded(declared: nil), context: context)
    case .html:
      let text = decoded(declared: CharsetDecoder.declaredHTMLCharset(bytes))
      return HTMLExtractor.extractDocument(text, context: context, language: &languages.file)
        .map { [$0] } ?? []
    case .xml:
      let text = decoded(declared: CharsetDecoder.declaredXMLEncoding(bytes))
      // Not XML after all (no root element even in recovery mode): the HTML parser takes anything.
      if let documents = XMLExtractor.extract(text, context: context, languages: &languages) {
        return documents
      }
      return HTMLExtractor.extractDocument(text, context: context, language: &languages.file)
        .map { [$0] } ?? []
    case .trec:
      return TRECExtractor.extract(decoded(declared: nil), context: context)
    case .reuters:
      return ReutersExtractor.extract(
        decoded(declared: nil), context: context, topics: &languages.topics)
    case .jsonLines, .json:
      let result = JSONLinesExtractor.extract(
        decoded(declared: nil), context: context, wholeFileFirst: format == .json)
      if result.documents.isEmpty && result.malformedLineCount > 0 {
        throw .malformed(
          path: path,
          reason: "no line is a JSON object, first bad line \(result.firstMalformedLine)")
      }
      return result.documents
    }
  }
}

/// What every format extractor needs to name its documents.
struct ExtractionContext {
  let relativePath: String
  /// The year of the file's modification time, when known.
  var fileYear: Int?

  init(relativePath: String, fileYear: Int? = nil) {
    self.relativePath = relativePath
    self.fileYear = fileYear
  }

  /// The id of a file's only document.
  var singleID: String { relativePath }

  /// Hands out `relativePath#key` ids for a multi-document file, unique within it: a missing,
  /// blank or repeated key falls back to the 1-based ordinal (`#3`).
  struct IDs {
    let relativePath: String
    private var used: Set<String> = []
    private(set) var ordinal = 0

    init(relativePath: String) { self.relativePath = relativePath }

    mutating func next(key: String?) -> String {
      ordinal += 1
      let trimmed = key.map(TextBuilder.inline) ?? ""
      var id = relativePath + "#" + (trimmed.isEmpty ? String(ordinal) : trimmed)
      if !used.insert(id).inserted {
        id = relativePath + "#" + String(ordinal)
        while !used.insert(id).inserted { id += "+" }
      }
      return id
    }
  }

  func makeIDs() -> IDs { IDs(relativePath: relativePath) }
}
