import NewsIndexCore
import NewsIndexFormat
import Testing

@Suite struct FileEnvelopeTests {
  static func sealed(_ kind: IndexFileKind, payload: [UInt8]) -> [UInt8] {
    var writer = FileEnvelope.begin(kind, reservingCapacity: payload.count)
    writer.append(contentsOf: payload)
    FileEnvelope.end(&writer)
    return writer.bytes
  }

  static func validate(_ bytes: [UInt8], as kind: IndexFileKind) -> Result<Range<Int>, FormatError>
  {
    bytes.withUnsafeBytes { raw in
      Result { () throws(FormatError) in
        try FileEnvelope.validate(raw, kind: kind, path: "/tmp/x.\(kind)")
      }
    }
  }

  @Test(arguments: IndexFileKind.allCases)
  func emptyPayloadRoundTrips(kind: IndexFileKind) throws {
    let bytes = Self.sealed(kind, payload: [])
    #expect(bytes.count == FileEnvelope.headerByteCount + FileEnvelope.footerByteCount)
    #expect(try Self.validate(bytes, as: kind).get() == 16..<16)
  }

  @Test func oneMebibytePayloadRoundTrips() throws {
    var random = SplitMix64(seed: 1)
    let payload = random.bytes(count: 1 << 20)
    let bytes = Self.sealed(.postings, payload: payload)
    let range = try Self.validate(bytes, as: .postings).get()
    #expect(range == 16..<(16 + (1 << 20)))
    #expect(Array(bytes[range]) == payload)
  }

  @Test func headerAndFooterHaveTheDocumentedLayout() {
    let payload: [UInt8] = [0xAA, 0xBB, 0xCC]
    let bytes = Self.sealed(.norms, payload: payload)
    #expect(Array(bytes[0..<4]) == Array("NWIX".utf8))
    #expect(Array(bytes[4..<8]) == Array("NORM".utf8))
    #expect(Array(bytes[8..<16]) == [UInt8(FormatVersion.current), 0, 0, 0, 0, 0, 0, 0])
    #expect(Array(bytes[16..<19]) == payload)
    #expect(Array(bytes[19..<27]) == [3, 0, 0, 0, 0, 0, 0, 0])
    let crc = CRC32C.checksum(Array(bytes[0..<27]))
    #expect(
      Array(bytes[27..<31]) == [
        UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24),
      ])
    #expect(Array(bytes[31..<35]) == Array("XIWN".utf8))
  }

  @Test func kindTagsAreDistinctFourByteTags() {
    let tags = IndexFileKind.allCases.map(\.tag)
    #expect(tags.allSatisfy { $0.count == 4 })
    #expect(Set(tags).count == tags.count)
    #expect(
      IndexFileKind.allCases.map(\.fileExtension) == ["terms", "doc", "pos", "norms", "store", "dv", "tv"])
  }

  @Test func validateRejectsEachKindOfDamage() {
    let good = Self.sealed(.store, payload: Array(repeating: 7, count: 100))
    func error(_ bytes: [UInt8], as kind: IndexFileKind = .store) -> FormatError? {
      if case .failure(let error) = Self.validate(bytes, as: kind) { return error }
      return nil
    }
    #expect(error(good) == nil)
    #expect(
      error(Array(good.prefix(31)))
        == .truncated(path: "/tmp/x.store", byteOffset: 31, bytesNeeded: 1))
    #expect(error([]) == .truncated(path: "/tmp/x.store", byteOffset: 0, bytesNeeded: 32))
    #expect(
      error(good, as: .terms) == .wrongKind(path: "/tmp/x.terms", found: "STOR", expected: "TERM"))
    var damaged = good
    damaged[0] = 0
    #expect(error(damaged) == .badMagic(path: "/tmp/x.store", expected: "store"))
    damaged = good
    damaged[50] ^= 0x04
    #expect(caseName(error(damaged)!) == "checksumMismatch")
    damaged = good
    damaged[good.count - 16] ^= 0x01
    #expect(caseName(error(damaged)!) == "corrupt")
    #expect(caseName(error(Array(good.dropLast()))!) == "truncated")
    #expect(caseName(error(good + [0])!) == "truncated")
  }
}
