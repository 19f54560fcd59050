#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
package import NewsIndexCore

/// Streams one index file to disk: header, payload appended in order, then the checksummed footer.
///
/// Bytes are buffered and written in large chunks while a running CRC-32C is kept, so a segment
/// of any size is written in bounded memory. ``finish()`` writes the footer and fsyncs; a sink
/// dropped before `finish` leaves a file that no commit references and that fails validation.
package final class FileSink {
  package let path: String
  private var fd: Int32
  private var buffer = ByteWriter(reservingCapacity: 1 << 16)
  private var crc: UInt32 = 0
  /// Bytes handed to the kernel so far.
  private var flushedCount = 0
  private static let flushThreshold = 1 << 16

  /// Creates (or truncates) the file and writes the header of `kind`.
  package init(path: String, kind: IndexFileKind) throws(FormatError) {
    self.path = path
    fd = try FileIO.openForWriting(path)
    buffer = FileEnvelope.begin(kind)
  }

  deinit {
    if fd >= 0 { close(fd) }
  }

  /// Payload bytes appended so far (the offset of the next payload byte).
  package var payloadCount: Int { flushedCount + buffer.count - FileEnvelope.headerByteCount }

  package func append(_ bytes: [UInt8]) throws(FormatError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.flushThreshold { try flush() }
  }

  package func append(_ writer: ByteWriter) throws(FormatError) {
    try append(writer.bytes)
  }

  package func append(_ bytes: ArraySlice<UInt8>) throws(FormatError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= Self.flushThreshold { try flush() }
  }

  private func flush() throws(FormatError) {
    crc = buffer.bytes.withUnsafeBytes { CRC32C.checksum($0, continuing: crc) }
    try FileIO.writeAll(buffer.bytes, to: fd, path: path)
    flushedCount += buffer.count
    buffer.removeAll()
  }

  /// Writes the footer, fsyncs and closes. Returns the file's total byte count.
  @discardableResult
  package func finish() throws(FormatError) -> Int {
    buffer.appendUInt64(UInt64(payloadCount))
    let partial = buffer.bytes.withUnsafeBytes { CRC32C.checksum($0, continuing: crc) }
    buffer.appendUInt32(partial)
    buffer.append(contentsOf: FileEnvelope.footerMagic)
    // The footer's own bytes after the CRC are not covered by it, as FileEnvelope.validate expects.
    let total = flushedCount + buffer.count
    try FileIO.writeAll(buffer.bytes, to: fd, path: path)
    try FileIO.sync(fd, path: path)
    close(fd)
    fd = -1
    buffer.removeAll()
    return total
  }
}
