import Foundation
import NewsIndexCore

/// Extracts the article from an HTML page parsed by libxml2 (`htmlReadMemory`), once per page,
/// after `HTMLPrefilter` has removed script and style text and the attributes nothing here reads.
///
/// - Body: the elements `PageScore` selects (Readability-style text and link density scoring,
///   see the module documentation), printed by `ArticleText`; a page where no paragraph scores
///   gives its visible text: the largest `[itemprop=articleBody]`, `<article>` or `<main>`, else
///   `<body>`, without scripts, navigation, footers, asides, forms and boilerplate-named
///   elements (`HTMLTextRules`). Block elements end lines.
/// - Title: JSON-LD `headline`, else `dc.title`/`og:title`/`twitter:title`, else `<title>` cleaned
///   by `cleanTitle`, else the first `<h1>`. A body line equal to the title is not repeated.
/// - Date: the first of the published-time `<meta>`s, else `<time datetime>`, else JSON-LD
///   `"datePublished"`.
/// - Byline: `<meta name=author>`/`article:author` (when not a URL), else the first element whose
///   class, rel or itemprop contains `author` or `byline`.
/// - Language: `<html lang>`, else `content-language`/`og:locale` metas (see `ExtractedArticle`).
enum HTMLExtractor {
  static func extractDocument(
    _ utf8: [UInt8], context: ExtractionContext, language: inout String
  ) -> ExtractedDocument? {
    // libxml2 parses the page without script text and unread attributes (`HTMLPrefilter`).
    let result = LibXML.withHTMLDocument(utf8: HTMLPrefilter.filtered(utf8), checkingDepth: { root, depthExceeded in
      var page = PageSurvey()
      page.survey(root)
      return (document: page.document(context: context, root: root), language: page.language, depthExceeded: depthExceeded)
    })
    guard let result else { return nil }
    var document = result.document
    language = result.language
    if result.depthExceeded {
      // libxml2 stopped at its nesting limit and dropped the rest: the page's text by a flat scan.
      let text = MarkupText.visibleText(utf8, html: true)
      if text.utf8.count > document.body.utf8.count { document.body = text }
    }
    if document.title.isEmpty && document.body.isEmpty { return nil }
    return document
  }

  /// The visible text of an HTML fragment (an RSS `description`, an Atom `content type="html"`).
  static func fragmentText(_ html: String) -> String {
    if !html.contains("<") && !html.contains("&") { return TextBuilder.flowed(html) }
    let text = LibXML.withHTMLDocument(utf8: HTMLPrefilter.filtered(Array(html.utf8))) { root in
      visibleText(of: root, filterBoilerplate: false)
    }
    return text ?? TextBuilder.inline(html)
  }

  /// The text below `root` with dropped elements removed and block elements on their own lines.
  static func visibleText(
    of root: UnsafeXMLNode, filterBoilerplate: Bool, skipping extra: Set<String> = []
  )
    -> String
  {
    var builder = TextBuilder()
    var articleDepth = root.hasName("article") ? 1 : 0
    root.walkDescendants(
      enter: { node in
        if node.isText {
          _ = node.withTextBytes { builder.append($0) }
          return false
        }
        if let text = node.safeEntityText {
          builder.append(text)
          return false
        }
        guard node.isElement else { return false }
        let name = node.name.lowercased()
        if HTMLTextRules.droppedElements.contains(name) || extra.contains(name) { return false }
        if name == "header" && articleDepth == 0 && filterBoilerplate { return false }
        if filterBoilerplate && isBoilerplate(node) { return false }
        if name == "article" { articleDepth += 1 }
        if HTMLTextRules.blockElements.contains(name) { builder.breakLine() }
        if HTMLTextRules.spacedElements.contains(name) || name == "img" { builder.breakWord() }
        return true
      },
      exit: { node in
        guard node.isElement else { return }
        let name = node.name.lowercased()
        if name == "article" && articleDepth > 0 { articleDepth -= 1 }
        if HTMLTextRules.blockElements.contains(name) { builder.breakLine() }
        if HTMLTextRules.spacedElements.contains(name) { builder.breakWord() }
      })
    return builder.finish()
  }

  /// True for hidden elements (`hidden`, `aria-hidden`, inline `display:none`) and page
  /// furniture named by `role`, `class` or `id`.
  static func isBoilerplate(_ node: UnsafeXMLNode) -> Bool {
    var boilerplate = false
    node.forEachAttribute { name, value in
      switch name {
      case "hidden":
        boilerplate = true
      case "aria-hidden":
        boilerplate = boilerplate || value() == "true"
      case "role":
        boilerplate = boilerplate || HTMLTextRules.boilerplateRoles.contains(value().lowercased())
      case "style":
        let style = value().lowercased().filter { $0 != " " }
        boilerplate =
          boilerplate || style.contains("display:none") || style.contains("visibility:hidden")
      case "class", "id":
        boilerplate = boilerplate || HTMLTextRules.isBoilerplate(classOrID: value())
      default:
        break
      }
    }
    return boilerplate
  }

  /// Removes a site name from a `<title>` as Readability.js does: with a ` | `, ` - `, ` – `,
  /// ` — `, ` / `, ` \\ `, ` > ` or ` » ` separator, the text before the last one (or after the
  /// first, when that leaves under 3 words); with `: `, the part after the colon unless a heading
  /// repeats the whole title; a very short or long title is replaced by the page's only `<h1>`;
  /// and a result of 4 words or fewer that is not just the title minus one site name falls back
  /// to the whole title — unless it is exactly the page's first `<h1>`, which confirms it.
  static func cleanTitle(_ original: String, onlyH1: String? = nil, firstHeading: String? = nil)
    -> String
  {
    let separators = [" | ", " - ", " – ", " — ", " / ", " \\ ", " > ", " » "]
    var title = original
    var hierarchical = false
    var lastSeparator: Range<String.Index>?
    var firstSeparator: Range<String.Index>?
    for separator in separators {
      var search = original.startIndex..<original.endIndex
      while let found = original.range(of: separator, range: search) {
        if lastSeparator == nil || found.lowerBound > lastSeparator!.lowerBound {
          lastSeparator = found
        }
        if firstSeparator == nil || found.lowerBound < firstSeparator!.lowerBound {
          firstSeparator = found
        }
        if [" / ", " \\ ", " > ", " » "].contains(separator) { hierarchical = true }
        search = found.upperBound..<original.endIndex
      }
    }
    if let lastSeparator, let firstSeparator {
      title = String(original[..<lastSeparator.lowerBound])
      if wordCount(title) < 3 { title = String(original[firstSeparator.upperBound...]) }
    } else if let colon = original.range(of: ": ") {
      if onlyH1 != original {
        let after = original[original.index(after: original.lastIndex(of: ":")!)...]
        title = String(after)
        if wordCount(title) < 3 {
          title = String(original[colon.upperBound...])
        } else if wordCount(String(original[..<colon.lowerBound])) > 5 {
          title = original
        }
      }
    } else if original.count > 150 || original.count < 15, let onlyH1 {
      title = onlyH1
    }
    title = TextBuilder.inline(title)
    let words = wordCount(title)
    if words <= 4 && title != firstHeading.map(TextBuilder.inline) {
      let bare = original.filter { !"|-\\/>»–—".contains($0) }
      if !hierarchical || words != wordCount(bare) - 1 { return TextBuilder.inline(original) }
    }
    return title
  }

  private static func wordCount(_ text: String) -> Int {
    text.split(whereSeparator: \.isWhitespace).count
  }
}
