import NewsIndexCore
import NewsIndexFormat
import Testing

/// A block's impacts bound every posting of the block (a kept pair beats or equals each), are
/// the exact competitive pairs while there are at most eight, stay ordered, and survive bytes.
@Suite struct ImpactsTests {
  /// The competitive pairs of `pairs` by brute force: those no other pair beats on both counts.
  static func frontier(_ pairs: [(UInt32, UInt32)]) -> [(UInt32, UInt32)] {
    let unique = Set(pairs.map { [$0.0, $0.1] }).map { ($0[0], $0[1]) }
    return unique.filter { pair in
      !unique.contains { other in
        (other.0 >= pair.0 && other.1 <= pair.1) && (other.0 != pair.0 || other.1 != pair.1)
      }
    }.sorted { $0.0 < $1.0 }
  }

  static func pairs(of impacts: Impacts) -> [(UInt32, UInt32)] {
    (0..<impacts.count).map { (impacts[$0].frequency, impacts[$0].length) }
  }

  @Test func impactsBoundEveryPostingAndAreExactWhileSmall() {
    var random = SplitMix64(seed: 41)
    var coarsened = 0
    for round in 0..<2_000 {
      let count = 1 + Int(random.next() % 128)
      let spread = [3, 20, 400][round % 3]
      let pairs = (0..<count).map { _ in
        (UInt32(1 + random.next() % UInt64(spread)), UInt32(random.next() % UInt64(spread * 10)))
      }
      var packed = pairs.map { UInt64($0.0) << 32 | UInt64($0.1) }
      let impacts = packed.withUnsafeMutableBufferPointer { Impacts(competitivePairsOf: $0) }
      var inserted = Impacts()
      for (frequency, length) in pairs { inserted.insert(frequency: frequency, length: length) }
      let kept = Self.pairs(of: impacts)
      // Inserting one pair at a time may coarsen earlier, but still bounds every pair.
      for (frequency, length) in pairs {
        #expect(Self.pairs(of: inserted).contains { $0.0 >= frequency && $0.1 <= length })
      }
      #expect(inserted.count <= Impacts.capacity)
      #expect(kept.count >= 1 && kept.count <= Impacts.capacity)
      for index in 1..<max(1, kept.count) {
        #expect(kept[index].0 > kept[index - 1].0 && kept[index].1 > kept[index - 1].1, "\(kept)")
      }
      for (frequency, length) in pairs {
        #expect(
          kept.contains { $0.0 >= frequency && $0.1 <= length },
          "\(frequency),\(length) not bounded by \(kept)")
      }
      #expect(impacts.maxFrequency == pairs.map(\.0).max())
      #expect(impacts.minLength == pairs.map(\.1).min())
      let exact = Self.frontier(pairs)
      if exact.count <= Impacts.capacity {
        #expect(
          kept.map(\.0) == exact.map(\.0) && kept.map(\.1) == exact.map(\.1), "\(kept) vs \(exact)")
      } else {
        coarsened += 1
      }
      var bytes = ByteWriter()
      impacts.append(to: &bytes)
      let decoded = bytes.bytes.withUnsafeBytes { raw -> Impacts? in
        var reader = ByteReader(raw)
        let value = Impacts(reading: &reader)
        #expect(reader.isAtEnd)
        return value
      }
      #expect(decoded == impacts)
    }
    #expect(coarsened > 10, "the coarsening path must be reached")
  }

  /// A staircase of 40 pairs, every one competitive: past 16 the pairs are folded in one by
  /// one, and the 8 kept still bound all.
  @Test func manyCompetitivePairsAreCoarsenedIntoABound() {
    var packed: [UInt64] = []
    for index in (0..<40).reversed() {
      let frequency = UInt64(1 + index)
      packed.append(frequency << 32 | UInt64(10 * index))
    }
    let impacts = packed.withUnsafeMutableBufferPointer { Impacts(competitivePairsOf: $0) }
    #expect(impacts.count == Impacts.capacity)
    #expect(impacts.maxFrequency == 40 && impacts.minLength == 0)
    let kept = Self.pairs(of: impacts)
    for index in 0..<40 {
      let frequency = UInt32(1 + index)
      let length = UInt32(10 * index)
      #expect(kept.contains { $0.0 >= frequency && $0.1 <= length })
    }
  }

  @Test func unionBoundsBothSets() {
    var random = SplitMix64(seed: 42)
    for _ in 0..<500 {
      var a = Impacts()
      var b = Impacts()
      var all: [(UInt32, UInt32)] = []
      for index in 0..<60 {
        let pair = (UInt32(1 + random.next() % 30), UInt32(random.next() % 300))
        all.append(pair)
        if index % 2 == 0 {
          a.insert(frequency: pair.0, length: pair.1)
        } else {
          b.insert(frequency: pair.0, length: pair.1)
        }
      }
      a.formUnion(b)
      let kept = Self.pairs(of: a)
      for (frequency, length) in all {
        #expect(kept.contains { $0.0 >= frequency && $0.1 <= length })
      }
    }
  }

  @Test func damagedBytesAreRejected() {
    for bytes: [UInt8] in [[], [0], [9, 1, 1], [2, 1, 1], [1, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 1]] {
      bytes.withUnsafeBytes { raw in
        var reader = ByteReader(raw)
        #expect(Impacts(reading: &reader) == nil, "\(bytes)")
      }
    }
  }
}
