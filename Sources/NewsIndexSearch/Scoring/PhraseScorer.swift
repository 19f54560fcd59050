import NewsIndexCore
import NewsIndexFormat

/// Documents where the terms appear at their offsets (consecutive positions, or with the gaps
/// stop words left) in one field.
///
/// Candidates come from leapfrogging the terms' cursors; positions are read only for candidates.
/// The phrase frequency (the number of start positions where the whole phrase occurs) replaces
/// `tf` in BM25. With a `slop` (`"oil prices"~5`) the terms may stand apart or out of order as in
/// Lucene's sloppy phrases: a match is a set of positions whose distances from their places
/// span at most `slop` (a transposition costs 2), and the frequency is Lucene's sloppy
/// frequency, the sum of `1 / (1 + matchLength)` over the matches (``SloppyPhraseFrequency``).
final class PhraseScorer: FieldFrequencySource {
  private let cursors: [PostingsCursor]
  /// The same cursors, fewest documents first (the order in which candidates are aligned).
  private let byRarity: [PostingsCursor]
  /// Position of each term relative to the first.
  private let offsets: [Int]
  /// How far the terms may move from their places (0: the exact phrase).
  private let slop: Int
  private let segment: SegmentReader
  let field: Field
  private let factor: Double
  private let bm25: BM25
  private let averageLength: Double
  @exclusivity(unchecked) private(set) var docID: DocID = PostingsCursor.end
  @exclusivity(unchecked) private var matchCount = 0.0
  private let work: WorkCounter

  init(
    cursors: [PostingsCursor], offsets: [Int], slop: Int = 0, segment: SegmentReader, field: Field, factor: Double,
    context: ScoringContext
  ) {
    self.cursors = cursors
    self.slop = slop
    self.byRarity = cursors.sorted { $0.docFreq < $1.docFreq }
    self.offsets = offsets
    self.segment = segment
    self.field = field
    self.factor = factor
    self.bm25 = context.bm25
    self.averageLength = context.averageFieldLengths[Int(field.rawValue)]
    self.work = context.work
    findMatch(from: cursors.reduce(0) { max($0, $1.docID) })
  }

  /// Lands on the first document at or after `target` that contains the phrase. The cursors are
  /// aligned rarest first, so the commonest term's postings are mostly skipped.
  private func findMatch(from start: DocID) {
    var target = start
    while target != PostingsCursor.end {
      var agreed = true
      for cursor in byRarity {
        cursor.advance(to: target)
        if cursor.docID != target {
          target = cursor.docID
          agreed = false
          break
        }
      }
      guard agreed else { continue }
      matchCount = slop == 0 ? Double(phraseFrequency()) : sloppyFrequency()
      if matchCount > 0 {
        docID = target
        return
      }
      target += 1
    }
    docID = PostingsCursor.end
  }

  /// Counts start positions `p` with term `i` at `p + offsets[i]` for every `i`. Every list is
  /// ascending, so each term's list is walked once, forward, as the start advances.
  private func phraseFrequency() -> Int {
    withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<UInt32>.self, capacity: cursors.count) { lists in
      withUnsafeTemporaryAllocation(of: Int.self, capacity: cursors.count) { next in
        for i in 0..<cursors.count {
          lists[i] = cursors[i].positions()
          next[i] = 0
        }
        var count = 0
        starts: for start in lists[0] {
          for i in 1..<cursors.count {
            let wanted = start &+ UInt32(truncatingIfNeeded: offsets[i])
            let list = lists[i]
            var k = next[i]
            while k < list.count && list[k] < wanted { k += 1 }
            next[i] = k
            if k == list.count { break starts }
            if list[k] != wanted { continue starts }
          }
          count += 1
        }
        return count
      }
    }
  }

  /// Lucene's sloppy frequency of the current candidate (0 when no match spans at most `slop`).
  private func sloppyFrequency() -> Double {
    let lists = cursors.map { Array($0.positions()) }
    return SloppyPhraseFrequency.frequency(positions: lists, offsets: offsets, slop: slop)
  }

  var cost: Int { byRarity[0].docFreq }

  func next() {
    guard docID != PostingsCursor.end else { return }
    findMatch(from: docID + 1)
  }

  func advance(to target: DocID) {
    guard target > docID else { return }
    findMatch(from: target)
  }

  var frequency: Double {
    work.postingsScored &+= 1
    return matchCount
  }

  func score() -> Double {
    work.postingsScored &+= 1
    let length = Double(segment.fieldLength(field, docID))
    return factor * bm25.termFrequencyFactor(matchCount, length: length, averageLength: averageLength)
  }

  func upperBound() -> Double {
    factor * ScoreBound.termFrequencyFactor(impacts(), bm25: bm25, averageLength: averageLength)
  }

  /// The phrase occurs in a document at most as often as each of its terms, so the impacts of
  /// any one term bound it: those of the rarest.
  func impacts() -> Impacts? {
    byRarity.first?.allImpacts()
  }
}
