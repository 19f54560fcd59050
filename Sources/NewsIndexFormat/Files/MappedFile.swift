#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A read-only memory map of a whole file, unmapped when the last reference goes.
///
/// Views handed out by ``bytes`` are valid only while the `MappedFile` is alive; readers keep a
/// strong reference next to every view they store.
package final class MappedFile: @unchecked Sendable {
  package let path: String
  package let bytes: UnsafeRawBufferPointer

  /// Maps the file at `path`.
  /// - Throws: ``FormatError/unreadable(path:reason:)`` when it cannot be opened or mapped.
  package init(path: String) throws(FormatError) {
    self.path = path
    try FileIO.checkRead(path)
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
    guard (info.st_mode & S_IFMT) == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
    let count = Int(info.st_size)
    if count == 0 {
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
    guard let address, address != MAP_FAILED else {
      throw .unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    bytes = UnsafeRawBufferPointer(start: address, count: count)
  }

  deinit {
    if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
  }
}
