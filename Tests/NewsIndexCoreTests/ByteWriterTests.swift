import NewsIndexCore
import Testing

@Suite struct ByteWriterTests {
  @Test func startsEmptyAndCountsAppendedBytes() {
    var writer = ByteWriter(reservingCapacity: 100)
    #expect(writer.count == 0)
    #expect(writer.bytes.isEmpty)
    writer.appendByte(7)
    writer.append(contentsOf: [1, 2, 3])
    [UInt8](arrayLiteral: 4, 5).withUnsafeBytes { writer.append($0) }
    #expect(writer.bytes == [7, 1, 2, 3, 4, 5])
    #expect(writer.count == 6)
  }

  @Test func setUInt32PatchesAReservedSlotOnly() throws {
    var writer = ByteWriter()
    writer.appendByte(0xAA)
    let slot = writer.count
    writer.appendUInt32(0)
    writer.append(contentsOf: [0xBB, 0xCC])
    writer.setUInt32(0xDEAD_BEEF, at: slot)
    #expect(writer.bytes == [0xAA, 0xEF, 0xBE, 0xAD, 0xDE, 0xBB, 0xCC])
    try reading(writer.bytes) { reader throws in
      #expect(try reader.uint32(at: slot) == 0xDEAD_BEEF)
    }
    writer.setUInt32(1, at: 3)
    #expect(writer.bytes == [0xAA, 0xEF, 0xBE, 1, 0, 0, 0])
  }

  @Test func lengthPrefixedStringWritesUTF8ByteCount() {
    var writer = ByteWriter()
    writer.appendLengthPrefixed("é🙂")
    #expect(writer.bytes == [6, 0xC3, 0xA9, 0xF0, 0x9F, 0x99, 0x82])
    var long = ByteWriter()
    long.appendLengthPrefixed(String(repeating: "a", count: 128))
    #expect(Array(long.bytes.prefix(2)) == [0x80, 0x01])
    #expect(long.count == 130)
  }

  @Test func removeAllEmptiesTheBuffer() {
    var writer = ByteWriter()
    writer.append(contentsOf: [1, 2, 3])
    writer.removeAll()
    #expect(writer.count == 0)
    writer.appendByte(9)
    #expect(writer.bytes == [9])
  }

  @Test func randomValuesRoundTripThroughReader() throws {
    var random = SplitMix64(seed: 3)
    var values: [UInt64] = []
    var writer = ByteWriter()
    for _ in 0..<2000 {
      let value = random.next() >> UInt64(random.int(below: 64))
      values.append(value)
      writer.appendVarInt(value)
    }
    try reading(writer.bytes) { reader throws in
      var decoded: [UInt64] = []
      while !reader.isAtEnd { decoded.append(try reader.readVarInt()) }
      #expect(decoded == values)
    }
  }
}
