/// A ranked hit: an index-wide document number and its score.
package struct Hit: Sendable, Equatable {
  /// The document's number across the whole commit (segment base + segment `DocID`).
  package var docNumber: Int
  package var score: Double

  package init(docNumber: Int, score: Double) {
    self.docNumber = docNumber
    self.score = score
  }

  /// Result order: higher score first, then lower document number.
  @inline(__always) package func ranksAbove(_ other: Hit) -> Bool {
    score != other.score ? score > other.score : docNumber < other.docNumber
  }
}

/// Keeps the `k` best hits seen so far in a binary min-heap whose root is the worst kept hit.
///
/// With `groups` (collapsing duplicate stories), at most one hit per group is kept: the best of
/// its group seen so far. A hit whose group already has a better kept hit is dropped; one better
/// than its group's kept hit replaces it in place. The kept hits are then exactly the `k` best
/// group-best hits (a group's worse hit can never return after its better one was evicted, since
/// the worst kept hit only improves).
///
/// With an `ordering` (date order or recency weighting, ``HitOrdering``) each hit is re-ranked
/// as it arrives; the collector then never offers a threshold, so every match is scored.
struct TopKCollector {
  private var heap: RankedHeap<Hit>
  private var orderedHeap: RankedHeap<DatedHit>
  private let ordering: HitOrdering?
  private(set) var collectedCount = 0

  /// - Parameters:
  ///   - groups: duplicate groups to collapse, nil to keep every hit.
  ///   - ordering: date order or recency weighting, nil for plain score order.
  init(k: Int, groups: DuplicateGroups? = nil, ordering: HitOrdering? = nil) {
    self.ordering = ordering
    heap = RankedHeap(k: ordering == nil ? k : 0, groups: groups)
    orderedHeap = RankedHeap(k: ordering == nil ? 0 : k, groups: groups)
  }

  var k: Int { max(heap.k, orderedHeap.k) }

  @inline(__always) mutating func collect(_ hit: Hit) {
    collectedCount += 1
    if let ordering {
      orderedHeap.insert(ordering.entry(for: hit))
    } else {
      heap.insert(hit)
    }
  }

  /// Once `k` hits are kept, the score of the worst of them: a new hit enters only if it ranks
  /// above that hit (a higher score, or the same score and a lower document number). Nil before,
  /// and always nil with an ordering. Dynamic pruning skips documents whose score bound does not
  /// exceed it. With collapsing, the worst kept group-best hit; a hit above it may still be
  /// dropped when its group holds a better one.
  var minimumCompetitiveScore: Double? { heap.isFull ? heap.worst.score : nil }

  /// The kept hits, best first (scores weighted by recency when asked).
  func sortedHits() -> [Hit] { ordering == nil ? heap.sorted() : orderedHeap.sorted().map(\.hit) }
}

/// What ``RankedHeap`` orders: a total order (``ranksAbove(_:)``) and the document it is for.
protocol RankedEntry {
  var docNumber: Int { get }
  func ranksAbove(_ other: Self) -> Bool
}

extension Hit: RankedEntry {}

/// The `k` best entries in a binary min-heap (root: the worst kept), optionally at most one per
/// duplicate group (see ``TopKCollector``).
struct RankedHeap<Entry: RankedEntry> {
  let k: Int
  private let groups: DuplicateGroups?
  private var heap: [Entry] = []
  /// Groups that have an entry in the heap.
  private var keptGroups: Set<Int32> = []

  init(k: Int, groups: DuplicateGroups?) {
    self.k = max(0, k)
    self.groups = groups?.isEmpty == false ? groups : nil
    heap.reserveCapacity(min(self.k, 4096))
  }

  var isFull: Bool { k > 0 && heap.count == k }
  /// The worst kept entry; only when not empty.
  var worst: Entry { heap[0] }

  @inline(__always) mutating func insert(_ entry: Entry) {
    guard k > 0 else { return }
    if let groups {
      let group = groups.group(of: entry.docNumber)
      if group >= 0 {
        insert(entry, group: group)
        return
      }
    }
    if heap.count < k {
      heap.append(entry)
      siftUp(heap.count - 1)
    } else if entry.ranksAbove(heap[0]) {
      evictRoot()
      heap[0] = entry
      siftDown(0)
    }
  }

  /// Insertion of an entry of duplicate group `group`.
  private mutating func insert(_ entry: Entry, group: Int32) {
    if keptGroups.contains(group) {
      // Its group's kept entry ranks at least as high as the worst: nothing to do unless this
      // one ranks above the worst too.
      guard heap.count < k || entry.ranksAbove(heap[0]),
        let position = heap.firstIndex(where: { groups!.group(of: $0.docNumber) == group }),
        entry.ranksAbove(heap[position])
      else { return }
      heap[position] = entry
      siftDown(position)  // it improved: it moves away from the root
    } else if heap.count < k {
      heap.append(entry)
      keptGroups.insert(group)
      siftUp(heap.count - 1)
    } else if entry.ranksAbove(heap[0]) {
      evictRoot()
      heap[0] = entry
      keptGroups.insert(group)
      siftDown(0)
    }
  }

  /// Forgets the root's group before the root is replaced.
  @inline(__always) private mutating func evictRoot() {
    guard let groups else { return }
    let group = groups.group(of: heap[0].docNumber)
    if group >= 0 { keptGroups.remove(group) }
  }

  /// The kept entries, best first.
  func sorted() -> [Entry] { heap.sorted { $0.ranksAbove($1) } }

  private mutating func siftUp(_ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      guard heap[parent].ranksAbove(heap[child]) else { return }
      heap.swapAt(parent, child)
      child = parent
    }
  }

  private mutating func siftDown(_ start: Int) {
    var parent = start
    while true {
      let left = 2 * parent + 1
      guard left < heap.count else { return }
      var worst = left
      let right = left + 1
      if right < heap.count && heap[left].ranksAbove(heap[right]) { worst = right }
      guard heap[parent].ranksAbove(heap[worst]) else { return }
      heap.swapAt(parent, worst)
      parent = worst
    }
  }
}
