#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one-writer lock: an advisory `flock` on `write.lock`, released when the process ends.
///
/// Because the kernel drops the lock with the process, a build killed with SIGKILL leaves no stale
/// lock behind; the file itself may stay and means nothing on its own.
package final class WriteLock: @unchecked Sendable {
  private var fd: Int32

  /// Takes the lock or fails at once.
  /// - Throws: ``FormatError/locked(path:)`` when another process holds it.
  package init(directory: IndexDirectory) throws(FormatError) {
    let path = directory.filePath(IndexDirectory.lockFileName)
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw .notWritable(path: path, reason: FileIO.lastError()) }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      let wouldBlock = errno == EWOULDBLOCK
      let reason = FileIO.lastError()
      close(fd)
      fd = -1
      if wouldBlock { throw .locked(path: path) }
      throw .notWritable(path: path, reason: reason)
    }
  }

  /// Releases the lock (also done on deinit).
  package func release() {
    guard fd >= 0 else { return }
    flock(fd, LOCK_UN)
    close(fd)
    fd = -1
  }

  deinit { release() }
}
