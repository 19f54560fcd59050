import CLibXML2

@testable import NewsIndexExtract

/// libxml2's tree of an HTML page as the extractor sees it, for comparing a page with its
/// `HTMLPrefilter` output: elements with their kept attributes, text, comments and processing
/// instructions, one node per line and indented; script and style text only for JSON-LD scripts.
///
/// Shared with the Fuzz package's `FuzzPrefilter` target through a symlink.
enum ParsedTree {
  static func of(_ page: [UInt8]) -> String {
    LibXML.withHTMLDocument(utf8: page) { document in
      var lines: [String] = []
      describe(children: document, depth: 0, rawText: false, into: &lines)
      return lines.joined(separator: "\n")
    } ?? "(no document)"
  }

  private static func describe(
    children parent: UnsafeXMLNode, depth: Int, rawText: Bool, into lines: inout [String]
  ) {
    guard parent.hasWalkableChildren else { return }
    var child = parent.firstChild
    let indent = String(repeating: " ", count: depth)
    while let node = child {
      defer { child = node.nextSibling }
      let type = node.raw.pointee.type
      if node.isElement {
        var attributes = ""
        node.forEachAttribute { name, value in
          if HTMLPrefilter.keptAttributes.contains(name) { attributes += " \(name)=\(value().debugDescription)" }
        }
        lines.append(indent + "<" + node.name + attributes + ">")
        let json = node.attribute("type")?.lowercased().contains("json") ?? false
        let raw = (node.hasName("script") && !json) || node.hasName("style")
        describe(children: node, depth: depth + 1, rawText: raw, into: &lines)
      } else if node.isText {
        guard !rawText else { continue }
        lines.append(indent + (node.withTextBytes { String(decoding: $0, as: UTF8.self) } ?? "").debugDescription)
      } else if type == XML_COMMENT_NODE || type == XML_PI_NODE {
        let content = node.raw.pointee.content.map { String(cString: $0) } ?? ""
        lines.append(indent + "#\(type.rawValue) \(node.name) \(content.debugDescription)")
      } else {
        // A DTD node is no xmlNode past the common fields: only its type and name are read.
        lines.append(indent + "#\(type.rawValue) \(node.name)")
      }
    }
  }
}
