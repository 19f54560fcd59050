/// A regular file found by walking the build paths.
///
/// Files are opened by their raw bytes (``rawPath``); every text form of the path is the
/// ``EscapedPath`` of those bytes, so names that are not valid UTF-8 or hold newlines are
/// indexed like any other and never break a line of output.
package struct SourceFile: Sendable, Hashable {
  /// The path to open, as raw bytes (no terminating NUL): the build argument joined with the
  /// names below it.
  package var rawPath: [UInt8]
  /// The relative path below the folder it was found under, or the file name for a file given
  /// directly, escaped (``EscapedPath``); document ids and `ExtractedDocument.path` start with it.
  package var relativePath: String
  package var byteCount: Int
  /// Seconds since 1970-01-01 UTC.
  package var modificationTime: Double

  /// The path to show and to put in messages: ``rawPath`` escaped (``EscapedPath``).
  package var path: String { EscapedPath.text(rawPath) }

  package init(rawPath: [UInt8], relativePath: String, byteCount: Int, modificationTime: Double) {
    self.rawPath = rawPath
    self.relativePath = relativePath
    self.byteCount = byteCount
    self.modificationTime = modificationTime
  }

  /// A file whose path is text (its UTF-8 bytes are the raw path).
  package init(path: String, relativePath: String, byteCount: Int, modificationTime: Double) {
    self.init(
      rawPath: Array(path.utf8), relativePath: relativePath, byteCount: byteCount,
      modificationTime: modificationTime)
  }

  /// The absolute path, escaped: ``rawPath`` made absolute against `workingFolder` (raw bytes,
  /// see ``FileWalker/workingFolder()``) with `.` and `..` removed lexically. The same file gets
  /// the same absolute path from any working folder; incremental builds key their catalog by it.
  package func absolutePath(workingFolder: [UInt8]) -> String {
    EscapedPath.text(EscapedPath.absolute(rawPath, workingFolder: workingFolder))
  }
}
