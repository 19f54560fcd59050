/// A regular file found by walking the build paths.
package struct SourceFile: Sendable, Hashable {
  /// The path to open: the build argument joined with the path below it.
  package var path: String
  /// The path relative to the folder it was found under, or the file name for a file given
  /// directly; document ids and `ExtractedDocument.path` start with it.
  package var relativePath: String
  package var byteCount: Int
  /// Seconds since 1970-01-01 UTC.
  package var modificationTime: Double

  package init(path: String, relativePath: String, byteCount: Int, modificationTime: Double) {
    self.path = path
    self.relativePath = relativePath
    self.byteCount = byteCount
    self.modificationTime = modificationTime
  }
}
