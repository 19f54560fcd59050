/// Why a path or file yielded no documents.
///
/// Every case names the file; `description` is one line that starts with the path and says what
/// to do next. Extraction never throws for recoverable damage (bad bytes, broken markup, a bad
/// JSON line): those are repaired or skipped and the rest of the file is still indexed.
package enum ExtractError: Error, CustomStringConvertible, Equatable {
  /// The path does not exist.
  case notFound(path: String)
  /// The file or folder exists but could not be listed, opened or read.
  case unreadable(path: String, reason: String)
  /// A FIFO, device, socket or other special file; such files are never opened for reading.
  case notRegularFile(path: String)
  /// A folder reached again through a symbolic link; skipped to avoid walking forever.
  case symlinkLoop(path: String)
  /// The file is larger than `DocumentExtractor.maxFileBytes`.
  case tooLarge(path: String, byteCount: Int, limit: Int)
  /// A compressed file inflates to more than `limit` bytes (a gzip bomb, or a dump to split).
  case decompressedTooLarge(path: String, limit: Int)
  /// The file has no bytes, or only whitespace.
  case empty(path: String)
  /// The file holds NUL bytes or many control bytes: not text.
  case binary(path: String)
  /// The file's structure could not be parsed at all.
  case malformed(path: String, reason: String)

  package var description: String {
    switch self {
    case .notFound(let path):
      "\(path): no such file or folder; check the path"
    case .unreadable(let path, let reason):
      "\(path): cannot read (\(reason)); check its permissions"
    case .notRegularFile(let path):
      "\(path): not a regular file (FIFO, device or socket); skipped"
    case .symlinkLoop(let path):
      "\(path): symbolic link leads back to a folder already walked; skipped"
    case .tooLarge(let path, let byteCount, let limit):
      "\(path): \(byteCount) bytes exceeds the limit of \(limit) bytes; split the file or raise the limit"
    case .decompressedTooLarge(let path, let limit):
      "\(path): decompresses to more than the limit of \(limit) bytes; split the file or raise the limit"
    case .empty(let path):
      "\(path): empty file; skipped"
    case .binary(let path):
      "\(path): binary content (NUL or control bytes), not text; skipped"
    case .malformed(let path, let reason):
      "\(path): cannot parse (\(reason)); fix or remove the file"
    }
  }
}
