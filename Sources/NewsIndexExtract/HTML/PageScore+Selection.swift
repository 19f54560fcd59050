extension PageScore {
  /// Final score of a scored element: its content score scaled by `1 − link density`.
  func finalScore(_ index: Int) -> Double {
    let node = nodes[index]
    return node.score * (1 - node.linkDensity)
  }

  /// The article's elements in document order: Readability's top candidate (promoted to a common
  /// ancestor when several near-best candidates share one, and to a parent that scores higher)
  /// and those of its siblings that score near it or are text-rich paragraphs.
  /// - Returns: an empty array when no paragraph scored (a page that is not an article).
  func articleNodes() -> [Int] {
    var ranked: [(Int, Double)] = []
    for index in nodes.indices where nodes[index].scored && !nodes[index].removed {
      let tag = nodes[index].tag
      if tag == .html || tag == .body { continue }
      ranked.append((index, finalScore(index)))
    }
    guard !ranked.isEmpty else { return [] }
    ranked.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
    var top = ranked[0].0
    let topScore = ranked[0].1

    // Several near-best candidates under one ancestor: take the ancestor.
    let alternatives = ranked.dropFirst().prefix(4).filter { $0.1 / topScore >= 0.75 }.map(\.0)
    if alternatives.count >= 3 {
      var parent = Int(nodes[top].parent)
      while parent >= 0 && nodes[parent].tag != .body {
        let containing = alternatives.filter { isAncestor(parent, of: $0) }.count
        if containing >= 3 {
          top = parent
          break
        }
        parent = Int(nodes[parent].parent)
      }
    }

    // A parent scoring higher than the candidate holds more of the article.
    var lastScore = finalScore(top)
    let threshold = lastScore / 3
    var parent = Int(nodes[top].parent)
    while parent >= 0 && nodes[parent].tag != .body {
      if !nodes[parent].scored {
        parent = Int(nodes[parent].parent)
        continue
      }
      let parentScore = finalScore(parent)
      if parentScore < threshold { break }
      if parentScore > lastScore {
        top = parent
        break
      }
      lastScore = parentScore
      parent = Int(nodes[parent].parent)
    }

    // An only child stands for its parent.
    while true {
      let up = Int(nodes[top].parent)
      guard up >= 0, nodes[up].tag != .body, nodes[up].tag != .html,
        elementChildren(of: up).count == 1
      else { break }
      top = up
    }

    let parentIndex = Int(nodes[top].parent)
    guard parentIndex >= 0 else { return [top] }
    let siblingThreshold = max(10, finalScore(top) * 0.2)
    var selected: [Int] = []
    for sibling in elementChildren(of: parentIndex) {
      if sibling == top {
        selected.append(sibling)
        continue
      }
      let item = nodes[sibling]
      if item.removed { continue }
      if item.scored && finalScore(sibling) >= siblingThreshold {
        selected.append(sibling)
      } else if item.tag == .p || ((item.tag == .div || item.tag == .section) && !item.hasBlockChild) {
        // Readability turns a text-only div into a p before this test.
        let density = item.linkDensity
        if item.chars > 80 && density < 0.25 {
          selected.append(sibling)
        } else if item.chars > 0 && item.chars <= 80 && density == 0 && item.commas > 0 {
          selected.append(sibling)
        }
      }
    }
    return selected
  }

  /// Indices of the entered element children of `index`, in document order.
  func elementChildren(of index: Int) -> [Int] {
    var result: [Int] = []
    var child = nodes[index].node.firstChild
    while let node = child {
      if node.isElement, let slot = slotIndex(of: node) { result.append(slot) }
      child = node.nextSibling
    }
    return result
  }

  func slotIndex(of node: UnsafeXMLNode) -> Int? {
    let slot = node.scratchIndex
    guard slot > 0, slot <= nodes.count, nodes[slot - 1].node.raw == node.raw else { return nil }
    return slot - 1
  }

  func isAncestor(_ ancestor: Int, of index: Int) -> Bool {
    var current = Int(nodes[index].parent)
    while current >= 0 {
      if current == ancestor { return true }
      current = Int(nodes[current].parent)
    }
    return false
  }

  /// Readability's `_cleanConditionally`: containers inside the article that look like link
  /// lists, image galleries, forms or furniture rather than prose.
  func looksLikeFurniture(_ index: Int) -> Bool {
    let item = nodes[index]
    switch item.tag {
    case .div, .section, .ul, .ol, .table, .form, .fieldset, .dl: break
    default: return false
    }
    let weight = Int(item.verdict.weight)
    if weight + Int(item.scored ? item.score : 0) < 0 { return true }
    if item.commas >= 10 { return false }
    let isList = item.tag == .ul || item.tag == .ol || item.tag == .dl
    let paragraphs = Double(item.paragraphs)
    let density = item.linkDensity
    if item.images > 1 && paragraphs / Double(item.images) < 0.5 { return true }
    if !isList && item.listItems - 100 > item.paragraphs { return true }
    if Double(item.inputs) > (paragraphs / 3).rounded(.down) { return true }
    if !isList && item.chars < 25 && (item.images == 0 || item.images > 2) { return true }
    if weight < 25 && density > 0.2 { return true }
    if weight >= 25 && density > 0.5 { return true }
    if (item.embeds == 1 && item.chars < 75) || item.embeds > 1 { return true }
    return false
  }
}
