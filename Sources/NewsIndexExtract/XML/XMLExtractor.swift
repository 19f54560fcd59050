import NewsIndexCore

/// XML files, dispatched on the root element's local name:
/// `rss` (RSS 2.0) and `RDF` (RSS 1.0) → `FeedExtractor.rssItems`; `feed` → `FeedExtractor.atomEntries`;
/// `newsMessage`/`newsItem` (NewsML-G2) → `NewsMLExtractor`; anything else → one generic document.
/// A generic document nested deeper than libxml2's limit (256 levels) gets its body from
/// `MarkupText`'s flat scan of the bytes, so its text is not lost.
enum XMLExtractor {
  /// The documents of an XML file, or `nil` when libxml2 finds no root element.
  ///
  /// `languages` receives the root's `xml:lang`, an RSS channel's `<language>`, and the
  /// `xml:lang` of each Atom entry or NewsML item that has one.
  static func extract(
    _ utf8: [UInt8], context: ExtractionContext, languages: inout ArticleHints
  ) -> [ExtractedDocument]? {
    let result = LibXML.withXMLRoot(utf8: utf8, checkingDepth: {
      root, depthExceeded -> ([ExtractedDocument], ArticleHints) in
      var hints = ArticleHints()
      hints.file = root.attribute("lang") ?? ""
      if root.hasName("rss") || root.hasName("rdf") || root.hasName("channel") {
        let channel = root.hasName("channel") ? root : root.child(named: "channel")
        if let language = channel?.child(named: "language")?.inlineText, !language.isEmpty {
          hints.file = language
        }
        return (FeedExtractor.rssItems(root, context: context), hints)
      }
      if root.hasName("feed") {
        return (FeedExtractor.atomEntries(root, context: context, languages: &hints), hints)
      }
      if root.hasName("newsmessage") || root.hasName("newsitem") || root.hasName("knowledgeitem") {
        return (NewsMLExtractor.newsItems(root, context: context, languages: &hints), hints)
      }
      var document = genericDocument(root, context: context)
      if depthExceeded {
        // libxml2 stopped at its nesting limit and dropped the rest: the text by a flat scan.
        // (Feeds and NewsML keep the items above the limit.)
        let text = MarkupText.visibleText(utf8, html: false)
        if text.utf8.count > (document?.body.utf8.count ?? 0) {
          if document == nil { document = ExtractedDocument(id: context.singleID, path: context.relativePath) }
          document?.body = text
        }
      }
      return (document.map { [$0] } ?? [], hints)
    })
    guard let result else { return nil }
    languages = result.1
    return result.0
  }

  /// Generic XML: title from the first `title`/`headline`/`hl1`, date from the first
  /// `date`/`pubDate`/`dateline` that parses, byline from `byline`/`author`/`creator`, body = all text.
  static func genericDocument(_ root: UnsafeXMLNode, context: ExtractionContext)
    -> ExtractedDocument?
  {
    var title = ""
    var date = ""
    var byline = ""
    root.walkDescendants { node in
      guard node.isElement else { return false }
      if title.isEmpty && (node.hasName("title") || node.hasName("headline") || node.hasName("hl1"))
      {
        title = node.inlineText
      } else if date.isEmpty
        && (node.hasName("date") || node.hasName("pubdate") || node.hasName("dateline"))
      {
        let text = node.inlineText
        date = DateNormalizer.parse(text) ?? (node.hasName("dateline") ? "" : text)
      } else if byline.isEmpty
        && (node.hasName("byline") || node.hasName("author") || node.hasName("creator"))
      {
        byline = node.inlineText
      }
      return true
    }
    var document = ExtractedDocument(id: context.singleID, path: context.relativePath)
    document.title = title
    document.date = date
    document.byline = byline
    document.body = root.blockText
    if title.isEmpty && document.body.isEmpty { return nil }
    return document
  }
}
