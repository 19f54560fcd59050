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
struct TopKCollector {
  let k: Int
  private var heap: [Hit] = []
  private(set) var collectedCount = 0

  init(k: Int) {
    self.k = k
    heap.reserveCapacity(min(k, 4096))
  }

  mutating func collect(_ hit: Hit) {
    collectedCount += 1
    guard k > 0 else { return }
    if heap.count < k {
      heap.append(hit)
      siftUp(heap.count - 1)
    } else if hit.ranksAbove(heap[0]) {
      heap[0] = hit
      siftDown(0)
    }
  }

  /// The kept hits, best first.
  func sortedHits() -> [Hit] { heap.sorted { $0.ranksAbove($1) } }

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
