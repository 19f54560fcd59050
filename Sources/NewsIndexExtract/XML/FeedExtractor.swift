import NewsIndexCore

/// RSS 2.0, RSS 1.0 and Atom feeds: one document per item or entry.
enum FeedExtractor {
  /// RSS items (`channel/item` in RSS 2.0, `rdf:RDF/item` in RSS 1.0).
  ///
  /// Fields: `title`; `pubDate` or `dc:date`; `author` or `dc:creator`; body from `content:encoded`,
  /// else `description` (both HTML, converted to text), read as wire copy (``WireStory``: a
  /// dateline gives agency, place and date); source from the item's `<source>`, else the
  /// channel's title, unless a dateline names an agency. Id key: `guid`, else `link`, else the
  /// ordinal.
  static func rssItems(_ root: UnsafeXMLNode, context: ExtractionContext) -> [ExtractedDocument] {
    var ids = context.makeIDs()
    let channel = root.firstDescendant(named: "channel")?.child(named: "title")?.inlineText ?? ""
    return root.descendants(named: "item").map { item in
      var title = ""
      var link = ""
      var guid = ""
      var date = ""
      var byline = ""
      var description = ""
      var encoded = ""
      var source = ""
      for child in item.elementChildren {
        let name = child.name.lowercased()
        switch name {
        case "title": title = child.inlineText
        case "link": link = child.inlineText
        case "guid": guid = child.inlineText
        case "pubdate", "date", "published", "updated": if date.isEmpty { date = child.inlineText }
        case "author", "creator": if byline.isEmpty { byline = child.inlineText }
        case "description", "summary": description = rawText(child)
        case "encoded": encoded = rawText(child)
        case "source": source = child.inlineText
        default: break
        }
      }
      var document = ExtractedDocument(
        id: ids.next(key: guid.isEmpty ? link : guid), path: context.relativePath)
      document.title = TextBuilder.inline(HTMLExtractor.fragmentText(title))
      document.date = date.isEmpty ? "" : DateNormalizer.normalize(date)
      document.byline = byline
      let feed = TextBuilder.inline(source.isEmpty ? channel : source)
      document.source = NewsAgency.shortName(startingWith: feed) ?? feed
      // A description that opens with a dateline names the agency, place and date.
      WireStory(
        readingFlowed: HTMLExtractor.fragmentText(encoded.isEmpty ? description : encoded),
        fileYear: context.fileYear
      ).fillGaps(&document)
      return document
    }
  }

  /// Atom entries: `id` (the key), `title`, `published` else `updated`, `author/name`, body from
  /// `content` else `summary` else `media:group/media:description`; `type="html"`/`"xhtml"` text is
  /// converted from HTML.
  static func atomEntries(
    _ root: UnsafeXMLNode, context: ExtractionContext, languages: inout ArticleHints
  ) -> [ExtractedDocument] {
    var ids = context.makeIDs()
    var entryLanguages: [Int: String] = [:]
    let documents = root.descendants(named: "entry").enumerated().map { index, entry in
      if let language = entry.attribute("lang"), !language.isEmpty {
        entryLanguages[index] = language
      }
      var key = ""
      var title = ""
      var published = ""
      var updated = ""
      var authors: [String] = []
      var content: String?
      var summary: String?
      for child in entry.elementChildren {
        switch child.name.lowercased() {
        case "id": key = child.inlineText
        case "title": title = atomText(child)
        case "published": published = child.inlineText
        case "updated": updated = child.inlineText
        case "author":
          let name = child.child(named: "name")?.inlineText ?? child.inlineText
          if !name.isEmpty { authors.append(name) }
        case "content": content = atomText(child)
        case "summary": summary = atomText(child)
        default: break
        }
      }
      if content == nil && summary == nil,
        let description = entry.firstDescendant(named: "description")
      {
        summary = TextBuilder.flowed(rawText(description))
      }
      var document = ExtractedDocument(id: ids.next(key: key), path: context.relativePath)
      document.title = TextBuilder.inline(title)
      let date = published.isEmpty ? updated : published
      document.date = date.isEmpty ? "" : DateNormalizer.normalize(date)
      document.byline = authors.joined(separator: ", ")
      document.body = content ?? summary ?? ""
      return document
    }
    languages.perDocument.merge(entryLanguages) { $1 }
    return documents
  }

  /// An Atom text construct as plain text: `type="html"` is escaped HTML, `type="xhtml"` holds
  /// XHTML elements, anything else is text.
  private static func atomText(_ node: UnsafeXMLNode) -> String {
    switch node.attribute("type")?.lowercased() {
    case "html"?, "text/html"?: return HTMLExtractor.fragmentText(rawText(node))
    case "xhtml"?: return HTMLExtractor.visibleText(of: node, filterBoilerplate: false)
    default: return TextBuilder.flowed(rawText(node))
    }
  }

  /// The element's character data exactly as written (CDATA included), without normalization.
  static func rawText(_ node: UnsafeXMLNode) -> String {
    var bytes: [UInt8] = []
    node.walkDescendants { child in
      if child.isText { _ = child.withTextBytes { bytes.append(contentsOf: $0) } }
      if let text = child.safeEntityText { bytes.append(contentsOf: text.utf8) }
      return child.isElement
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
