import Glibc
import NewsIndexCore

/// Content fingerprints of source files, for incremental builds.
package enum FileHasher {
  /// CRC-32C of the file's bytes in the low 32 bits, its size modulo 2^32 in the high 32 bits;
  /// nil when the file cannot be read. Reads in 1 MiB chunks (bounded memory for any size).
  ///
  /// - Parameter escapedPath: the file's ``EscapedPath`` text (a source catalog key); the file
  ///   is opened by the raw bytes it stands for.
  package static func contentHash(escapedPath: String) -> UInt64? {
    contentHash(rawPath: EscapedPath.rawBytes(escapedPath))
  }

  /// ``contentHash(escapedPath:)`` for a path given as raw bytes.
  package static func contentHash(rawPath: [UInt8]) -> UInt64? {
    let fd = EscapedPath.withCPath(rawPath) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var crc: UInt32 = 0
    var total: UInt64 = 0
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if n == 0 { break }
      crc = buffer.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<n]), continuing: crc) }
      total += UInt64(n)
    }
    return (total & 0xFFFF_FFFF) << 32 | UInt64(crc)
  }
}
