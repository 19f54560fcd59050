import Foundation
import NewsIndexCore

/// JSON Lines (`.jsonl`, `.ndjson`, and `.json` files whose first byte is `{`): one object per
/// non-empty line, as Anserini's `JsonCollection` and most dataset dumps write them.
///
/// Fields: `id` (string or number), `title`, `body` (else `contents`, `text`, `content`), `date`
/// (else `published`), `byline` (else `author`; arrays of strings are joined with ", "), `source`
/// (else `agency`, `provider`). The body is read as wire copy (``WireStory``): byline and `Date:`
/// lines at its top and trailers at its end leave it and fill the fields the record left empty;
/// a dateline gives source, place and date; a record without a title whose text is wire copy
/// gets one from its lead.
///
/// **Ids.** A line's JSON `id` is used *as is* as the document id, not prefixed with the file's
/// path: benchmark runs index one big `docs.jsonl` and compare TREC run docids with the dataset's
/// own ids. Lines without an `id` get `relativePath#n` (1-based line ordinal among non-empty lines).
/// Ids repeated across lines or files are not made unique here.
///
/// A malformed line is skipped and counted; the rest of the file is still indexed. A `.json` file
/// that is not JSON Lines (a pretty-printed object or an array of objects) is read whole with
/// `JSONSerialization`.
enum JSONLinesExtractor {
  struct Result {
    var documents: [ExtractedDocument] = []
    var malformedLineCount = 0
    /// 1-based line number of the first malformed line, 0 when none.
    var firstMalformedLine = 0
  }

  /// - Parameter wholeFileFirst: read the file as one JSON value first (a `.json` array).
  /// - Parameter firstOrdinal: non-empty lines before these bytes (for a slice of a larger file).
  static func extract(
    _ utf8: [UInt8], context: ExtractionContext, wholeFileFirst: Bool = false, firstOrdinal: Int = 0
  ) -> Result {
    if wholeFileFirst, let whole = wholeFile(utf8, context: context) {
      return Result(documents: whole)
    }
    var result = Result()
    utf8.withUnsafeBufferPointer { buffer in
      var lineStart = 0
      var lineNumber = 0
      var ordinal = firstOrdinal
      while lineStart < buffer.count {
        var lineEnd = lineStart
        while lineEnd < buffer.count && buffer[lineEnd] != 0x0A { lineEnd += 1 }
        lineNumber += 1
        var contentStart = lineStart
        while contentStart < lineEnd
          && (buffer[contentStart] == 0x20 || buffer[contentStart] == 0x09
            || buffer[contentStart] == 0x0D)
        {
          contentStart += 1
        }
        if contentStart < lineEnd {
          ordinal += 1
          var scanner = JSONObjectScanner(bytes: buffer, start: contentStart, end: lineEnd)
          if let members = scanner.members() {
            result.documents.append(document(members, ordinal: ordinal, context: context))
          } else {
            result.malformedLineCount += 1
            if result.firstMalformedLine == 0 { result.firstMalformedLine = lineNumber }
          }
        }
        lineStart = lineEnd + 1
      }
    }
    if !wholeFileFirst && result.documents.isEmpty && result.malformedLineCount > 0,
      let whole = wholeFile(utf8, context: context)
    {
      return Result(documents: whole)
    }
    return result
  }

  static func document(
    _ members: [String: JSONObjectScanner.Value], ordinal: Int, context: ExtractionContext
  )
    -> ExtractedDocument
  {
    func first(_ keys: String...) -> String? {
      for key in keys {
        if let value = members[key] { return value.text }
      }
      return nil
    }
    let id =
      first("id", "docid", "_id").flatMap { $0.isEmpty ? nil : $0 }
      ?? "\(context.relativePath)#\(ordinal)"
    var document = ExtractedDocument(id: id, path: context.relativePath)
    document.title = first("title", "headline").map(TextBuilder.inline) ?? ""
    document.date = first("date", "published", "datePublished").map(DateNormalizer.normalize) ?? ""
    (document.byline, document.source) = WireByline.field(first("byline", "author", "authors") ?? "")
    if let source = first("source", "agency", "provider").map(TextBuilder.inline), !source.isEmpty {
      document.source = NewsAgency.shortName(startingWith: source) ?? source
    }
    if let text = first("body", "contents", "text", "content") {
      WireStory(reading: text, expectsHeadline: false, fileYear: context.fileYear).fillGaps(&document)
    }
    return document
  }

  /// A whole-file JSON object or array of objects, or `nil` when the file is not one.
  private static func wholeFile(_ utf8: [UInt8], context: ExtractionContext) -> [ExtractedDocument]?
  {
    guard
      let value = try? JSONSerialization.jsonObject(with: Data(utf8), options: [.fragmentsAllowed])
    else {
      return nil
    }
    let objects: [[String: Any]]
    if let array = value as? [Any] {
      objects = array.compactMap { $0 as? [String: Any] }
    } else if let object = value as? [String: Any] {
      objects = [object]
    } else {
      return nil
    }
    return objects.enumerated().map { offset, object in
      var members: [String: JSONObjectScanner.Value] = [:]
      for (key, value) in object {
        if let text = value as? String {
          members[key] = .string(text)
        } else if let number = value as? NSNumber, !(value is Bool) {
          members[key] = .number(number.stringValue)
        } else if let texts = value as? [String] {
          members[key] = .strings(texts)
        }
      }
      return document(members, ordinal: offset + 1, context: context)
    }
  }
}
