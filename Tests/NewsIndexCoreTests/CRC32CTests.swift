import Foundation
import NewsIndexCore
import Testing

@Suite struct CRC32CTests {
  /// Bit-at-a-time CRC-32C, the definition the table-driven version must match.
  static func referenceChecksum(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
    }
    return ~crc
  }

  @Test func matchesTheStandardCheckValue() {
    #expect(CRC32C.checksum("123456789") == 0xE306_9283)
    #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
  }

  @Test func emptyInputChecksumsToZero() {
    #expect(CRC32C.checksum([UInt8]()) == 0)
    #expect(CRC32C.checksum("") == 0)
    #expect(CRC32C.checksum(UnsafeRawBufferPointer(start: nil, count: 0)) == 0)
  }

  /// RFC 3720 (iSCSI), appendix B.4 test vectors.
  @Test func matchesRFC3720Vectors() {
    #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
    #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
    #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
    #expect(CRC32C.checksum((0..<32).map { UInt8(31 - $0) }) == 0x113F_DB5C)
  }

  @Test(arguments: 0...20)
  func matchesBitwiseReferenceForShortInputs(length: Int) {
    var random = SplitMix64(seed: UInt64(length) &+ 1)
    for _ in 0..<8 {
      let bytes = random.bytes(count: length)
      #expect(CRC32C.checksum(bytes) == Self.referenceChecksum(bytes), "bytes \(bytes)")
    }
  }

  @Test func matchesBitwiseReferenceAtEveryAlignment() {
    var random = SplitMix64(seed: 42)
    let bytes = random.bytes(count: 300)
    bytes.withUnsafeBytes { raw in
      for start in 0..<8 {
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 255, 292 - start] {
          let slice = UnsafeRawBufferPointer(rebasing: raw[start..<(start + length)])
          #expect(
            CRC32C.checksum(slice) == Self.referenceChecksum(Array(slice)),
            "start \(start), length \(length)")
        }
      }
    }
  }

  /// What the kernel says about this CPU's SSE4.2 (the `crc32` instruction); nil when unknown.
  static let cpuHasSSE42: Bool? = {
    #if arch(x86_64) && os(Linux)
      guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
        let flags = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
      else { return nil }
      return flags.split(separator: " ").contains("sse4_2")
    #else
      return nil
    #endif
  }()

  /// On a CPU with SSE4.2 the hardware path is the one taken; without it, the tables.
  @Test(
    .enabled(
      if: cpuHasSSE42 != nil, "skipped: not x86-64 Linux, or /proc/cpuinfo has no flags line to compare with"))
  func theHardwarePathIsTakenWhenTheCPUHasIt() {
    #expect(CRC32C.usesHardware == Self.cpuHasSSE42)
  }

  /// The CPU instruction path (used when available) and the tables agree everywhere.
  @Test func hardwareAndTableVersionsAgree() {
    var random = SplitMix64(seed: 99)
    for length in [0, 1, 3, 7, 8, 9, 31, 64, 100, 1_000, 4_097] {
      let bytes = random.bytes(count: length)
      bytes.withUnsafeBytes { raw in
        #expect(CRC32C.checksum(raw) == CRC32C.tableChecksum(raw), "length \(length)")
        #expect(CRC32C.checksum(raw, continuing: 0x1234_5678) == CRC32C.tableChecksum(raw, continuing: 0x1234_5678))
      }
    }
  }

  @Test func continuingOverSplitsEqualsChecksumOfWhole() {
    var random = SplitMix64(seed: 7)
    for _ in 0..<200 {
      let bytes = random.bytes(count: random.int(in: 0...600))
      let split = random.int(in: 0...bytes.count)
      let whole = CRC32C.checksum(bytes)
      let continued = bytes.withUnsafeBytes { raw in
        CRC32C.checksum(
          UnsafeRawBufferPointer(rebasing: raw[split...]),
          continuing: CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[..<split])))
      }
      #expect(continued == whole, "length \(bytes.count), split at \(split)")
    }
  }

  @Test func continuingOverManyPiecesEqualsChecksumOfWhole() {
    var random = SplitMix64(seed: 8)
    let bytes = random.bytes(count: 4096)
    var crc: UInt32 = 0
    var start = 0
    bytes.withUnsafeBytes { raw in
      while start < raw.count {
        let end = min(raw.count, start + random.int(in: 0...37))
        crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[start..<end]), continuing: crc)
        start = end
      }
    }
    #expect(crc == CRC32C.checksum(bytes))
    #expect(crc == Self.referenceChecksum(bytes))
  }

  @Test func detectsEverySingleBitFlip() {
    var random = SplitMix64(seed: 9)
    let bytes = random.bytes(count: 64)
    let original = CRC32C.checksum(bytes)
    for bit in 0..<(bytes.count * 8) {
      var damaged = bytes
      damaged[bit / 8] ^= 1 << UInt8(bit % 8)
      #expect(CRC32C.checksum(damaged) != original, "bit \(bit)")
    }
  }
}
