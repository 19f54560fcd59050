import NewsIndexCore

/// NewsML-G2 (`http://iptc.org/std/nar/2006-10-01/`): one document per `newsItem`.
///
/// Fields: `contentMeta/headline`; `contentMeta/by`; date from `contentMeta/contentCreated`, else
/// `itemMeta/firstCreated`, else `itemMeta/versionCreated`; body from `contentSet/inlineXML` (the
/// XHTML `<body>`, without its `<header>`, which repeats headline and byline) or
/// `contentSet/inlineData`; source from `contentMeta/creditline`, else `itemMeta/provider`. A file with one `newsItem` has the file's id; several get
/// `relativePath#guid`.
enum NewsMLExtractor {
  static func newsItems(
    _ root: UnsafeXMLNode, context: ExtractionContext, languages: inout ArticleHints
  ) -> [ExtractedDocument] {
    let items = root.hasName("newsitem") ? [root] : root.descendants(named: "newsitem")
    for (index, item) in items.enumerated() {
      if let language = item.attribute("lang") ?? item.child(named: "contentmeta")?
        .child(named: "language")?.attribute("tag"), !language.isEmpty
      {
        languages.perDocument[index] = language
      }
    }
    var ids = context.makeIDs()
    return items.map { item in
      let id = items.count == 1 ? context.singleID : ids.next(key: item.attribute("guid"))
      var document = ExtractedDocument(id: id, path: context.relativePath)
      let contentMeta = item.child(named: "contentmeta")
      let itemMeta = item.child(named: "itemmeta")
      document.title = contentMeta?.child(named: "headline")?.inlineText ?? ""
      var byline = contentMeta?.child(named: "by")?.inlineText ?? ""
      for prefix in ["Von ", "von "] where byline.hasPrefix(prefix) {
        byline = String(byline.dropFirst(prefix.count))
      }
      let agency: String
      (document.byline, agency) = WireByline.field(byline)
      let date =
        contentMeta?.child(named: "contentcreated")?.inlineText
        ?? itemMeta?.child(named: "firstcreated")?.inlineText
        ?? itemMeta?.child(named: "versioncreated")?.inlineText ?? ""
      document.date = date.isEmpty ? "" : DateNormalizer.normalize(date)
      document.source = source(contentMeta: contentMeta, itemMeta: itemMeta)
      if document.source.isEmpty { document.source = agency }
      document.body = body(item.child(named: "contentset"))
      if document.title.isEmpty, let headline = item.firstDescendant(named: "headline") {
        document.title = headline.inlineText
      }
      return document
    }
  }

  /// `contentMeta/creditline`, else `itemMeta/provider`'s `literal` or the code of its `qcode`
  /// (`nprov:dpa` → `dpa`), as ``NewsAgency`` names it.
  private static func source(contentMeta: UnsafeXMLNode?, itemMeta: UnsafeXMLNode?) -> String {
    var text = contentMeta?.child(named: "creditline")?.inlineText ?? ""
    if text.isEmpty, let provider = itemMeta?.child(named: "provider") {
      let literal = provider.attribute("literal") ?? ""
      let code = provider.attribute("qcode").map { String($0.split(separator: ":").last ?? "") } ?? ""
      text = literal.isEmpty ? code : literal
    }
    let name = TextBuilder.inline(text)
    return NewsAgency.shortName(startingWith: name) ?? name
  }

  private static func body(_ contentSet: UnsafeXMLNode?) -> String {
    guard let contentSet else { return "" }
    if let inline = contentSet.child(named: "inlinexml") {
      let html = inline.firstDescendant(named: "body") ?? inline
      return HTMLExtractor.visibleText(of: html, filterBoilerplate: false, skipping: ["header"])
    }
    if let data = contentSet.child(named: "inlinedata") {
      return TextBuilder.flowed(FeedExtractor.rawText(data))
    }
    return ""
  }
}
