/// A bounds-checked little-endian cursor over bytes that someone else owns (usually a mapped file).
///
/// `read…` consumes and advances; `…(at:)` is random access and leaves the cursor alone. Every
/// read checks bounds and throws ``ByteReader/OutOfBounds`` instead of trapping, so a truncated or
/// damaged file becomes an error, never a crash.
///
/// The reader holds an unowned view: it is valid only while the owner of `base` keeps it alive.
package struct ByteReader: @unchecked Sendable {
  /// Thrown when a read would cross the end of the view.
  package struct OutOfBounds: Error, Equatable {
    /// Where the read started, relative to the view.
    package var byteOffset: Int
    /// How many bytes it needed.
    package var byteCount: Int

    @inlinable package init(byteOffset: Int, byteCount: Int) {
      self.byteOffset = byteOffset
      self.byteCount = byteCount
    }
  }

  package let base: UnsafeRawBufferPointer
  /// The next byte to read, relative to `base`.
  package var offset: Int

  @inlinable package init(_ base: UnsafeRawBufferPointer, offset: Int = 0) {
    self.base = base
    self.offset = offset
  }

  @inlinable @inline(__always) package var remaining: Int { base.count - offset }
  @inlinable @inline(__always) package var isAtEnd: Bool { offset >= base.count }

  @inlinable @inline(__always) func check(_ at: Int, _ count: Int) throws(OutOfBounds) {
    guard at >= 0, count >= 0, at <= base.count - count else {
      throw OutOfBounds(byteOffset: at, byteCount: count)
    }
  }

  @inlinable package mutating func readByte() throws(OutOfBounds) -> UInt8 {
    try check(offset, 1)
    defer { offset += 1 }
    return base[offset]
  }

  package func uint16(at byteOffset: Int) throws(OutOfBounds) -> UInt16 {
    try check(byteOffset, 2)
    return UInt16(littleEndian: base.loadUnaligned(fromByteOffset: byteOffset, as: UInt16.self))
  }

  package func uint32(at byteOffset: Int) throws(OutOfBounds) -> UInt32 {
    try check(byteOffset, 4)
    return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: byteOffset, as: UInt32.self))
  }

  package func uint64(at byteOffset: Int) throws(OutOfBounds) -> UInt64 {
    try check(byteOffset, 8)
    return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: byteOffset, as: UInt64.self))
  }

  package mutating func readUInt16() throws(OutOfBounds) -> UInt16 {
    let value = try uint16(at: offset)
    offset += 2
    return value
  }

  package mutating func readUInt32() throws(OutOfBounds) -> UInt32 {
    let value = try uint32(at: offset)
    offset += 4
    return value
  }

  package mutating func readUInt64() throws(OutOfBounds) -> UInt64 {
    let value = try uint64(at: offset)
    offset += 8
    return value
  }

  package mutating func readFloat64() throws(OutOfBounds) -> Double {
    Double(bitPattern: try readUInt64())
  }

  /// Reads an unsigned LEB128 varint written by ``ByteWriter/appendVarInt(_:)-(UInt64)``.
  ///
  /// Rejects encodings longer than ten bytes, so a run of `0x80` bytes cannot loop far.
  @inlinable @inline(__always) package mutating func readVarInt() throws(OutOfBounds) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    let start = offset
    while true {
      guard offset < base.count, shift < 64 else {
        throw OutOfBounds(byteOffset: start, byteCount: offset - start + 1)
      }
      let byte = base[offset]
      offset += 1
      result |= UInt64(byte & 0x7f) << shift
      if byte < 0x80 { return result }
      shift += 7
    }
  }

  /// Reads a varint that must fit in `Int` and be at most `limit`.
  @inlinable @inline(__always) package mutating func readVarInt(limit: Int) throws(OutOfBounds) -> Int {
    let start = offset
    let value = try readVarInt()
    guard value <= UInt64(max(limit, 0)) else { throw OutOfBounds(byteOffset: start, byteCount: offset - start) }
    return Int(value)
  }

  /// Returns a view of the next `count` bytes and advances past them.
  @inlinable package mutating func readBytes(_ count: Int) throws(OutOfBounds) -> UnsafeRawBufferPointer {
    try check(offset, count)
    defer { offset += count }
    return UnsafeRawBufferPointer(rebasing: base[offset..<offset + count])
  }

  /// Reads a varint length followed by that many bytes, as a view.
  @inlinable package mutating func readLengthPrefixed() throws(OutOfBounds) -> UnsafeRawBufferPointer {
    let count = try readVarInt(limit: remaining)
    return try readBytes(count)
  }

  /// Reads a varint length followed by that many bytes, decoded as UTF-8 (repairing bad bytes).
  package mutating func readLengthPrefixedString() throws(OutOfBounds) -> String {
    String(decoding: try readLengthPrefixed(), as: UTF8.self)
  }
}
