/// Text statistics and Readability-style content scores for every element of a page, computed in
/// one walk over the DOM.
///
/// Elements that can never be article text (scripts, navigation, hidden elements, containers
/// whose class/id names page furniture) are not entered; every entered element gets a slot in
/// `nodes`, and its index + 1 in the node's scratch slot (`UnsafeXMLNode.scratchIndex`), so the
/// output walk (`ArticleText`) can look statistics up without hashing.
///
/// Scoring follows Mozilla Readability: every paragraph-like block of 25+ characters scores
/// `1 + commas + min(chars / 100, 3)`, added in full to its parent, half to its grandparent and
/// `1 / (3 × level)` to the next three ancestors; an ancestor starts from its tag's base score
/// and its class weight; the final score is scaled by `1 − link density`.
struct PageScore {
  struct Node {
    var node: UnsafeXMLNode
    var parent: Int32
    var tag: HTMLTag
    var verdict = ClassVerdict()
    /// Visible characters (Unicode scalars, whitespace runs counted once) below the element.
    var chars: Int32 = 0
    /// Of `chars`, those inside links.
    var linkChars: Int32 = 0
    /// Characters of text nodes that are direct children.
    var directChars: Int32 = 0
    var commas: Int32 = 0
    var paragraphs: Int32 = 0
    var images: Int32 = 0
    var listItems: Int32 = 0
    var inputs: Int32 = 0
    var embeds: Int32 = 0
    var hasBlockChild = false
    /// Dropped after the walk: furniture-named and small.
    var removed = false
    var scored = false
    var score = 0.0

    var linkDensity: Double { chars == 0 ? 0 : Double(linkChars) / Double(chars) }
  }

  private(set) var nodes: [Node] = []
  private(set) var bodyIndex = -1
  var tags = HTMLTagCache()
  /// Drop containers whose class/id names furniture before scoring (Readability's first try;
  /// its retry without the rule is `stripUnlikely: false`).
  let stripUnlikely: Bool

  init(stripUnlikely: Bool = true, tags: HTMLTagCache = HTMLTagCache()) {
    self.stripUnlikely = stripUnlikely
    self.tags = tags
  }

  /// Walks `root` (the document node) once.
  ///
  /// The walk works on local copies of the state (moved back at the end): closures that mutate
  /// `self` would pay a dynamic exclusivity check on every access.
  mutating func measure(_ root: UnsafeXMLNode) {
    var nodes: [Node] = []
    nodes.reserveCapacity(2048)
    var tags = self.tags
    var bodyIndex = -1
    let stripUnlikely = self.stripUnlikely
    var classText: [UInt8] = []
    var stack: [Int] = []
    /// Elements that are not inline (text below them, outside inner blocks, is theirs).
    var blocks: [Int] = []
    var linkDepth = 0
    root.walkDescendants(
      enter: { node in
        if node.isText {
          guard let top = stack.last else { return false }
          _ = node.withTextBytes { bytes in
            let counts = Self.count(bytes)
            nodes[top].chars += counts.chars
            if let block = blocks.last { nodes[block].directChars += counts.chars }
            nodes[top].commas += counts.commas
            if linkDepth > 0 { nodes[top].linkChars += counts.chars }
          }
          return false
        }
        guard node.isElement else { return false }
        let tag = tags.tag(of: node)
        var verdict = ClassVerdict()
        switch tag {
        case .dropped, .head, .meta, .title, .script, .input, .embed, .img, .br, .hr, .header, .figcaption:
          if let top = stack.last {
            switch tag {
            case .img: nodes[top].images += 1
            case .input: nodes[top].inputs += 1
            case .embed: nodes[top].embeds += 1
            default: break
            }
            if tag.isBlock && tag != .br { nodes[top].hasBlockChild = true }
          }
          return false
        default: break
        }
        if node.hasAttributes {
          if node.isHidden { return false }
          classText.removeAll(keepingCapacity: true)
          node.forEachClassOrID { bytes in
            if !classText.isEmpty { classText.append(0x20) }
            for byte in bytes {
              classText.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
          }
          if !classText.isEmpty {
            verdict = classText.withUnsafeBufferPointer { ClassVerdict(classAndID: $0) }
            if stripUnlikely && verdict.unlikely && tag != .body && tag != .a && tag != .html && tag != .article
              && tag != .main
            {
              return false
            }
          }
        }
        let index = nodes.count
        nodes.append(Node(node: node, parent: Int32(stack.last ?? -1), tag: tag, verdict: verdict))
        node.scratchIndex = index + 1
        if tag == .body && bodyIndex < 0 { bodyIndex = index }
        if tag == .a { linkDepth += 1 }
        stack.append(index)
        if !Self.isInline(tag) { blocks.append(index) }
        return true
      },
      exit: { node in
        guard let index = stack.last, nodes[index].node.raw == node.raw else { return }
        stack.removeLast()
        if blocks.last == index { blocks.removeLast() }
        Self.finish(index, ancestors: stack, nodes: &nodes)
        if nodes[index].tag == .a { linkDepth -= 1 }
      })
    self.nodes = nodes
    self.tags = tags
    self.bodyIndex = bodyIndex
  }

  /// Post-order work for one element: drop small furniture, score paragraphs, add totals to the
  /// parent.
  private static func finish(_ index: Int, ancestors: [Int], nodes: inout [Node]) {
    var item = nodes[index]
    if item.verdict.furniture && item.chars < 400 && item.tag != .body && item.tag != .html {
      item.removed = true
      nodes[index] = item
      return
    }
    switch item.tag {
    case .p: item.paragraphs += 1
    case .li: item.listItems += 1
    default: break
    }
    nodes[index] = item

    let paragraphLike: Bool
    switch item.tag {
    case .p, .pre, .td, .blockquote, .h2, .h3, .h4, .h5, .h6: paragraphLike = true
    case .div, .section, .article, .main, .other, .span:
      paragraphLike = !item.hasBlockChild && item.tag != .other && item.tag != .span
    default: paragraphLike = false
    }
    if paragraphLike && item.tag != .p && item.chars > 0 {
      // A block of text without inner blocks is a paragraph, as Readability turns such a
      // `<div>` into a `<p>` before counting.
      item.paragraphs += 1
      nodes[index] = item
    }
    if paragraphLike && item.chars >= 25 {
      addScore(chars: item.chars, commas: item.commas, ancestors, nodes: &nodes)
    } else if item.hasBlockChild && item.directChars >= 25
      && (item.tag == .div || item.tag == .section || item.tag == .article || item.tag == .td)
    {
      // Text loose inside a container of blocks counts as a paragraph of that container.
      addScore(chars: item.directChars, commas: item.commas, ancestors + [index], nodes: &nodes)
    }

    guard let parent = ancestors.last else { return }
    nodes[parent].chars += item.chars
    nodes[parent].linkChars += item.tag == .a ? item.chars : item.linkChars
    nodes[parent].commas += item.commas
    nodes[parent].paragraphs += item.paragraphs
    nodes[parent].images += item.images
    nodes[parent].listItems += item.listItems
    nodes[parent].inputs += item.inputs
    nodes[parent].embeds += item.embeds
    if item.tag.isBlock { nodes[parent].hasBlockChild = true }
  }

  private static func addScore(
    chars: Int32, commas: Int32, _ ancestors: [Int], nodes: inout [Node]
  ) {
    let score = 1 + Double(commas) + min(Double(chars / 100), 3)
    for level in 0..<min(5, ancestors.count) {
      let ancestor = ancestors[ancestors.count - 1 - level]
      if !nodes[ancestor].scored {
        nodes[ancestor].scored = true
        nodes[ancestor].score = nodes[ancestor].tag.baseScore + Double(nodes[ancestor].verdict.weight)
      }
      let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level * 3)
      nodes[ancestor].score += score / divider
    }
  }

  /// Elements whose text belongs to the enclosing block.
  static func isInline(_ tag: HTMLTag) -> Bool {
    tag == .other || tag == .span || tag == .a || tag == .time
  }

  func stats(of node: UnsafeXMLNode) -> Node? {
    let slot = node.scratchIndex
    guard slot > 0, slot <= nodes.count, nodes[slot - 1].node.raw == node.raw else { return nil }
    return nodes[slot - 1]
  }

  /// Visible characters, direct characters and commas of one text node's bytes.
  private static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> (
    chars: Int32, direct: Int32, commas: Int32
  ) {
    var chars: Int32 = 0
    var commas: Int32 = 0
    var inSpace = true
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      if byte <= 0x20 {
        if !inSpace { chars += 1 }
        inSpace = true
      } else {
        inSpace = false
        if byte & 0xC0 != 0x80 { chars += 1 }
        if byte == UInt8(ascii: ",") {
          commas += 1
        } else if byte == 0xEF && index + 2 < count && bytes[index + 1] == 0xBC
          && bytes[index + 2] == 0x8C
        {
          commas += 1  // ，
        } else if byte == 0xE3 && index + 2 < count && bytes[index + 1] == 0x80
          && bytes[index + 2] == 0x81
        {
          commas += 1  // 、
        }
      }
      index += 1
    }
    return (chars, chars, commas)
  }
}
