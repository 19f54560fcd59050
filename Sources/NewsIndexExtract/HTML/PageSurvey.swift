import Foundation
import NewsIndexCore

/// What one pass over an HTML page finds: metadata, candidate content roots, title, date and
/// byline sources. `document(context:root:)` then chooses among them (see `HTMLExtractor`).
struct PageSurvey {
  /// `<meta name|property|itemprop=… content=…>`, keys lowercased, first occurrence wins.
  var metas: [String: String] = [:]
  var titleText = ""
  var articleBodies: [UnsafeXMLNode] = []
  var articles: [UnsafeXMLNode] = []
  var mains: [UnsafeXMLNode] = []
  var body: UnsafeXMLNode?
  var firstH1: UnsafeXMLNode?
  var timeDatetime = ""
  var jsonLDDate = ""
  /// JSON-LD `"headline"`, the title Readability.js prefers.
  var jsonLDHeadline = ""
  var h1Count = 0
  var authorText = ""
  /// `<html lang>`, else `content-language`/`og:locale`/`dc.language` meta.
  var language: String {
    if !htmlLang.isEmpty { return htmlLang }
    return firstMeta("content-language", "og:locale", "dc.language", "language")
  }
  var htmlLang = ""

  /// Element names seen by the survey, handed on to `PageScore`.
  var tags = HTMLTagCache()

  mutating func survey(_ root: UnsafeXMLNode) {
    root.walkDescendants { node in
      guard node.isElement else { return false }
      switch tags.tag(of: node) {
      case .meta:
        surveyMeta(node)
        return false
      case .title:
        if titleText.isEmpty { titleText = node.inlineText }
        return false
      case .script:
        if node.attribute("type")?.lowercased().contains("ld+json") == true {
          let script = node.inlineText
          if jsonLDDate.isEmpty { jsonLDDate = Self.jsonLDString("datePublished", in: script) }
          if jsonLDHeadline.isEmpty { jsonLDHeadline = Self.jsonLDString("headline", in: script) }
        }
        return false
      case .dropped:
        return false
      case .article: articles.append(node)
      case .main: mains.append(node)
      case .body: if body == nil { body = node }
      case .html: if htmlLang.isEmpty { htmlLang = node.attribute("lang") ?? "" }
      case .h1:
        h1Count += 1
        if firstH1 == nil { firstH1 = node }
      case .time:
        if timeDatetime.isEmpty, let value = node.attribute("datetime") { timeDatetime = value }
      default: break
      }
      guard node.hasAttributes else { return true }
      var marksAuthor = false
      node.forEachAttributeBytes { name, value in
        if UnsafeXMLNode.name(name, equals: "itemprop") {
          if UnsafeXMLNode.bytes(value, contain: "articlebody") { articleBodies.append(node) }
          if UnsafeXMLNode.bytes(value, contain: "author") { marksAuthor = true }
        } else if UnsafeXMLNode.name(name, equals: "class") || UnsafeXMLNode.name(name, equals: "rel") {
          if UnsafeXMLNode.bytes(value, contain: "author") || UnsafeXMLNode.bytes(value, contain: "byline") {
            marksAuthor = true
          }
        }
      }
      if marksAuthor && authorText.isEmpty {
        let text = node.inlineText
        if !text.isEmpty && text.count <= 200 { authorText = text }
      }
      return true
    }
  }

  private mutating func surveyMeta(_ node: UnsafeXMLNode) {
    var key = ""
    var content = ""
    node.forEachAttribute { attribute, value in
      switch attribute {
      case "name", "property", "itemprop", "http-equiv":
        if key.isEmpty { key = value().lowercased() }
      case "content": content = value()
      default: break
      }
    }
    if !key.isEmpty && !content.isEmpty && metas[key] == nil { metas[key] = content }
  }

  func document(context: ExtractionContext, root: UnsafeXMLNode) -> ExtractedDocument {
    var bodyText = Self.articleText(root, stripUnlikely: true, tags: tags)
    if bodyText.utf8.count < 500 {
      // As Readability retries: furniture-like class names may wrap the article itself
      // (`PageBuilder-pageRow` holds "pager").
      let retry = Self.articleText(root, stripUnlikely: false, tags: tags)
      if retry.utf8.count > bodyText.utf8.count { bodyText = retry }
    }
    lazy var contentRoot = chooseContentRoot(root)
    if bodyText.utf8.count < 80 {
      // Not an article (no paragraph scored): the page's visible text.
      let visible = HTMLExtractor.visibleText(of: contentRoot, filterBoilerplate: true)
      if visible.utf8.count > bodyText.utf8.count { bodyText = visible }
    }
    if bodyText.isEmpty {
      bodyText = HTMLExtractor.visibleText(of: contentRoot, filterBoilerplate: false)
    }

    // Readability.js's order: JSON-LD headline, title metas, then the cleaned `<title>`.
    var title = TextBuilder.inline(jsonLDHeadline)
    if title.isEmpty { title = firstMeta("dc.title", "dcterm:title", "og:title", "twitter:title") }
    if title.isEmpty {
      title = HTMLExtractor.cleanTitle(
        TextBuilder.inline(titleText), onlyH1: h1Count == 1 ? firstH1?.inlineText : nil,
        firstHeading: firstH1?.inlineText)
    }
    if title.isEmpty, let firstH1 { title = firstH1.inlineText }
    title = TextBuilder.inline(title)

    if !title.isEmpty {
      bodyText = Self.removingTitleLine(title, from: bodyText)
    }

    var document = ExtractedDocument(id: context.singleID, path: context.relativePath)
    document.title = title
    document.body = bodyText
    var date = firstMeta(
      "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
      "date", "dc.date", "dc.date.issued", "dcterms.date", "sailthru.date", "parsely-pub-date")
    if date.isEmpty { date = timeDatetime }
    if date.isEmpty { date = jsonLDDate }
    document.date = date.isEmpty ? "" : DateNormalizer.normalize(date)

    var byline = firstMeta("author", "article:author", "byl", "dc.creator", "sailthru.author")
    if byline.hasPrefix("http://") || byline.hasPrefix("https://") { byline = "" }
    if byline.isEmpty { byline = authorText }
    byline = TextBuilder.inline(byline)
    if byline.lowercased().hasPrefix("by ") { byline = String(byline.dropFirst(3)) }
    document.byline = byline
    return document
  }

  /// `body` without a line equal to `title` among its first three lines (TextBuilder output has
  /// no empty lines). Scans UTF-8 bytes: bodies are long.
  static func removingTitleLine(_ title: String, from body: String) -> String {
    let bytes = Array(body.utf8)
    let titleBytes = Array(title.utf8)
    var lineStart = 0
    for _ in 0..<3 {
      guard lineStart < bytes.count else { break }
      var lineEnd = lineStart
      while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
      if bytes[lineStart..<lineEnd].elementsEqual(titleBytes) {
        var rest = Array(bytes[..<lineStart])
        if lineEnd < bytes.count {
          rest += bytes[(lineEnd + 1)...]
        } else if !rest.isEmpty {
          rest.removeLast()  // the newline before the last line
        }
        return String(decoding: rest, as: UTF8.self)
      }
      lineStart = lineEnd + 1
    }
    return body
  }

  /// The text of the article elements `PageScore` selects; empty when no paragraph scored.
  static func articleText(_ root: UnsafeXMLNode, stripUnlikely: Bool, tags: HTMLTagCache)
    -> String
  {
    var page = PageScore(stripUnlikely: stripUnlikely, tags: tags)
    page.measure(root)
    let selected = page.articleNodes()
    return selected.isEmpty ? "" : ArticleText.text(of: selected, in: page)
  }

  private func firstMeta(_ keys: String...) -> String {
    for key in keys {
      if let value = metas[key] {
        let text = TextBuilder.inline(value)
        if !text.isEmpty { return text }
      }
    }
    return ""
  }

  /// The largest `[itemprop=articleBody]`, else the largest `<article>`, else the largest
  /// `<main>` (each unless under 200 bytes of text: a teaser or an empty shell), else `<body>`, or
  /// the whole document.
  private func chooseContentRoot(_ root: UnsafeXMLNode) -> UnsafeXMLNode {
    for candidates in [articleBodies, articles, mains] where !candidates.isEmpty {
      let minimumLength = 200
      var best = candidates[0]
      var bestLength = -1
      for candidate in candidates {
        let length = HTMLExtractor.visibleText(of: candidate, filterBoilerplate: true).utf8.count
        if length > bestLength {
          best = candidate
          bestLength = length
        }
      }
      if bestLength >= minimumLength { return best }
    }
    return body ?? root
  }

  /// Where `needle` (starting with an ASCII byte) first occurs in `text`, by a plain byte search:
  /// Foundation's `range(of:)` goes through CFString and cost 1.3% of `newsindex extract`.
  static func byteRange(of needle: String, in text: String) -> Range<String.Index>? {
    let pattern = Array(needle.utf8)
    guard let first = pattern.first else { return nil }
    let bytes = text.utf8
    var from = bytes.startIndex
    while let found = bytes[from...].firstIndex(of: first) {
      if bytes[found...].starts(with: pattern) { return found..<bytes.index(found, offsetBy: pattern.count) }
      from = bytes.index(after: found)
    }
    return nil
  }

  /// The first `"key": "…"` string value in a JSON-LD script, JSON escapes decoded.
  static func jsonLDString(_ key: String, in script: String) -> String {
    guard let found = byteRange(of: "\"" + key + "\"", in: script) else { return "" }
    let rest = script[found.upperBound...].drop { $0 == " " || $0 == ":" || $0 == "\n" }
    guard rest.first == "\"" else { return "" }
    var scalars = String.UnicodeScalarView()
    var iterator = rest.dropFirst().unicodeScalars.makeIterator()
    while let scalar = iterator.next() {
      if scalar == "\"" { break }
      guard scalar == "\\" else {
        scalars.append(scalar)
        continue
      }
      guard let escaped = iterator.next() else { break }
      switch escaped {
      case "n", "r", "t": scalars.append(" ")
      case "u":
        var hex = ""
        for _ in 0..<4 { if let digit = iterator.next() { hex.unicodeScalars.append(digit) } }
        if let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) {
          scalars.append(decoded)
        }
      default: scalars.append(escaped)
      }
    }
    return String(scalars)
  }
}
