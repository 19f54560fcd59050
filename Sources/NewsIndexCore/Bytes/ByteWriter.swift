/// A growable little-endian byte buffer: the one way index bytes are produced.
///
/// Writers append; nothing is ever overwritten except through `setUInt32(_:at:)`, which patches
/// a length or offset reserved earlier.
package struct ByteWriter: Sendable {
  @usableFromInline package private(set) var bytes: [UInt8]

  package init(reservingCapacity capacity: Int = 0) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  /// Number of bytes written so far; the offset the next append lands at.
  @inline(__always) package var count: Int { bytes.count }

  @inline(__always) package mutating func appendByte(_ value: UInt8) {
    bytes.append(value)
  }

  package mutating func append(contentsOf other: some Sequence<UInt8>) {
    bytes.append(contentsOf: other)
  }

  /// Appends an array's bytes (a plain copy; the generic version above is not specialized
  /// across modules and costs a call per byte).
  @inlinable package mutating func append(contentsOf other: [UInt8]) {
    other.withUnsafeBytes { bytes.append(contentsOf: $0) }
  }

  /// Appends a slice's bytes with one copy.
  @inlinable package mutating func append(contentsOf other: ArraySlice<UInt8>) {
    other.withUnsafeBytes { bytes.append(contentsOf: $0) }
  }

  package mutating func append(_ raw: UnsafeRawBufferPointer) {
    bytes.append(contentsOf: raw)
  }

  package mutating func appendUInt16(_ value: UInt16) {
    appendFixed(value.littleEndian)
  }

  package mutating func appendUInt32(_ value: UInt32) {
    appendFixed(value.littleEndian)
  }

  package mutating func appendUInt64(_ value: UInt64) {
    appendFixed(value.littleEndian)
  }

  package mutating func appendFloat64(_ value: Double) {
    appendUInt64(value.bitPattern)
  }

  @inline(__always) private mutating func appendFixed<T: FixedWidthInteger>(_ value: T) {
    withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
  }

  /// Appends `value` as an unsigned LEB128 varint (7 bits per byte, low bits first).
  @inline(__always) package mutating func appendVarInt(_ value: UInt64) {
    var v = value
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  @inline(__always) package mutating func appendVarInt(_ value: UInt32) {
    appendVarInt(UInt64(value))
  }

  @inline(__always) package mutating func appendVarInt(_ value: Int) {
    precondition(value >= 0, "varints are unsigned")
    appendVarInt(UInt64(value))
  }

  /// Appends a varint byte count followed by the UTF-8 bytes of `string`.
  package mutating func appendLengthPrefixed(_ string: String) {
    var s = string
    s.withUTF8 { utf8 in
      appendVarInt(utf8.count)
      bytes.append(contentsOf: utf8)
    }
  }

  /// Appends a varint byte count followed by `raw`.
  package mutating func appendLengthPrefixed(_ raw: UnsafeRawBufferPointer) {
    appendVarInt(raw.count)
    bytes.append(contentsOf: raw)
  }

  /// Overwrites four bytes written earlier (a reserved length or offset).
  package mutating func setUInt32(_ value: UInt32, at byteOffset: Int) {
    withUnsafeBytes(of: value.littleEndian) { raw in
      for i in 0..<4 { bytes[byteOffset + i] = raw[i] }
    }
  }

  /// Empties the buffer but keeps its storage for reuse.
  package mutating func removeAll() {
    bytes.removeAll(keepingCapacity: true)
  }
}
