import NewsIndexCore
import NewsIndexFormat

/// Documents where the terms appear at their offsets (consecutive positions, or with the gaps
/// stop words left) in one field.
///
/// Candidates come from leapfrogging the terms' cursors; positions are read only for candidates.
/// The phrase frequency (the number of start positions where the whole phrase occurs) replaces
/// `tf` in BM25.
final class PhraseScorer: FieldFrequencySource {
  private let cursors: [PostingsCursor]
  /// Position of each term relative to the first.
  private let offsets: [Int]
  private let segment: SegmentReader
  let field: Field
  private let factor: Double
  private let bm25: BM25
  private let averageLength: Double
  @exclusivity(unchecked) private(set) var docID: DocID = PostingsCursor.end
  @exclusivity(unchecked) private var matchCount = 0

  init(
    cursors: [PostingsCursor], offsets: [Int], segment: SegmentReader, field: Field, factor: Double,
    context: ScoringContext
  ) {
    self.cursors = cursors
    self.offsets = offsets
    self.segment = segment
    self.field = field
    self.factor = factor
    self.bm25 = context.bm25
    self.averageLength = context.averageFieldLengths[Int(field.rawValue)]
    findMatch(from: cursors.reduce(0) { max($0, $1.docID) })
  }

  /// Lands on the first document at or after `target` that contains the phrase.
  private func findMatch(from start: DocID) {
    var target = start
    while target != PostingsCursor.end {
      var agreed = true
      for cursor in cursors {
        cursor.advance(to: target)
        if cursor.docID != target {
          target = cursor.docID
          agreed = false
          break
        }
      }
      guard agreed else { continue }
      matchCount = phraseFrequency()
      if matchCount > 0 {
        docID = target
        return
      }
      target += 1
    }
    docID = PostingsCursor.end
  }

  /// Counts start positions `p` with term `i` at `p + offsets[i]` for every `i`.
  private func phraseFrequency() -> Int {
    let lists = cursors.map { Array($0.positions()) }
    var count = 0
    for start in lists[0] {
      var all = true
      for i in 1..<lists.count where !contains(lists[i], start &+ UInt32(truncatingIfNeeded: offsets[i])) {
        all = false
        break
      }
      if all { count += 1 }
    }
    return count
  }

  private func contains(_ sorted: [UInt32], _ value: UInt32) -> Bool {
    var low = 0
    var high = sorted.count
    while low < high {
      let mid = (low + high) / 2
      if sorted[mid] < value { low = mid + 1 } else { high = mid }
    }
    return low < sorted.count && sorted[low] == value
  }

  func next() {
    guard docID != PostingsCursor.end else { return }
    findMatch(from: docID + 1)
  }

  func advance(to target: DocID) {
    guard target > docID else { return }
    findMatch(from: target)
  }

  var frequency: Double { Double(matchCount) }

  func score() -> Double {
    let length = Double(segment.fieldLength(field, docID))
    return factor * bm25.termFrequencyFactor(Double(matchCount), length: length, averageLength: averageLength)
  }
}
