/// Folds the Latin letters that have no decomposition (`ø`, `ł`, `đ`, `ß`, `æ`, `œ`, `þ`…) to
/// ASCII as Lucene's ASCIIFoldingFilter does, from ``asciiFoldingTable`` (generated from the
/// Unicode character database by `scripts/gen-folding-table.py`): `łódź` → `lodz`, `ørsted` →
/// `orsted`, `københavn` → `kobenhavn`. It runs on words after the tokenizer's case and accent
/// folding, before stop words and stemming, for analyzers of version 4 and later.
enum ASCIIFolding {
  /// The bytes a folded term can take at most: each scalar of two or more bytes becomes at most
  /// two ASCII letters.
  static func capacity(for term: UnsafeRawBufferPointer) -> Int { term.count }

  /// Writes `term` folded into `buffer` (at least ``capacity(for:)`` bytes) and returns the
  /// folded bytes; nil (nothing written) when `term` has no letter of the table.
  @inline(__always) static func fold(_ term: UnsafeRawBufferPointer, into buffer: UnsafeMutableRawBufferPointer)
    -> UnsafeRawBufferPointer?
  {
    var ascii = true
    for byte in term where byte >= 0x80 {
      ascii = false
      break
    }
    if ascii { return nil }
    return foldNonASCII(term, into: buffer)
  }

  @inline(never) private static func foldNonASCII(
    _ term: UnsafeRawBufferPointer, into buffer: UnsafeMutableRawBufferPointer
  ) -> UnsafeRawBufferPointer? {
    var changed = false
    var count = 0
    var i = 0
    while i < term.count {
      let byte = term[i]
      var length = 1
      if byte >= 0xC0 {
        length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        length = min(length, term.count - i)
        var scalar = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<max(length, 1) where k < length { scalar = scalar << 6 | UInt32(term[i + k] & 0x3F) }
        if let ascii = replacement(scalar), ascii.utf8CodeUnitCount <= length {
          ascii.withUTF8Buffer { letters in
            for letter in letters {
              buffer[count] = letter
              count += 1
            }
          }
          changed = true
          i += length
          continue
        }
      }
      for k in 0..<length {
        buffer[count] = term[i + k]
        count += 1
      }
      i += length
    }
    return changed ? UnsafeRawBufferPointer(rebasing: buffer[0..<count]) : nil
  }

  /// The ASCII reading of `scalar`, nil when the table has none.
  static func replacement(_ scalar: UInt32) -> StaticString? {
    var low = 0
    var high = asciiFoldingTable.count
    while low < high {
      let mid = (low + high) / 2
      let entry = asciiFoldingTable[mid].scalar
      if entry == scalar { return asciiFoldingTable[mid].ascii }
      if entry < scalar { low = mid + 1 } else { high = mid }
    }
    return nil
  }
}
