/// Lucene's sloppy phrase frequency (SloppyPhraseMatcher), for one document.
///
/// Each term `i` stands at its positions minus its offset in the phrase (`p - offsets[i]`); a
/// match takes one position per term, and its length is the span between the smallest and the
/// largest of those values. Moving the term that stands first to its next position while it
/// stays first can only shorten the match, so the walk keeps, per run of the first term, the
/// shortest length, and counts it when it is at most `slop`: each such match adds
/// `1 / (1 + length)`. A transposed pair (`"b a"` for the phrase `a b`) has length 2.
///
/// A phrase that repeats a term uses the same position list for both places; a position may
/// then serve both (Lucene keeps them apart, which this does not).
package enum SloppyPhraseFrequency {
  package static func frequency(positions: [[UInt32]], offsets: [Int], slop: Int) -> Double {
    let count = positions.count
    guard count > 0, positions.allSatisfy({ !$0.isEmpty }) else { return 0 }
    if count == 1 { return Double(positions[0].count) }
    var next = [Int](repeating: 1, count: count)
    var value = (0..<count).map { Int(positions[$0][0]) - offsets[$0] }
    var end = value.max()!
    func first() -> (index: Int, runnerUp: Int) {
      var best = 0
      for i in 1..<count where value[i] < value[best] || (value[i] == value[best] && i < best) { best = i }
      var second = Int.max
      for i in 0..<count where i != best { second = min(second, value[i]) }
      return (best, second)
    }
    var frequency = 0.0
    var (current, runnerUp) = first()
    var matchLength = end - value[current]
    while next[current] < positions[current].count {
      value[current] = Int(positions[current][next[current]]) - offsets[current]
      next[current] += 1
      end = max(end, value[current])
      if value[current] > runnerUp {
        if matchLength <= slop { frequency += 1 / Double(1 + matchLength) }
        (current, runnerUp) = first()
        matchLength = end - value[current]
      } else {
        matchLength = min(matchLength, end - value[current])
      }
    }
    if matchLength <= slop { frequency += 1 / Double(1 + matchLength) }
    return frequency
  }
}
