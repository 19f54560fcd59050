import CCRC32C

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78): the checksum in every index file's footer.
///
/// The same function as Lucene's and tantivy's footers use in spirit (they use CRC32 / CRC32C);
/// check value: `CRC32C.checksum("123456789") == 0xE3069283`. With the CPU's `crc32`
/// instruction (SSE4.2, through the `CCRC32C` C target) when there is one, else table-driven,
/// slicing by 8 (about 10x slower: it was most of the time to open a large index).
package enum CRC32C {
  /// Whether `checksum` uses the CPU instruction.
  package static let usesHardware = newsindex_crc32c_hardware_available() != 0

  /// Eight 256-entry tables, flattened: table `t` starts at `t * 256`.
  private static let table: [UInt32] = {
    var tables = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
    for i in 0..<256 {
      var c = UInt32(i)
      for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
      tables[0][i] = c
    }
    for i in 0..<256 {
      for t in 1..<8 {
        let prev = tables[t - 1][i]
        tables[t][i] = (prev >> 8) ^ tables[0][Int(prev & 0xff)]
      }
    }
    return tables.flatMap { $0 }
  }()

  /// Continues a checksum over `bytes`; start with `crc: 0`.
  package static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
    guard !usesHardware else {
      guard let base = bytes.baseAddress else { return crc }
      return ~newsindex_crc32c_hardware(~crc, base, bytes.count)
    }
    return tableChecksum(bytes, continuing: crc)
  }

  /// The portable slicing-by-8 version (also what tests compare the hardware one with).
  package static func tableChecksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
    var c = ~crc
    table.withUnsafeBufferPointer { t in
      var i = 0
      let n = bytes.count
      while i + 8 <= n {
        let lo = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self)) ^ c
        let hi = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self))
        c =
          t[7 * 256 + Int(lo & 0xff)] ^ t[6 * 256 + Int((lo >> 8) & 0xff)]
          ^ t[5 * 256 + Int((lo >> 16) & 0xff)] ^ t[4 * 256 + Int(lo >> 24)]
          ^ t[3 * 256 + Int(hi & 0xff)] ^ t[2 * 256 + Int((hi >> 8) & 0xff)]
          ^ t[1 * 256 + Int((hi >> 16) & 0xff)] ^ t[0 * 256 + Int(hi >> 24)]
        i += 8
      }
      while i < n {
        c = t[Int((c ^ UInt32(bytes[i])) & 0xff)] ^ (c >> 8)
        i += 1
      }
    }
    return ~c
  }

  package static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0) }
  }

  package static func checksum(_ string: String) -> UInt32 {
    checksum(Array(string.utf8))
  }
}
