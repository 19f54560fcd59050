#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few POSIX calls the format needs for durable writes, with errors as ``FormatError``.
package enum FileIO {
  /// Writes `bytes` to a new file at `path` (replacing one), then fsyncs it.
  package static func writeDurably(_ bytes: [UInt8], to path: String) throws(FormatError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw .notWritable(path: path, reason: lastError()) }
    defer { close(fd) }
    try writeAll(bytes, to: fd, path: path)
    guard fsync(fd) == 0 else { throw .notWritable(path: path, reason: lastError()) }
  }

  /// Writes all of `bytes` to `fd`, retrying short writes and EINTR.
  package static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(FormatError) {
    let failure: String? = bytes.withUnsafeBytes { raw in
      var written = 0
      while written < raw.count {
        let n = write(fd, raw.baseAddress! + written, raw.count - written)
        if n < 0 {
          if errno == EINTR { continue }
          return lastError()
        }
        written += n
      }
      return nil
    }
    if let failure { throw .notWritable(path: path, reason: failure) }
  }

  /// Renames atomically (same file system), then fsyncs the folder so the rename is durable.
  package static func renameDurably(from source: String, to target: String, inDirectory directory: String)
    throws(FormatError)
  {
    guard rename(source, target) == 0 else { throw .notWritable(path: target, reason: lastError()) }
    syncDirectory(directory)
  }

  package static func syncDirectory(_ directory: String) {
    let fd = open(directory, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }

  package static func lastError() -> String { String(cString: strerror(errno)) }
}
