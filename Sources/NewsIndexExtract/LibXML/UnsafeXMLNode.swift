import CLibXML2

/// A non-owning view of one libxml2 node; valid only inside the `LibXML.with…` closure that
/// produced it (the document is freed when that closure returns).
struct UnsafeXMLNode {
  let raw: xmlNodePtr

  init(_ raw: xmlNodePtr) { self.raw = raw }

  var isElement: Bool { raw.pointee.type == XML_ELEMENT_NODE }
  var isText: Bool {
    raw.pointee.type == XML_TEXT_NODE || raw.pointee.type == XML_CDATA_SECTION_NODE
  }
  var isEntityReference: Bool { raw.pointee.type == XML_ENTITY_REF_NODE }
  /// Elements and documents have real children; entity references point into the DTD instead.
  var hasWalkableChildren: Bool {
    let type = raw.pointee.type
    return type == XML_ELEMENT_NODE || type == XML_DOCUMENT_NODE || type == XML_HTML_DOCUMENT_NODE
  }

  var firstChild: UnsafeXMLNode? { raw.pointee.children.map(UnsafeXMLNode.init) }
  var nextSibling: UnsafeXMLNode? { raw.pointee.next.map(UnsafeXMLNode.init) }
  var parent: UnsafeXMLNode? { raw.pointee.parent.map(UnsafeXMLNode.init) }

  /// The local name (no prefix) as libxml2 stores it; HTML names are lowercase.
  var name: String {
    guard let name = raw.pointee.name else { return "" }
    return String(cString: name)
  }

  /// Compares the local name to an ASCII name, ignoring case, without allocating.
  func hasName(_ lowercased: StaticString) -> Bool {
    guard let name = raw.pointee.name else { return false }
    let count = lowercased.utf8CodeUnitCount
    let expected = lowercased.utf8Start
    for index in 0..<count {
      var byte = name[index]
      if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
      if byte != expected[index] { return false }
    }
    return name[count] == 0
  }

  /// Calls `body` with the node's text content bytes (text and CDATA nodes only).
  func withTextBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
    guard isText, let content = raw.pointee.content else { return nil }
    return body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
  }

  /// The value of the attribute whose local name equals `name` (ASCII, case-insensitive).
  ///
  /// HTML pages reach the extractor without the attributes `HTMLPrefilter` does not keep: a
  /// new attribute read here must be added to `HTMLPrefilter.keptAttributes`.
  func attribute(_ name: String) -> String? {
    assert(raw.pointee.doc?.pointee.type != XML_HTML_DOCUMENT_NODE || HTMLPrefilter.keptAttributes.contains(name),
      "HTMLPrefilter removes the attribute \(name) before HTML pages are parsed")
    var attr = raw.pointee.properties
    while let current = attr {
      if let attrName = current.pointee.name,
        String(cString: attrName).lowercased() == name
      {
        var value = ""
        var child = current.pointee.children
        while let node = child {
          if let content = node.pointee.content { value += String(cString: content) }
          child = node.pointee.next
        }
        return value
      }
      attr = current.pointee.next
    }
    return nil
  }

  /// Calls `body` with each attribute's lowercased local name and a closure reading its value
  /// (so values are only built for the attributes a caller wants). On HTML pages only the
  /// attributes of `HTMLPrefilter.keptAttributes` are left.
  func forEachAttribute(_ body: (_ name: String, _ value: () -> String) -> Void) {
    var attr = raw.pointee.properties
    while let current = attr {
      if let attrName = current.pointee.name {
        body(String(cString: attrName).lowercased()) {
          var value = ""
          var child = current.pointee.children
          while let node = child {
            if let content = node.pointee.content { value += String(cString: content) }
            child = node.pointee.next
          }
          return value
        }
      }
      attr = current.pointee.next
    }
  }

  /// The replacement text of an entity reference when it is a small internal entity whose text
  /// holds no further references (so expansion is never recursive); `nil` otherwise.
  var safeEntityText: String? {
    guard isEntityReference, let doc = raw.pointee.doc, let name = raw.pointee.name,
      let entity = xmlGetDocEntity(doc, name),
      entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY,
      let content = entity.pointee.content,
      entity.pointee.length < 1024
    else { return nil }
    let text = String(cString: content)
    return text.contains("&") || text.contains("<") ? nil : text
  }

  /// Element children, in document order.
  var elementChildren: [UnsafeXMLNode] {
    var result: [UnsafeXMLNode] = []
    var child = hasWalkableChildren ? firstChild : nil
    while let node = child {
      if node.isElement { result.append(node) }
      child = node.nextSibling
    }
    return result
  }

  /// The first element child whose local name matches.
  func child(named lowercased: StaticString) -> UnsafeXMLNode? {
    var child = hasWalkableChildren ? firstChild : nil
    while let node = child {
      if node.isElement && node.hasName(lowercased) { return node }
      child = node.nextSibling
    }
    return nil
  }

  /// Visits the subtree below `self` in document order without recursion.
  ///
  /// `enter` returns whether to descend into an element's children; `exit` runs after an entered
  /// node's children, for every visited node. Entity reference children are never visited.
  func walkDescendants(
    enter: (UnsafeXMLNode) -> Bool, exit: (UnsafeXMLNode) -> Void = { _ in }
  ) {
    guard hasWalkableChildren, var node = firstChild else { return }
    while true {
      if enter(node), node.hasWalkableChildren, let child = node.firstChild {
        node = child
        continue
      }
      exit(node)
      while node.nextSibling == nil {
        guard let up = node.parent, up.raw != raw else { return }
        node = up
        exit(node)
      }
      guard let next = node.nextSibling else { return }
      node = next
    }
  }

  /// The first descendant element whose local name matches, in document order.
  func firstDescendant(named lowercased: StaticString) -> UnsafeXMLNode? {
    var found: UnsafeXMLNode?
    walkDescendants { node in
      if found != nil { return false }
      if node.isElement && node.hasName(lowercased) {
        found = node
        return false
      }
      return true
    }
    return found
  }

  /// All descendant elements whose local name matches (not descending into matches).
  func descendants(named lowercased: StaticString) -> [UnsafeXMLNode] {
    var found: [UnsafeXMLNode] = []
    walkDescendants { node in
      if node.isElement && node.hasName(lowercased) {
        found.append(node)
        return false
      }
      return true
    }
    return found
  }

  /// All text below this node, whitespace collapsed, one line (inline text, titles, names).
  var inlineText: String {
    var builder = TextBuilder()
    appendText(to: &builder, blockBreaks: false)
    return builder.finish()
  }

  /// All text below this node, each element boundary a line break (generic XML bodies).
  var blockText: String {
    var builder = TextBuilder()
    appendText(to: &builder, blockBreaks: true)
    return builder.finish()
  }

  private func appendText(to builder: inout TextBuilder, blockBreaks: Bool) {
    if isText {
      _ = withTextBytes { builder.append($0) }
      return
    }
    walkDescendants(
      enter: { node in
        if node.isText {
          _ = node.withTextBytes { builder.append($0) }
        } else if let text = node.safeEntityText {
          builder.append(text)
        } else if blockBreaks && node.isElement {
          builder.breakLine()
        }
        return node.isElement
      },
      exit: { node in
        if blockBreaks && node.isElement { builder.breakLine() }
      })
  }
}

// MARK: Fast paths for page scoring

extension UnsafeXMLNode {
  /// The address of the node's name string. libxml2's HTML parser interns names in the
  /// document's dictionary, so equal names share an address within one document and a
  /// per-document cache keyed by it avoids building a `String` per element.
  var nameAddress: Int { Int(bitPattern: raw.pointee.name) }

  /// A per-parse scratch slot: libxml2 leaves `_private` to applications and a fresh document
  /// holds `nil` there. 0 means "never set".
  var scratchIndex: Int {
    get { Int(bitPattern: raw.pointee._private) }
    nonmutating set { raw.pointee._private = UnsafeMutableRawPointer(bitPattern: newValue) }
  }

  var isDocument: Bool {
    raw.pointee.type == XML_DOCUMENT_NODE || raw.pointee.type == XML_HTML_DOCUMENT_NODE
  }

  /// Calls `body` with each byte buffer of the values of the attributes named `class` or `id`
  /// (ASCII case-insensitive), without building strings.
  func forEachClassOrID(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    var attr = raw.pointee.properties
    while let current = attr {
      if let name = current.pointee.name, Self.isClassOrID(name) {
        var child = current.pointee.children
        while let node = child {
          if let content = node.pointee.content {
            body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
          }
          child = node.pointee.next
        }
      }
      attr = current.pointee.next
    }
  }

  /// True when any attribute is named `hidden`, or `aria-hidden="true"`, or `style` holds
  /// `display:none` / `visibility:hidden` (checked on bytes, spaces ignored).
  var isHidden: Bool {
    var hidden = false
    forEachAttributeBytes { name, value in
      if hidden { return }
      switch name[0] | 0x20 {
      case UInt8(ascii: "h"):
        hidden = Self.name(name, equals: "hidden")
      case UInt8(ascii: "a"):
        hidden =
          Self.name(name, equals: "aria-hidden") && value.count == 4
          && Self.bytes(value, contain: "true")
      case UInt8(ascii: "s"):
        guard Self.name(name, equals: "style"), value.count >= 11 else { return }
        var squeezed: [UInt8] = []
        squeezed.reserveCapacity(value.count)
        for byte in value where byte != 0x20 { squeezed.append(byte) }
        hidden = squeezed.withUnsafeBufferPointer {
          Self.bytes($0, contain: "display:none") || Self.bytes($0, contain: "visibility:hidden")
        }
      default: break
      }
    }
    return hidden
  }

  /// Whether the element has any attribute at all (most elements have none).
  var hasAttributes: Bool { raw.pointee.properties != nil }

  private static func isClassOrID(_ name: UnsafePointer<UInt8>) -> Bool {
    let a = name[0] | 0x20
    if a == UInt8(ascii: "i") {
      return name[1] | 0x20 == UInt8(ascii: "d") && name[2] == 0
    }
    if a == UInt8(ascii: "c") {
      return name[1] | 0x20 == UInt8(ascii: "l") && name[2] | 0x20 == UInt8(ascii: "a")
        && name[3] | 0x20 == UInt8(ascii: "s") && name[4] | 0x20 == UInt8(ascii: "s")
        && name[5] == 0
    }
    return false
  }
}

extension UnsafeXMLNode {
  /// Calls `body` with each attribute's name and value bytes (the value's first text child, which
  /// is the whole value for HTML attributes), without building strings. On HTML pages only the
  /// attributes of `HTMLPrefilter.keptAttributes` are left.
  func forEachAttributeBytes(
    _ body: (_ name: UnsafePointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) -> Void
  ) {
    var attr = raw.pointee.properties
    while let current = attr {
      if let name = current.pointee.name {
        if let content = current.pointee.children?.pointee.content {
          body(name, UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
        } else {
          body(name, UnsafeBufferPointer(start: nil, count: 0))
        }
      }
      attr = current.pointee.next
    }
  }

  /// Whether a NUL-terminated name equals a lowercase ASCII name, ignoring case.
  static func name(_ name: UnsafePointer<UInt8>, equals lowercased: StaticString) -> Bool {
    let count = lowercased.utf8CodeUnitCount
    let expected = lowercased.utf8Start
    for index in 0..<count where name[index] | 0x20 != expected[index] || name[index] == 0 {
      return false
    }
    return name[count] == 0
  }

  /// Whether `bytes` contain a lowercase ASCII word, ignoring case.
  static func bytes(_ bytes: UnsafeBufferPointer<UInt8>, contain lowercased: StaticString) -> Bool {
    let count = lowercased.utf8CodeUnitCount
    let expected = lowercased.utf8Start
    guard bytes.count >= count else { return false }
    for start in 0...(bytes.count - count) where bytes[start] | 0x20 == expected[0] {
      var offset = 1
      while offset < count && bytes[start + offset] | 0x20 == expected[offset] { offset += 1 }
      if offset == count { return true }
    }
    return false
  }
}
