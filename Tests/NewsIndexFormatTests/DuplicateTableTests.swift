import Foundation
import NewsIndexCore
import NewsIndexFormat
import Testing

/// Duplicate groups from signatures, and the per-commit file that keeps them.
@Suite struct DuplicateTableTests {
  static func value(exact: UInt64 = 0, sim: UInt64 = 0) -> DocumentValues {
    DocumentValues(date: 0, exactHash: exact, simHash: sim)
  }

  @Test func equalExactHashesGroup() {
    let values = [
      Self.value(exact: 5), Self.value(exact: 6), Self.value(exact: 5), Self.value(exact: 5),
      Self.value(exact: 7),
    ]
    let table = DuplicateGrouping.table(values: values, live: Array(repeating: true, count: 5))
    #expect(table.groups == [[0, 2, 3]])
  }

  @Test func zeroSignaturesNeverGroup() {
    let values = Array(repeating: Self.value(), count: 4)
    #expect(
      DuplicateGrouping.table(values: values, live: Array(repeating: true, count: 4)).groupCount
        == 0)
  }

  @Test func simHashesWithinThreeBitsGroupAndFourDoNot() {
    let base: UInt64 = 0xDEAD_BEEF_0123_4567
    // One bit in each band differs for the 4-bit case, so no band matches exactly either.
    let values = [
      Self.value(exact: 1, sim: base),
      Self.value(exact: 2, sim: base ^ 0b111),  // 3 bits, all in band 0
      Self.value(exact: 3, sim: base ^ (1 | 1 << 16 | 1 << 32 | 1 << 48)),  // 4 bits, one per band
      Self.value(exact: 4, sim: base ^ (1 << 20 | 1 << 40 | 1 << 60)),  // 3 bits in three bands
    ]
    let table = DuplicateGrouping.table(values: values, live: Array(repeating: true, count: 4))
    #expect(table.groups == [[0, 1, 3]])
  }

  @Test func groupsAreTransitive() {
    let a: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
    let values = [
      Self.value(exact: 1, sim: a), Self.value(exact: 2, sim: a ^ 0b111),
      Self.value(exact: 3, sim: a ^ 0b111_111),
    ]
    #expect(
      DuplicateGrouping.table(values: values, live: [true, true, true]).groups == [[0, 1, 2]])
  }

  @Test func deletedDocumentsTakeNoPart() {
    let values = [Self.value(exact: 9), Self.value(exact: 9), Self.value(exact: 9)]
    #expect(DuplicateGrouping.table(values: values, live: [true, false, true]).groups == [[0, 2]])
    #expect(DuplicateGrouping.table(values: values, live: [true, false, false]).groupCount == 0)
  }

  @Test func nearPairsAreFoundAmongManyRandomHashes() {
    var state: UInt64 = 12345
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    var values: [DocumentValues] = []
    var expected: [[Int]] = []
    for k in 0..<2000 {
      let hash = next()
      values.append(Self.value(exact: UInt64(k + 1), sim: hash))
      if k % 10 == 0 {
        // A copy with two bits flipped at random places.
        let flipped = hash ^ (1 << (next() % 64)) ^ (1 << (next() % 64))
        values.append(
          Self.value(exact: UInt64(100_000 + k), sim: flipped == hash ? hash ^ 1 : flipped))
        expected.append([values.count - 2, values.count - 1])
      }
    }
    let table = DuplicateGrouping.table(
      values: values, live: Array(repeating: true, count: values.count))
    #expect(table.groups == expected)
  }

  @Test func nearDuplicatesMustBeDatedWithinTheWindow() {
    let start: Int64 = 544_000_000  // 1987-03-28
    let window = DuplicateGrouping.nearDuplicateWindow
    let sim: UInt64 = 0x0123_4567_89AB_CDEF
    func near(_ exact: UInt64, date: Int64) -> DocumentValues {
      DocumentValues(date: date, exactHash: exact, simHash: sim ^ exact)  // 1 or 2 bits apart
    }
    // The same report a day later, at the window's edge, and ten days later (next week's).
    let values = [
      near(1, date: start), near(2, date: start + 86_400), near(3, date: start + window),
      near(4, date: start + window + 10 * 86_400),
    ]
    let table = DuplicateGrouping.table(values: values, live: Array(repeating: true, count: 4))
    #expect(table.groups == [[0, 1, 2]])
  }

  @Test func undatedNearDuplicatesAreComparedBySignatureAlone() {
    let sim: UInt64 = 0xFEDC_BA98_7654_3210
    let values = [
      DocumentValues(date: 0, exactHash: 1, simHash: sim),
      DocumentValues(date: DocumentDate.unknown, exactHash: 2, simHash: sim ^ 0b11),
      DocumentValues(date: DocumentDate.unknown, exactHash: 3, simHash: sim ^ 0b110),
    ]
    #expect(
      DuplicateGrouping.table(values: values, live: [true, true, true]).groups == [[0, 1, 2]])
  }

  @Test func exactDuplicatesGroupWhateverTheirDates() {
    let values = [
      DocumentValues(date: 0, exactHash: 42, simHash: 7),
      DocumentValues(date: 400 * 86_400, exactHash: 42, simHash: 7),
    ]
    #expect(DuplicateGrouping.table(values: values, live: [true, true]).groups == [[0, 1]])
  }

  @Test func tableRoundTripsThroughItsFile() throws {
    try withTemporaryDirectory { directory in
      let table = DuplicateTable(documentCount: 50, groups: [[40, 3], [7, 8, 49], [0, 1]])
      #expect(table.groups == [[0, 1], [3, 40], [7, 8, 49]])
      let name = try table.write(to: directory, generation: 12)
      #expect(name == "dups-000012.dups")
      #expect(IndexDirectory.isIndexFile(name))
      #expect(try DuplicateTable.read(name, in: directory, documentCount: 50) == table)
      #expect(throws: FormatError.self) {
        try DuplicateTable.read(name, in: directory, documentCount: 49)
      }
      let empty = DuplicateTable(documentCount: 0)
      let emptyName = try empty.write(to: directory, generation: 13)
      #expect(try DuplicateTable.read(emptyName, in: directory, documentCount: 0) == empty)
    }
  }

  /// Damage that keeps a valid checksum is still refused by the structural checks.
  @Test(arguments: [
    ([[1, 2]], 2),  // a member out of range
    ([[2, 1]], 2),  // members not ascending (written raw)
    ([[1, 2], [2, 3]], 2),  // a document in two groups
    ([[1]], 1),  // a group of one
    ([[5, 6], [1, 2]], 7),  // groups out of order
  ])
  func structurallyDamagedTableIsRefused(groups: [[Int]], documentCount: Int) throws {
    try withTemporaryDirectory { directory in
      var bytes = FileEnvelope.begin(tag: DuplicateTable.tag)
      bytes.appendUInt32(UInt32(documentCount))
      bytes.appendUInt32(UInt32(groups.count))
      var end = 0
      for group in groups {
        end += group.count
        bytes.appendUInt32(UInt32(end))
      }
      for member in groups.joined() { bytes.appendUInt32(UInt32(member)) }
      FileEnvelope.end(&bytes)
      try writeFile(bytes.bytes, to: directory.filePath("dups-000001.dups"))
      let error = #expect(throws: FormatError.self) {
        try DuplicateTable.read("dups-000001.dups", in: directory, documentCount: documentCount)
      }
      #expect(error.map(caseName) == "corrupt")
    }
  }

  @Test func flippedByteOfTheFileIsRefused() throws {
    try withTemporaryDirectory { directory in
      let name = try DuplicateTable(documentCount: 9, groups: [[1, 2], [4, 5, 6]]).write(
        to: directory, generation: 1)
      let original = try readFile(directory.filePath(name))
      for offset in 0..<original.count {
        var damaged = original
        damaged[offset] ^= 0x10
        try writeFile(damaged, to: directory.filePath(name))
        #expect(throws: FormatError.self, "byte \(offset)") {
          try DuplicateTable.read(name, in: directory, documentCount: 9)
        }
      }
    }
  }
}
