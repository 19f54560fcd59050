#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few POSIX calls the format needs for durable writes, with errors as ``FormatError``.
///
/// Every write of an index file goes through here: opening for writing, `write`, `fsync` and
/// rename each ask the test-only ``FaultPlan`` first, and every `write` polls
/// ``WriteInterruption``. A full file system becomes ``FormatError/noSpace(path:)``.
package enum FileIO {
  /// Writes `bytes` to a new file at `path` (replacing one), then fsyncs it.
  package static func writeDurably(_ bytes: [UInt8], to path: String) throws(FormatError) {
    let fd = try openForWriting(path)
    defer { close(fd) }
    try writeAll(bytes, to: fd, path: path)
    try sync(fd, path: path)
  }

  /// Creates (or truncates) `path` for writing and returns its descriptor.
  package static func openForWriting(_ path: String) throws(FormatError) -> Int32 {
    if let injected = FaultPlan.injectedError(.write, path: path) {
      throw writeFailure(path: path, errorNumber: injected)
    }
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw writeFailure(path: path, errorNumber: errno) }
    return fd
  }

  /// Writes all of `bytes` to `fd`, retrying short writes and EINTR.
  /// - Throws: ``FormatError/interrupted(signal:)`` when a stop was requested, before writing.
  package static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(FormatError) {
    try WriteInterruption.check()
    if let injected = FaultPlan.injectedError(.write, path: path) {
      throw writeFailure(path: path, errorNumber: injected)
    }
    let failure: Int32? = bytes.withUnsafeBytes { raw in
      var written = 0
      while written < raw.count {
        let n = write(fd, raw.baseAddress! + written, raw.count - written)
        if n < 0 {
          if errno == EINTR { continue }
          return errno
        }
        written += n
      }
      return nil
    }
    if let failure { throw writeFailure(path: path, errorNumber: failure) }
  }

  /// Flushes `fd` to stable storage.
  package static func sync(_ fd: Int32, path: String) throws(FormatError) {
    if let injected = FaultPlan.injectedError(.write, path: path) {
      throw writeFailure(path: path, errorNumber: injected)
    }
    guard fsync(fd) == 0 else { throw writeFailure(path: path, errorNumber: errno) }
  }

  /// Renames atomically (same file system), then fsyncs the folder so the rename is durable.
  package static func renameDurably(from source: String, to target: String, inDirectory directory: String)
    throws(FormatError)
  {
    if let injected = FaultPlan.injectedError(.write, path: target) {
      throw writeFailure(path: target, errorNumber: injected)
    }
    guard rename(source, target) == 0 else { throw writeFailure(path: target, errorNumber: errno) }
    syncDirectory(directory)
  }

  package static func syncDirectory(_ directory: String) {
    let fd = open(directory, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }

  /// Throws ``FormatError/unreadable(path:reason:)`` when the ``FaultPlan`` fails this read.
  package static func checkRead(_ path: String) throws(FormatError) {
    if let injected = FaultPlan.injectedError(.read, path: path) {
      throw .unreadable(path: path, reason: String(cString: strerror(injected)))
    }
  }

  /// The error for a failed write: ``FormatError/noSpace(path:)`` for a full file system.
  package static func writeFailure(path: String, errorNumber: Int32) -> FormatError {
    if errorNumber == ENOSPC || errorNumber == EDQUOT { return .noSpace(path: path) }
    return .notWritable(path: path, reason: String(cString: strerror(errorNumber)))
  }

  package static func lastError() -> String { String(cString: strerror(errno)) }
}
