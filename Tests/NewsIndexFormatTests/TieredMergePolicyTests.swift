import NewsIndexFormat
import Testing

@Suite struct TieredMergePolicyTests {
  typealias Segment = TieredMergePolicy.Segment
  static let mb = 1 << 20

  static func segments(_ sizesMB: [Int]) -> [Segment] {
    sizesMB.map { Segment(bytes: $0 * mb, documentCount: 100, liveDocumentCount: 100) }
  }

  /// Applies `policy` as builds do, merging windows until none is due; returns the bytes the
  /// merges wrote.
  static func settle(_ segments: inout [Segment], _ policy: TieredMergePolicy) -> Int {
    var written = 0
    while let window = policy.nextMerge(segments) {
      let merged = Segment(
        bytes: segments[window].reduce(0) { $0 + $1.liveBytesForTests }, documentCount: 100, liveDocumentCount: 100)
      written += merged.bytes
      segments.replaceSubrange(window, with: [merged])
    }
    return written
  }

  /// The policy before this one: merge the smallest window of neighbours until at most 8 remain.
  static func settleCapped(_ segments: inout [Segment], cap: Int = 8) -> Int {
    var written = 0
    while segments.count > cap {
      let window = min(10, segments.count - cap + 1)
      let start = (0...(segments.count - window)).min { a, b in
        segments[a..<(a + window)].reduce(0) { $0 + $1.bytes } < segments[b..<(b + window)].reduce(0) { $0 + $1.bytes }
      }!
      let merged = Segment(
        bytes: segments[start..<(start + window)].reduce(0) { $0 + $1.bytes }, documentCount: 100, liveDocumentCount: 100)
      written += merged.bytes
      segments.replaceSubrange(start..<(start + window), with: [merged])
    }
    return written
  }

  @Test func anIndexWithinItsAllowanceIsLeftAlone() {
    let policy = TieredMergePolicy()
    #expect(policy.nextMerge(Self.segments([40, 40, 40, 40, 40])) == nil)
    #expect(policy.nextMerge(Self.segments(Array(repeating: 40, count: 10))) == nil)
    #expect(policy.allowedSegmentCount(Self.segments(Array(repeating: 40, count: 20))) == 11)
  }

  @Test func segmentsOfSimilarSizeAreMergedTenAtATime() throws {
    let policy = TieredMergePolicy()
    let window = try #require(policy.nextMerge(Self.segments(Array(repeating: 40, count: 20))))
    #expect(window.count == 10)
    // A big segment is not dragged into a merge of small ones.
    let mixed = Self.segments([800] + Array(repeating: 40, count: 12) + [800] + Array(repeating: 40, count: 12))
    let chosen = try #require(policy.nextMerge(mixed))
    #expect(!chosen.contains(0) && !chosen.contains(13), "\(chosen)")
    #expect(chosen.count == 10)
  }

  @Test func segmentsOverHalfTheMaximumAreNeverMerged() {
    var policy = TieredMergePolicy()
    policy.maxMergedSegmentBytes = 1_000 * Self.mb
    var segments = Self.segments([600, 600, 600] + Array(repeating: 30, count: 40))
    _ = Self.settle(&segments, policy)
    #expect(segments.prefix(3).allSatisfy { $0.bytes == 600 * Self.mb })
    #expect(segments.dropFirst(3).allSatisfy { $0.bytes <= 1_000 * Self.mb })
    #expect(segments.count <= policy.allowedSegmentCount(segments))
  }

  @Test func windowsWithDeletionsAreReclaimedFirst() throws {
    let policy = TieredMergePolicy()
    var segments = Self.segments(Array(repeating: 40, count: 24))
    for k in 14..<24 { segments[k].liveDocumentCount = 50 }
    let window = try #require(policy.nextMerge(segments))
    #expect(window.lowerBound >= 14, "\(window)")
  }

  /// Builds that each add one 10 MB segment: the tiered policy rewrites each byte about once per
  /// tier (write amplification grows with the logarithm of the index: measured 0.9 at 100
  /// flushes, 1.89 at 1,000) and keeps the index within its allowance, where the cap of 8
  /// segments grows with the index (5.9, then 46.6).
  @Test func mergeWorkPerByteStaysNearlyFlatAsTheIndexGrows() {
    func amplification(flushes: Int, tiered: Bool) -> Double {
      var segments: [Segment] = []
      var written = 0
      for _ in 0..<flushes {
        segments.append(Segment(bytes: 10 * Self.mb, documentCount: 100, liveDocumentCount: 100))
        written += tiered ? Self.settle(&segments, TieredMergePolicy()) : Self.settleCapped(&segments)
        if tiered { #expect(segments.count <= TieredMergePolicy().allowedSegmentCount(segments)) }
      }
      return Double(written) / Double(flushes * 10 * Self.mb)
    }
    let small = amplification(flushes: 100, tiered: true)
    let large = amplification(flushes: 1_000, tiered: true)
    let cappedSmall = amplification(flushes: 100, tiered: false)
    let cappedLarge = amplification(flushes: 1_000, tiered: false)
    print("merge bytes per byte flushed: tiered \(small) at 100 flushes, \(large) at 1000; capped at 8 \(cappedSmall), \(cappedLarge)")
    // About one rewrite more per tenfold growth (one more tier), against the cap's tenfold work.
    #expect(large <= 3.5)
    #expect(large <= small + 1.2)
    #expect(cappedLarge > large * 2)
  }
}

extension TieredMergePolicy.Segment {
  var liveBytesForTests: Int { Int(Double(bytes) * Double(liveDocumentCount) / Double(max(1, documentCount))) }
}
