/// One unit of extraction the caller hands to a build: a whole file, or a slice of a large one.
package struct BuildSource: Sendable, Equatable {
  /// The key of the index's source catalog: the file's absolute path as text. `newsindex build`
  /// uses the escaped raw path (`EscapedPath` in NewsIndexExtract), which is injective, so two
  /// different raw names never share a key and the same file gets the same key on every run.
  package var fileKey: String
  /// Bytes of this source (of the slice, for a slice), used to balance work.
  package var byteCount: Int
  /// Bytes of the whole file.
  package var fileByteCount: Int
  /// Seconds since 1970.
  package var modificationTime: Double

  package init(fileKey: String, byteCount: Int, fileByteCount: Int, modificationTime: Double) {
    self.fileKey = fileKey
    self.byteCount = byteCount
    self.fileByteCount = fileByteCount
    self.modificationTime = modificationTime
  }
}

/// How the files of an incremental build compared with the previous commit's.
package struct SourceChanges: Sendable, Equatable {
  package var added = 0
  package var updated = 0
  package var deleted = 0
  package var unchanged = 0
}
