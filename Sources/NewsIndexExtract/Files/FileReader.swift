import Glibc

/// Reads a whole regular file with POSIX calls.
enum FileReader {
  /// Opens `rawPath` non-blocking (so a FIFO swapped in after the walk cannot hang the build),
  /// checks with `fstat` that it is a regular file no larger than `limit`, and reads it.
  /// Errors name the path by its ``EscapedPath`` text.
  static func readAll(rawPath: [UInt8], limit: Int) throws(ExtractError) -> [UInt8] {
    let path = EscapedPath.text(rawPath)
    let descriptor = EscapedPath.withCPath(rawPath) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
    guard descriptor >= 0 else {
      let code = errno
      throw code == ENOENT
        ? .notFound(path: path) : .unreadable(path: path, reason: FileWalker.reason(code))
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      throw .unreadable(path: path, reason: FileWalker.reason(errno))
    }
    guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegularFile(path: path) }
    let size = Int(info.st_size)
    guard size <= limit else { throw .tooLarge(path: path, byteCount: size, limit: limit) }
    var bytes = [UInt8](repeating: 0, count: size)
    var filled = 0
    var failure: Int32 = 0
    bytes.withUnsafeMutableBytes { buffer in
      while filled < size {
        let count = read(descriptor, buffer.baseAddress! + filled, size - filled)
        if count < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        if count == 0 { break }
        filled += count
      }
    }
    guard failure == 0 else { throw .unreadable(path: path, reason: FileWalker.reason(failure)) }
    if filled < size { bytes.removeSubrange(filled...) }
    return bytes
  }
}
