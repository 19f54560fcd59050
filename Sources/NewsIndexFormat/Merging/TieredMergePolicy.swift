import Foundation

/// Which neighbouring segments to merge, after Lucene's `TieredMergePolicy`, restricted to
/// contiguous windows (documents keep source order, so only neighbours are ever merged).
///
/// Segments are sized by their live bytes (bytes × live fraction), sizes below
/// ``floorSegmentBytes`` counting as the floor. An index may hold ``segmentsPerTier`` segments
/// per tier of sizes growing by ``maxMergeAtOnce``: that *allowance* grows with the logarithm of
/// the index's size, so a byte is rewritten about once per tier it climbs, and the merge work per
/// byte indexed stays nearly flat however large the index grows. While more segments than the
/// allowance remain, the policy picks the window of up to ``maxMergeAtOnce`` neighbours with the
/// lowest score: *skew* (largest segment over the window's total: equal sizes score best, a
/// big segment dragged into a merge of small ones scores worst) × total^0.05 (a slight
/// preference for small merges) × live fraction² (windows with deletions reclaim space).
/// Segments larger than half of ``maxMergedSegmentBytes`` are left alone: the budget on the
/// work any one merge may do.
package struct TieredMergePolicy: Sendable, Equatable {
  package var segmentsPerTier = 10
  package var maxMergeAtOnce = 10
  package var floorSegmentBytes = 2 << 20
  package var maxMergedSegmentBytes = 5 << 30

  package init() {}

  /// One segment as the policy sees it.
  package struct Segment: Sendable, Equatable {
    package var bytes: Int
    package var documentCount: Int
    package var liveDocumentCount: Int

    package init(bytes: Int, documentCount: Int, liveDocumentCount: Int) {
      self.bytes = bytes
      self.documentCount = documentCount
      self.liveDocumentCount = liveDocumentCount
    }

    package init(_ info: SegmentInfo) {
      self.init(
        bytes: info.fileByteCounts.values.reduce(0, +), documentCount: info.documentCount,
        liveDocumentCount: info.liveDocumentCount)
    }

    var liveFraction: Double { documentCount == 0 ? 1 : Double(liveDocumentCount) / Double(documentCount) }
    var liveBytes: Int { Int(Double(bytes) * liveFraction) }
  }

  /// How many segments an index of these segments may hold before a merge is due.
  package func allowedSegmentCount(_ segments: [Segment]) -> Int {
    let eligible = segments.filter { !isTooLarge($0) }
    let total = eligible.reduce(0) { $0 + max($1.liveBytes, floorSegmentBytes) }
    let smallest = eligible.map { max($0.liveBytes, floorSegmentBytes) }.min() ?? floorSegmentBytes
    var level = Double(smallest)
    var left = Double(total)
    var allowed = 0.0
    while true {
      let count = left / level
      if count < Double(segmentsPerTier) || level >= Double(maxMergedSegmentBytes) {
        allowed += count.rounded(.up)
        break
      }
      allowed += Double(segmentsPerTier)
      left -= Double(segmentsPerTier) * level
      level = min(Double(maxMergedSegmentBytes), level * Double(maxMergeAtOnce))
    }
    return max(Int(allowed), segmentsPerTier) + (segments.count - eligible.count)
  }

  /// The next window of neighbours to merge, nil when the index is within its allowance.
  package func nextMerge(_ segments: [Segment]) -> Range<Int>? {
    guard segments.count > allowedSegmentCount(segments) else { return nil }
    var best: (range: Range<Int>, score: Double)?
    for start in segments.indices {
      var total = 0
      var largest = 0
      var documents = 0
      var live = 0
      for end in (start + 1)...min(segments.count, start + maxMergeAtOnce) {
        let segment = segments[end - 1]
        if isTooLarge(segment) { break }
        let size = max(segment.liveBytes, floorSegmentBytes)
        total += size
        largest = max(largest, size)
        documents += segment.documentCount
        live += segment.liveDocumentCount
        guard end - start >= 2 else { continue }
        if segments[start..<end].reduce(0, { $0 + $1.liveBytes }) > maxMergedSegmentBytes { break }
        let liveFraction = documents == 0 ? 1 : Double(live) / Double(documents)
        let score = Double(largest) / Double(total) * pow(Double(total), 0.05) * liveFraction * liveFraction
        if best == nil || score < best!.score { best = (start..<end, score) }
      }
    }
    return best?.range
  }

  private func isTooLarge(_ segment: Segment) -> Bool { segment.liveBytes > maxMergedSegmentBytes / 2 }
}
