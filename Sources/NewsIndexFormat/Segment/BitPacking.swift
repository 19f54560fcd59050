/// Fixed-width bit packing of blocks of ``BitPacking/blockSize`` unsigned integers.
///
/// Value `i` occupies bits `[i·w, (i+1)·w)` of a little-endian bit stream of exactly `16·w`
/// bytes (`128·w / 8`), `w` in `0...32`. Width 0 encodes a block of zeros in no bytes.
package enum BitPacking {
  package static let blockSize = 128

  /// Bits needed for the largest of `values`.
  @inline(__always) package static func width(of values: UnsafeBufferPointer<UInt32>) -> Int {
    var bits: UInt32 = 0
    for value in values { bits |= value }
    return UInt32.bitWidth - bits.leadingZeroBitCount
  }

  /// Bytes of a packed block of width `width`.
  @inline(__always) package static func byteCount(width: Int) -> Int { 16 * width }

  /// Appends `values` packed at `width` bits to `out`: a block's 128 values fill exactly
  /// ``byteCount(width:)`` bytes; another count is padded with zero bits to a whole byte.
  package static func pack(_ values: UnsafeBufferPointer<UInt32>, width: Int, into out: inout [UInt8]) {
    precondition((0...32).contains(width), "bad width")
    guard width > 0 else { return }
    var accumulator: UInt64 = 0
    var bits = 0
    for value in values {
      accumulator |= UInt64(value) << UInt64(bits)
      bits += width
      while bits >= 8 {
        out.append(UInt8(truncatingIfNeeded: accumulator))
        accumulator >>= 8
        bits -= 8
      }
    }
    if bits > 0 { out.append(UInt8(truncatingIfNeeded: accumulator)) }
  }

  /// Unpacks 128 values of `width` bits from `bytes` starting at `offset` into `out`.
  ///
  /// - Returns: false when `bytes` is too short (a damaged file); `out` is then unspecified.
  @inline(__always)
  package static func unpack(
    _ bytes: UnsafeRawBufferPointer, at offset: Int, width: Int, into out: UnsafeMutablePointer<UInt32>
  ) -> Bool {
    guard width > 0 else {
      out.update(repeating: 0, count: blockSize)
      return true
    }
    let length = byteCount(width: width)
    guard width <= 32, offset >= 0, offset <= bytes.count - length else { return false }
    let mask: UInt64 = (1 << UInt64(width)) - 1
    if offset + length + 8 <= bytes.count {
      // Fast path: an unaligned 8-byte load per value (the bytes after the block are readable),
      // through a loop specialized for the width (constant shifts and offsets).
      unpackSpecialized(bytes.baseAddress! + offset, width: width, into: out)
    } else {
      var bit = 0
      for i in 0..<blockSize {
        var value: UInt64 = 0
        for k in 0..<5 where (bit >> 3) + k < length {
          value |= UInt64(bytes[offset + (bit >> 3) + k]) << UInt64(8 * k)
        }
        out[i] = UInt32(truncatingIfNeeded: (value >> UInt64(bit & 7)) & mask)
        bit += width
      }
    }
    return true
  }

  /// Dispatches to ``unpackGroups(_:width:into:)`` with `width` as a constant, so each copy is
  /// compiled for one width: eight values of `w` bits fill exactly `w` bytes, so every group of
  /// eight starts on a byte and each value's byte offset and shift are constants.
  @inline(__always)
  private static func unpackSpecialized(_ base: UnsafeRawPointer, width: Int, into out: UnsafeMutablePointer<UInt32>) {
    switch width {
    case 1: unpackGroups(base, width: 1, into: out)
    case 2: unpackGroups(base, width: 2, into: out)
    case 3: unpackGroups(base, width: 3, into: out)
    case 4: unpackGroups(base, width: 4, into: out)
    case 5: unpackGroups(base, width: 5, into: out)
    case 6: unpackGroups(base, width: 6, into: out)
    case 7: unpackGroups(base, width: 7, into: out)
    case 8: unpackGroups(base, width: 8, into: out)
    case 9: unpackGroups(base, width: 9, into: out)
    case 10: unpackGroups(base, width: 10, into: out)
    case 11: unpackGroups(base, width: 11, into: out)
    case 12: unpackGroups(base, width: 12, into: out)
    case 13: unpackGroups(base, width: 13, into: out)
    case 14: unpackGroups(base, width: 14, into: out)
    case 15: unpackGroups(base, width: 15, into: out)
    case 16: unpackGroups(base, width: 16, into: out)
    default: unpackGroups(base, width: width, into: out)
    }
  }

  /// 16 groups of 8 values; with a constant `width` the compiler folds every offset and shift.
  @inline(__always)
  private static func unpackGroups(_ base: UnsafeRawPointer, width: Int, into out: UnsafeMutablePointer<UInt32>) {
    let mask: UInt64 = (1 << UInt64(width)) - 1
    for group in 0..<(blockSize / 8) {
      let bytes = base + group * width
      let values = out + group * 8
      for j in 0..<8 {
        let bit = j * width
        let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
        values[j] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
      }
    }
  }
}
