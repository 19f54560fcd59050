package import NewsIndexCore

/// The header and footer that frame every segment file.
///
/// ```
/// header (16 bytes): magic "NWIX" | kind tag (4 ASCII bytes) | version u16 | reserved u16 = 0 | reserved u32 = 0
/// payload
/// footer (16 bytes): payload byte count u64 | CRC-32C of every preceding byte u32 | magic "XIWN"
/// ```
/// All integers little-endian. A reader checks magic, kind, version, the payload length and the
/// checksum before it decodes a byte of the payload.
package enum FileEnvelope {
  package static let headerByteCount = 16
  package static let footerByteCount = 16
  package static let magic: [UInt8] = Array("NWIX".utf8)
  package static let footerMagic: [UInt8] = Array("XIWN".utf8)

  /// Starts a file of `kind`: returns a writer holding its header.
  package static func begin(_ kind: IndexFileKind, reservingCapacity capacity: Int = 0) -> ByteWriter {
    begin(tag: kind.tag, reservingCapacity: capacity)
  }

  /// Starts a file with the kind tag `tag` (a file of the commit rather than of a segment, such
  /// as the duplicate table): returns a writer holding its header.
  package static func begin(tag: [UInt8], reservingCapacity capacity: Int = 0) -> ByteWriter {
    precondition(tag.count == 4, "kind tags are four bytes")
    var writer = ByteWriter(reservingCapacity: capacity + headerByteCount + footerByteCount)
    writer.append(contentsOf: magic)
    writer.append(contentsOf: tag)
    writer.appendUInt16(FormatVersion.current)
    writer.appendUInt16(0)
    writer.appendUInt32(0)
    return writer
  }

  /// Appends the footer to a writer made by ``begin(_:reservingCapacity:)``.
  package static func end(_ writer: inout ByteWriter) {
    writer.appendUInt64(UInt64(writer.count - headerByteCount))
    let crc = writer.bytes.withUnsafeBytes { CRC32C.checksum($0) }
    writer.appendUInt32(crc)
    writer.append(contentsOf: footerMagic)
  }

  /// Checks a whole file's framing and checksum; returns the payload's byte range.
  package static func validate(
    _ bytes: UnsafeRawBufferPointer, kind: IndexFileKind, path: String
  ) throws(FormatError) -> Range<Int> {
    try validate(bytes, tag: kind.tag, name: kind.rawValue, path: path)
  }

  /// Checks the framing and checksum of a file with the kind tag `tag` (`name` for messages).
  package static func validate(
    _ bytes: UnsafeRawBufferPointer, tag: [UInt8], name: String, path: String
  ) throws(FormatError) -> Range<Int> {
    let minimum = headerByteCount + footerByteCount
    guard bytes.count >= minimum else {
      throw .truncated(path: path, byteOffset: bytes.count, bytesNeeded: minimum - bytes.count)
    }
    guard bytes[0..<4].elementsEqual(magic) else { throw .badMagic(path: path, expected: name) }
    guard bytes[4..<8].elementsEqual(tag) else {
      throw .wrongKind(
        path: path, found: String(decoding: bytes[4..<8], as: UTF8.self),
        expected: String(decoding: tag, as: UTF8.self))
    }
    let reader = ByteReader(bytes)
    let version = (try? reader.uint16(at: 8)) ?? 0
    guard FormatVersion.readable.contains(version) else {
      throw .unsupportedVersion(path: path, found: version, supported: FormatVersion.readable)
    }
    let footer = bytes.count - footerByteCount
    guard bytes[(footer + 12)..<(footer + 16)].elementsEqual(footerMagic) else {
      throw .truncated(path: path, byteOffset: bytes.count, bytesNeeded: footerByteCount)
    }
    let payloadCount = (try? reader.uint64(at: footer)) ?? 0
    guard payloadCount == UInt64(footer - headerByteCount) else {
      throw .corrupt(
        path: path, byteOffset: footer,
        reason: "footer says \(payloadCount) payload bytes, file has \(footer - headerByteCount)")
    }
    let stored = (try? reader.uint32(at: footer + 8)) ?? 0
    let computed = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<(footer + 8)]))
    guard stored == computed else { throw .checksumMismatch(path: path, stored: stored, computed: computed) }
    return headerByteCount..<footer
  }
}

/// Versions of the on-disk format; FileFormat.md has the history.
package enum FormatVersion {
  /// Written by this binary.
  package static let current: UInt16 = 3
  /// Read by this binary.
  package static let readable: ClosedRange<UInt16> = 3...3
}
