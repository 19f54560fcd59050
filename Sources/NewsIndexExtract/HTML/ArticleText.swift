/// The visible text of the article elements chosen by `PageScore`, cleaned as Readability cleans
/// its output: only elements the scoring walk entered (no scripts, navigation, hidden or
/// furniture-named elements), no `<h1>` (the title), no small furniture, no containers that look
/// like link lists or galleries (`PageScore.looksLikeFurniture`), no paragraphs that are only a
/// link (promoted headlines, "read more" lines). Block elements end lines.
enum ArticleText {
  static func text(of selected: [Int], in page: PageScore) -> String {
    var builder = TextBuilder()
    for index in selected {
      let root = page.nodes[index].node
      if !enter(root, page: page, builder: &builder) { continue }
      root.walkDescendants(
        enter: { node in enter(node, page: page, builder: &builder) },
        exit: { node in
          guard node.isElement, let slot = page.slotIndex(of: node) else { return }
          if page.nodes[slot].tag.isBlock { builder.breakLine() }
          if page.nodes[slot].tag == .td || page.nodes[slot].tag == .th { builder.breakWord() }
        })
      builder.breakLine()
    }
    return builder.finish()
  }

  private static func enter(_ node: UnsafeXMLNode, page: PageScore, builder: inout TextBuilder)
    -> Bool
  {
    if node.isText {
      _ = node.withTextBytes { builder.append($0) }
      return false
    }
    guard node.isElement, let slot = page.slotIndex(of: node) else { return false }
    let item = page.nodes[slot]
    if item.removed || item.tag == .h1 || page.looksLikeFurniture(slot) { return false }
    // A paragraph that is nothing but a link: "READ MORE: …", a promoted headline.
    if item.tag == .p && item.chars > 0 && item.linkDensity >= 0.8 { return false }
    if item.tag.isBlock { builder.breakLine() }
    if item.tag == .td || item.tag == .th { builder.breakWord() }
    return true
  }
}
