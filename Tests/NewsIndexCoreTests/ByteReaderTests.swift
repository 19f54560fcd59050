import NewsIndexCore
import Testing

/// Runs `body` with a reader over `bytes`.
func reading<T>(_ bytes: [UInt8], _ body: (inout ByteReader) throws -> T) rethrows -> T {
  try bytes.withUnsafeBytes { raw in
    var reader = ByteReader(raw)
    return try body(&reader)
  }
}

@Suite struct ByteReaderTests {
  static let varIntCases: [(value: UInt64, byteCount: Int)] = [
    (0, 1), (1, 1), (127, 1), (128, 2), (16383, 2), (16384, 3), ((1 << 21) - 1, 3), (1 << 21, 4),
    (UInt64(UInt32.max), 5), (UInt64.max, 10),
  ]

  @Test(arguments: varIntCases)
  func varIntRoundTripsAtByteBoundaries(value: UInt64, byteCount: Int) throws {
    var writer = ByteWriter()
    writer.appendVarInt(value)
    #expect(writer.count == byteCount)
    try reading(writer.bytes + [0xAB]) { reader throws in
      #expect(try reader.readVarInt() == value)
      #expect(reader.offset == byteCount)
      #expect(try reader.readByte() == 0xAB)
    }
  }

  @Test func varIntOverloadsEncodeAlike() {
    var wide = ByteWriter()
    var narrow = ByteWriter()
    var int = ByteWriter()
    for value in [0, 1, 127, 128, 300, 16384, Int(UInt32.max)] {
      wide.appendVarInt(UInt64(value))
      narrow.appendVarInt(UInt32(value))
      int.appendVarInt(value)
    }
    #expect(narrow.bytes == wide.bytes)
    #expect(int.bytes == wide.bytes)
  }

  @Test func varIntIsLittleEndianBase128() {
    var writer = ByteWriter()
    writer.appendVarInt(UInt64(300))
    #expect(writer.bytes == [0xAC, 0x02])
  }

  @Test(arguments: varIntCases.filter { $0.byteCount > 1 })
  func truncatedVarIntThrows(value: UInt64, byteCount: Int) {
    var writer = ByteWriter()
    writer.appendVarInt(value)
    for cut in 0..<byteCount {
      #expect(throws: ByteReader.OutOfBounds.self) {
        try reading(Array(writer.bytes.prefix(cut))) { try $0.readVarInt() }
      }
    }
  }

  @Test func overLongVarIntThrowsInsteadOfLooping() {
    #expect(throws: ByteReader.OutOfBounds.self) {
      try reading([UInt8](repeating: 0x80, count: 11)) { try $0.readVarInt() }
    }
    // Eleven bytes with a terminator still exceed the ten-byte limit.
    #expect(throws: ByteReader.OutOfBounds.self) {
      try reading([UInt8](repeating: 0x80, count: 10) + [0x00]) { try $0.readVarInt() }
    }
    #expect(throws: ByteReader.OutOfBounds.self) {
      try reading([UInt8](repeating: 0xFF, count: 1000)) { try $0.readVarInt() }
    }
  }

  @Test func tenByteVarIntWithOverflowingBitsDoesNotTrap() {
    // Bits beyond 64 cannot be represented; reading must not crash either way.
    _ = try? reading([UInt8](repeating: 0xFF, count: 9) + [0x7F]) { try $0.readVarInt() }
  }

  @Test func varIntAboveLimitThrows() throws {
    var writer = ByteWriter()
    writer.appendVarInt(1000)
    try reading(writer.bytes) { reader throws in
      #expect(try reader.readVarInt(limit: 1000) == 1000)
    }
    #expect(throws: ByteReader.OutOfBounds.self) {
      try reading(writer.bytes) { try $0.readVarInt(limit: 999) }
    }
  }

  /// A varint beyond `Int.max` must be refused, not converted (which traps); runs in a child
  /// process so a trap fails only this test.
  @Test func varIntAboveIntMaxWithLimitThrowsInsteadOfTrapping() async {
    await #expect(processExitsWith: .success) {
      var big = ByteWriter()
      big.appendVarInt(UInt64(Int.max) + 1)
      for limit in [0, 1000, Int.max] {
        #expect(throws: ByteReader.OutOfBounds.self) {
          try reading(big.bytes) { try $0.readVarInt(limit: limit) }
        }
      }
    }
  }

  @Test func fixedWidthIntegersRoundTripLittleEndian() throws {
    var writer = ByteWriter()
    writer.appendUInt16(0x0102)
    writer.appendUInt32(0x0304_0506)
    writer.appendUInt64(0x0708_090A_0B0C_0D0E)
    writer.appendUInt16(.max)
    writer.appendUInt32(.max)
    writer.appendUInt64(.max)
    #expect(
      Array(writer.bytes.prefix(14)) == [2, 1, 6, 5, 4, 3, 0x0E, 0x0D, 0x0C, 0x0B, 0x0A, 9, 8, 7])
    try reading(writer.bytes) { reader throws in
      #expect(try reader.readUInt16() == 0x0102)
      #expect(try reader.readUInt32() == 0x0304_0506)
      #expect(try reader.readUInt64() == 0x0708_090A_0B0C_0D0E)
      #expect(try reader.readUInt16() == .max)
      #expect(try reader.readUInt32() == .max)
      #expect(try reader.readUInt64() == .max)
      #expect(reader.isAtEnd)
      #expect(reader.remaining == 0)
    }
  }

  @Test(arguments: [
    0.0, -0.0, 1.5, -.pi, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
  ])
  func float64RoundTripsBitExactly(value: Double) throws {
    var writer = ByteWriter()
    writer.appendFloat64(value)
    #expect(writer.count == 8)
    try reading(writer.bytes) { reader throws in
      #expect(try reader.readFloat64().bitPattern == value.bitPattern)
    }
  }

  @Test func float64KeepsNaNPayload() throws {
    let value = Double(nan: 0x1234, signaling: false)
    var writer = ByteWriter()
    writer.appendFloat64(value)
    try reading(writer.bytes) { reader throws in
      #expect(try reader.readFloat64().bitPattern == value.bitPattern)
    }
  }

  @Test func randomAccessReadsLeaveTheCursorAlone() throws {
    var writer = ByteWriter()
    writer.appendByte(0xFF)
    writer.appendUInt64(0x1122_3344_5566_7788)
    try reading(writer.bytes) { reader throws in
      #expect(try reader.uint16(at: 1) == 0x7788)
      #expect(try reader.uint32(at: 1) == 0x5566_7788)
      #expect(try reader.uint64(at: 1) == 0x1122_3344_5566_7788)
      #expect(reader.offset == 0)
      #expect(try reader.readByte() == 0xFF)
    }
  }

  @Test func readsPastTheEndThrowWithOffsetAndCount() {
    let bytes: [UInt8] = [1, 2, 3]
    #expect(throws: ByteReader.OutOfBounds(byteOffset: 0, byteCount: 4)) {
      try reading(bytes) { try $0.readUInt32() }
    }
    #expect(throws: ByteReader.OutOfBounds(byteOffset: 0, byteCount: 8)) {
      try reading(bytes) { try $0.readUInt64() }
    }
    #expect(throws: ByteReader.OutOfBounds(byteOffset: 2, byteCount: 2)) {
      try reading(bytes) { try $0.uint16(at: 2) }
    }
    #expect(throws: ByteReader.OutOfBounds(byteOffset: 3, byteCount: 1)) {
      try reading(bytes) { reader throws in
        reader.offset = 3
        return try reader.readByte()
      }
    }
    #expect(throws: ByteReader.OutOfBounds(byteOffset: 1, byteCount: 3)) {
      try reading(bytes) { reader throws in
        reader.offset = 1
        return try reader.readBytes(3)
      }
    }
    #expect(throws: ByteReader.OutOfBounds.self) { try reading([]) { try $0.readByte() } }
    #expect(throws: ByteReader.OutOfBounds.self) { try reading([]) { try $0.readVarInt() } }
  }

  @Test func negativeOrHugeOffsetsThrowInsteadOfTrapping() {
    let bytes: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
    for offset in [-1, -8, Int.min, Int.max, Int.max - 3, 9] {
      #expect(throws: ByteReader.OutOfBounds.self) {
        try reading(bytes) { try $0.uint32(at: offset) }
      }
      #expect(throws: ByteReader.OutOfBounds.self) {
        try reading(bytes) { try $0.uint64(at: offset) }
      }
    }
    #expect(throws: ByteReader.OutOfBounds.self) { try reading(bytes) { try $0.readBytes(-1) } }
    #expect(throws: ByteReader.OutOfBounds.self) {
      try reading(bytes) { try $0.readBytes(Int.max) }
    }
  }

  @Test func readBytesReturnsAViewAndAdvances() throws {
    try reading([9, 8, 7, 6, 5]) { reader throws in
      reader.offset = 1
      #expect(Array(try reader.readBytes(3)) == [8, 7, 6])
      #expect(reader.offset == 4)
      #expect(Array(try reader.readBytes(0)) == [])
      #expect(reader.remaining == 1)
    }
  }

  @Test func lengthPrefixedBytesAndStringsRoundTrip() throws {
    let strings = ["", "a", "Zürich", "자유무역 人工智能 🙂", String(repeating: "x", count: 200)]
    var writer = ByteWriter()
    for string in strings { writer.appendLengthPrefixed(string) }
    let raw: [UInt8] = [0, 0x80, 0xFF]
    raw.withUnsafeBytes { writer.appendLengthPrefixed($0) }
    try reading(writer.bytes) { reader throws in
      for string in strings { #expect(try reader.readLengthPrefixedString() == string) }
      #expect(Array(try reader.readLengthPrefixed()) == raw)
      #expect(reader.isAtEnd)
    }
  }

  @Test func lengthPrefixedStringRepairsInvalidUTF8() throws {
    try reading([3, 0x61, 0xFF, 0x62]) { reader throws in
      #expect(try reader.readLengthPrefixedString() == "a\u{FFFD}b")
    }
    try reading([2, 0xC3, 0x28]) { reader throws in
      #expect(try reader.readLengthPrefixedString() == "\u{FFFD}(")
    }
    // A multi-byte sequence cut by the length prefix.
    try reading([2, 0xE2, 0x82, 0xAC]) { reader throws in
      #expect(try reader.readLengthPrefixedString() == "\u{FFFD}")
      #expect(reader.offset == 3)
    }
  }

  @Test func lengthPrefixLongerThanTheRestThrows() {
    #expect(throws: ByteReader.OutOfBounds.self) {
      try reading([4, 1, 2, 3]) { try $0.readLengthPrefixed() }
    }
    #expect(throws: ByteReader.OutOfBounds.self) {
      try reading([0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 1]) { try $0.readLengthPrefixedString() }
    }
    #expect(throws: ByteReader.OutOfBounds.self) {
      try reading([0x80]) { try $0.readLengthPrefixed() }
    }
  }

  @Test func readerStartsAtGivenOffset() throws {
    try [UInt8]([1, 2, 3]).withUnsafeBytes { raw throws in
      var reader = ByteReader(raw, offset: 2)
      #expect(reader.remaining == 1)
      #expect(try reader.readByte() == 3)
      #expect(reader.isAtEnd)
    }
  }
}
