/// The HTML elements page scoring tells apart; everything else is `.other` (an inline element).
enum HTMLTag: UInt8 {
  case other, html, body, a, p, div, section, article, main, span, pre, td, th, blockquote
  case h1, h2, h3, h4, h5, h6, ul, ol, li, dl, dt, dd, table, tr, form, fieldset, header
  case figure, figcaption, img, br, hr, input, embed, dropped, block
  /// Dropped too, but the page survey reads them.
  case meta, title, script, time, head

  /// From a lowercase element name.
  init(name: String) {
    switch name {
    case "html": self = .html
    case "body": self = .body
    case "a": self = .a
    case "p": self = .p
    case "div": self = .div
    case "section": self = .section
    case "article": self = .article
    case "main": self = .main
    case "span": self = .span
    case "pre": self = .pre
    case "td": self = .td
    case "th": self = .th
    case "blockquote": self = .blockquote
    case "h1": self = .h1
    case "h2": self = .h2
    case "h3": self = .h3
    case "h4": self = .h4
    case "h5": self = .h5
    case "h6": self = .h6
    case "ul": self = .ul
    case "ol": self = .ol
    case "li": self = .li
    case "dl": self = .dl
    case "dt": self = .dt
    case "dd": self = .dd
    case "table": self = .table
    case "tr": self = .tr
    case "form": self = .form
    case "fieldset": self = .fieldset
    case "header": self = .header
    case "figure": self = .figure
    case "figcaption": self = .figcaption
    case "img", "picture": self = .img
    case "head": self = .head
    case "meta": self = .meta
    case "title": self = .title
    case "script": self = .script
    case "time": self = .time
    case "br": self = .br
    case "hr": self = .hr
    case "input", "textarea", "select", "button": self = .input
    case "iframe", "object", "embed", "video", "audio": self = .embed
    default:
      if HTMLTag.droppedNames.contains(name) {
        self = .dropped
      } else if HTMLTextRules.blockElements.contains(name) {
        self = .block
      } else {
        self = .other
      }
    }
  }

  /// The tag of an element name, through a table made once: libxml2's HTML parser lower-cases
  /// element names, so the name is lower-cased here only when the table does not know it as is
  /// (`HTMLTag(name:)` runs through string comparisons and set lookups; this was 4% of
  /// `newsindex extract`).
  static func named(_ name: String) -> HTMLTag {
    if let tag = byName[name] { return tag }
    let lowered = name.lowercased()
    return lowered == name ? HTMLTag(name: name) : byName[lowered] ?? HTMLTag(name: lowered)
  }

  /// Every name `init(name:)` tells apart, with its tag.
  private static let byName: [String: HTMLTag] = {
    var names = [
      "html", "body", "a", "p", "div", "section", "article", "main", "span", "pre", "td", "th",
      "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table",
      "tr", "form", "fieldset", "header", "figure", "figcaption", "img", "picture", "head", "meta",
      "title", "script", "time", "br", "hr", "input", "textarea", "select", "button", "iframe",
      "object", "embed", "video", "audio",
    ]
    names += droppedNames
    names += HTMLTextRules.blockElements
    return Dictionary(names.map { ($0, HTMLTag(name: $0)) }, uniquingKeysWith: { first, _ in first })
  }()

  /// Never article text: not rendered, page furniture, or form controls.
  static let droppedNames: Set<String> = [
    "script", "style", "noscript", "template", "svg", "math", "nav", "footer", "aside", "head",
    "title", "link", "meta", "map", "canvas", "option", "label", "dialog", "menu", "source",
  ]

  /// Starts and ends a line in the output; also marks its parent as holding block content.
  var isBlock: Bool {
    switch self {
    case .other, .a, .span, .img, .input, .embed, .dropped, .meta, .title, .script, .time, .head:
      return false
    default: return true
    }
  }

  var isHeading: Bool { rawValue >= HTMLTag.h1.rawValue && rawValue <= HTMLTag.h6.rawValue }

  /// Readability's initial score by element kind.
  var baseScore: Double {
    switch self {
    case .div, .article, .main: return 5
    case .pre, .td, .blockquote: return 3
    case .ol, .ul, .dl, .dd, .dt, .li, .form: return -3
    case .h1, .h2, .h3, .h4, .h5, .h6, .th: return -5
    default: return 0
    }
  }
}

/// Element name → `HTMLTag`, cached by the interned name's address for the length of one parse
/// (open addressing over 512 slots: a page has a few dozen distinct element names).
struct HTMLTagCache {
  private var addresses = [Int](repeating: 0, count: 512)
  private var tags = [HTMLTag](repeating: .other, count: 512)
  private var used = 0

  init() {}

  mutating func tag(of node: UnsafeXMLNode) -> HTMLTag {
    let address = node.nameAddress
    var slot = (address >> 3 ^ address >> 12) & 511
    while addresses[slot] != 0 {
      if addresses[slot] == address { return tags[slot] }
      slot = (slot + 1) & 511
    }
    let tag = HTMLTag.named(node.name)
    if used < 384 && address != 0 {
      addresses[slot] = address
      tags[slot] = tag
      used += 1
    }
    return tag
  }
}
