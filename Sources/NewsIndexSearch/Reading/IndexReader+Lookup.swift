package import NewsIndexCore
package import NewsIndexFormat

extension IndexReader {
  /// Whether the document numbered `docNumber` was deleted.
  package func isDeleted(_ docNumber: Int) -> Bool {
    let (segment, docID) = locate(docNumber)
    return segments[segment].isDeleted(docID)
  }

  /// ``documentNumber(id:)``, as `explain` and `similar` name it.
  package func documentNumber(ofID id: String) throws(FormatError) -> Int? { try documentNumber(id: id) }

  /// The index-wide number of the live document whose stored id is `id`; nil when there is none.
  /// - Complexity: one pass over the segments' uncompressed id tables (nothing decompressed).
  package func documentNumber(id: String) throws(FormatError) -> Int? {
    for (ordinal, segment) in segments.enumerated() {
      for doc in 0..<segment.documentCount where !segment.isDeleted(DocID(doc)) {
        if try segment.storedID(DocID(doc)) == id { return segmentBases[ordinal] + doc }
      }
    }
    return nil
  }

  /// The stored fields of the live document `id`; nil when the index has none.
  package func storedDocument(id: String) throws(FormatError) -> ExtractedDocument? {
    guard let number = try documentNumber(id: id) else { return nil }
    return try storedDocument(number)
  }

  /// The absolute path of a document's source file, from its stored (root-relative) path and the
  /// roots the commit records; the stored path itself for an index without recorded roots.
  package func absolutePath(of document: ExtractedDocument) -> String {
    SourceRoot.absolutePath(of: document.path, roots: commit.roots ?? [])
  }
}

extension SourceRoot {
  /// The absolute path of a stored document path (`label/relative`, or the bare relative path of
  /// the unlabelled root); `path` itself when no root claims it.
  package static func absolutePath(of path: String, roots: [SourceRoot]) -> String {
    for root in roots where !root.label.isEmpty {
      if root.isFile, path == root.label { return root.path }
      if !root.isFile, path.hasPrefix(root.label + "/") {
        return join(root.path, String(path.dropFirst(root.label.count + 1)))
      }
    }
    if let root = roots.first(where: { $0.label.isEmpty }) {
      return root.isFile ? root.path : join(root.path, path)
    }
    return path
  }

  private static func join(_ folder: String, _ relative: String) -> String {
    folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
  }
}
