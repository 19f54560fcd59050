import CLibXML2

/// Parsing entry points over libxml2; the only place that creates or frees libxml2 documents.
///
/// Both parsers get bytes that are already clean UTF-8 (see `CharsetDecoder`), the encoding
/// `"UTF-8"` and `*_PARSE_IGNORE_ENC`, so a wrong `<meta charset>` or `encoding=` declaration
/// cannot re-decode them. Options are the safe set of STYLE.md §6: `NONET`, never `NOENT`,
/// `DTDLOAD` or `HUGE` — external entities are never loaded and entity loops are rejected.
enum LibXML {
  /// `xmlInitParser()`, run once per process before the first parse.
  private static let initialized: Bool = {
    xmlInitParser()
    return true
  }()

  static let htmlOptions = Int32(
    HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
      | HTML_PARSE_NOWARNING.rawValue
      | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_COMPACT.rawValue)

  static let xmlOptions = Int32(
    XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
      | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue
      | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_COMPACT.rawValue)

  /// Error handlers are per thread in this libxml2 build: install a silent structured handler
  /// on the calling thread right before each parse (`xmlSetStructuredErrorFunc`). With
  /// `depthExceeded`, the handler sets it when libxml2 reports "Excessive depth in document"
  /// (nesting beyond 256 levels: the parser stops there and the rest of the file is lost);
  /// call ``finishThread()`` after the parse, before the pointer dies.
  private static func prepareThread(depthExceeded: UnsafeMutablePointer<Bool>? = nil) {
    _ = initialized
    xmlSetStructuredErrorFunc(
      depthExceeded.map(UnsafeMutableRawPointer.init),
      { context, error in
        guard let context, let message = error?.pointee.message else { return }
        if String(cString: message).hasPrefix("Excessive depth") {
          context.assumingMemoryBound(to: Bool.self).pointee = true
        }
      })
  }

  /// Removes the handler's context pointer installed by ``prepareThread(depthExceeded:)``.
  private static func finishThread() {
    xmlSetStructuredErrorFunc(nil, { _, _ in })
  }

  /// The character of an HTML named entity (`eacute` → é) from libxml2's table
  /// (`htmlEntityLookup`); nil for an unknown name.
  static func htmlEntity(named name: String) -> Unicode.Scalar? {
    guard let entry = htmlEntityLookup(name) else { return nil }
    return Unicode.Scalar(entry.pointee.value)
  }

  /// Parses UTF-8 HTML with `htmlReadMemory` and calls `body` with the document node.
  ///
  /// The node is valid only during `body`; the document is freed (`xmlFreeDoc`) afterwards.
  /// - Returns: `body`'s result, or `nil` when libxml2 produced no document.
  static func withHTMLDocument<R>(utf8 bytes: [UInt8], _ body: (UnsafeXMLNode) -> R) -> R? {
    withHTMLDocument(utf8: bytes, checkingDepth: { node, _ in body(node) })
  }

  /// ``withHTMLDocument(utf8:_:)`` whose `body` also learns whether libxml2 stopped at its
  /// nesting limit (then the tree holds only the part of the file above it).
  static func withHTMLDocument<R>(
    utf8 bytes: [UInt8], checkingDepth body: (UnsafeXMLNode, _ depthExceeded: Bool) -> R
  ) -> R? {
    watchingDepth { flag in parseHTML(bytes) { body($0, flag.pointee) } }
  }

  private static func parseHTML<R>(_ bytes: [UInt8], _ body: (UnsafeXMLNode) -> R) -> R? {
    guard bytes.count < Int(Int32.max) else { return nil }
    return bytes.withUnsafeBufferPointer { buffer -> R? in
      guard let base = buffer.baseAddress else { return nil }
      let chars = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
      guard let doc = htmlReadMemory(chars, Int32(buffer.count), nil, "UTF-8", htmlOptions) else {
        return nil
      }
      defer { xmlFreeDoc(doc) }
      return doc.withMemoryRebound(to: xmlNode.self, capacity: 1) { body(UnsafeXMLNode($0)) }
    }
  }

  /// Parses UTF-8 XML with `xmlReadMemory` and calls `body` with the root element.
  ///
  /// The node is valid only during `body`; the document is freed (`xmlFreeDoc`) afterwards.
  /// - Returns: `body`'s result, or `nil` when libxml2 produced no document or no root element.
  static func withXMLRoot<R>(utf8 bytes: [UInt8], _ body: (UnsafeXMLNode) -> R) -> R? {
    withXMLRoot(utf8: bytes, checkingDepth: { node, _ in body(node) })
  }

  /// ``withXMLRoot(utf8:_:)`` whose `body` also learns whether libxml2 stopped at its
  /// nesting limit (then the tree holds only the part of the file above it).
  static func withXMLRoot<R>(
    utf8 bytes: [UInt8], checkingDepth body: (UnsafeXMLNode, _ depthExceeded: Bool) -> R
  ) -> R? {
    watchingDepth { flag in parseXML(bytes) { body($0, flag.pointee) } }
  }

  /// Runs `parse` with this thread's error handler watching for libxml2's nesting limit; `parse`
  /// reads through its argument whether the limit was hit.
  private static func watchingDepth<R>(_ parse: (_ depthExceeded: UnsafeMutablePointer<Bool>) -> R?) -> R? {
    var depthExceeded = false
    return withUnsafeMutablePointer(to: &depthExceeded) { flag in
      prepareThread(depthExceeded: flag)
      defer { finishThread() }
      return parse(flag)
    }
  }

  private static func parseXML<R>(_ bytes: [UInt8], _ body: (UnsafeXMLNode) -> R) -> R? {
    guard bytes.count < Int(Int32.max) else { return nil }
    return bytes.withUnsafeBufferPointer { buffer -> R? in
      guard let base = buffer.baseAddress else { return nil }
      let chars = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
      guard let doc = xmlReadMemory(chars, Int32(buffer.count), nil, "UTF-8", xmlOptions) else {
        return nil
      }
      defer { xmlFreeDoc(doc) }
      guard let root = xmlDocGetRootElement(doc) else { return nil }
      return body(UnsafeXMLNode(root))
    }
  }
}
