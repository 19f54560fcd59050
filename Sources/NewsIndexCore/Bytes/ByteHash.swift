/// A fast in-memory hash of short byte strings (terms, words), eight bytes at a time.
///
/// Terms average six bytes: hashing them byte by byte (FNV-1a) is a chain of dependent
/// multiplications per byte, and it was most of what interning a term and finding its stem
/// cost. This reads whole words instead (overlapping loads for the tail, never a byte past the
/// end) and mixes each with one multiplication. Only for in-memory tables: the value is not part
/// of any file and may change between versions.
package enum ByteHash {
  /// The hash of `bytes`, with `seed` mixed in first (a field number, say).
  @inline(__always)
  package static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
    let count = bytes.count
    var h = (seed &+ 0x9E37_79B9_7F4A_7C15) ^ (UInt64(truncatingIfNeeded: count) &* 0xC2B2_AE3D_27D4_EB4F)
    guard count > 0, let base = bytes.baseAddress else { return mix(h) }
    var i = 0
    while i + 8 <= count {
      h = mix(h ^ UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
      i += 8
    }
    guard i < count else { return h }
    let tail: UInt64
    if count >= 8 {
      tail = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
    } else if count >= 4 {
      let low = UInt64(UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)))
      let high = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
      tail = low | high << 32
    } else {
      tail = UInt64(bytes[0]) | UInt64(bytes[count / 2]) << 8 | UInt64(bytes[count - 1]) << 16
    }
    return mix(h ^ tail)
  }

  @inline(__always) private static func mix(_ value: UInt64) -> UInt64 {
    var x = (value ^ (value >> 32)) &* 0xD6E8_FEB8_6659_FD93
    x = (x ^ (x >> 32)) &* 0xD6E8_FEB8_6659_FD93
    return x ^ (x >> 32)
  }
}
