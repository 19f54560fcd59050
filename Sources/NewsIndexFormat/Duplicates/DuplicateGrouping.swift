import NewsIndexCore

/// Finds groups of duplicate documents from their signatures (``DocumentValues``).
///
/// Two documents are duplicates when their ``DocumentValues/exactHash`` values are equal and not
/// 0 (the same normalized text), or near duplicates when both have a ``DocumentValues/simHash``
/// and the two differ in at most ``maxHammingDistance`` of 64 bits (Manku, Jain and Das Sarma,
/// "Detecting near-duplicates for web crawling", WWW 2007, use 3 bits for 64-bit SimHashes).
/// Near duplicates must also be dated within ``nearDuplicateWindow`` of each other when both
/// dates are known: templated wire reports ("Fed adds reserves via customer repurchases", the
/// Bank of England's money-market forecasts) differ only in a figure or two from one day's report
/// to the next week's, and are different stories, while a republished or updated story follows
/// within hours or a day or two. Exact duplicates group whatever their dates.
/// Groups are the connected components of that relation (union-find), so a chain of small edits
/// stays one group.
///
/// Near pairs are found without comparing all pairs: split into four 16-bit bands, two hashes
/// within 3 bits agree exactly on at least one band (pigeonhole). For each band the hashes are
/// sorted by that band first, and each hash is compared with the following ones while the band
/// agrees, at most ``neighbourLimit`` of them (a band shared by more documents than that is
/// almost always a run of identical hashes, whose neighbours are joined anyway).
///
/// - Complexity: O(n log n) for n documents.
package enum DuplicateGrouping {
  /// Largest number of differing bits between near-duplicate SimHashes.
  package static let maxHammingDistance = 3
  /// Largest difference, in seconds, between the dates of two near duplicates (3 days, which
  /// spans a weekend); documents without a date are compared by signature alone.
  package static let nearDuplicateWindow: Int64 = 3 * 86_400
  /// Most following hashes each hash is compared with in one band.
  static let neighbourLimit = 64

  /// Groups the documents `values` describes (index-wide numbers are array positions); documents
  /// whose `live` entry is false take no part.
  package static func table(values: [DocumentValues], live: [Bool]) -> DuplicateTable {
    precondition(values.count == live.count, "one live flag per document")
    var sets = UnionFind(count: values.count)

    // Exact duplicates: equal non-zero hashes.
    var exact: [(hash: UInt64, doc: Int32)] = []
    for (doc, value) in values.enumerated() where live[doc] && value.exactHash != 0 {
      exact.append((value.exactHash, Int32(doc)))
    }
    exact.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.doc < $1.doc }
    for k in exact.indices.dropFirst() where exact[k].hash == exact[k - 1].hash {
      sets.union(Int(exact[k].doc), Int(exact[k - 1].doc))
    }

    // Near duplicates: SimHashes within maxHammingDistance bits, found band by band.
    var near: [(key: UInt64, doc: Int32)] = []
    for (doc, value) in values.enumerated() where live[doc] && value.simHash != 0 {
      near.append((value.simHash, Int32(doc)))
    }
    for band in 0..<4 {
      // Rotate the band into the top 16 bits, so sorting groups equal bands together.
      let shift = UInt64(16 * band)
      var rotated = near.map { (key: $0.key.rotatedLeft(by: 48 - shift), doc: $0.doc) }
      rotated.sort { $0.key != $1.key ? $0.key < $1.key : $0.doc < $1.doc }
      for i in rotated.indices {
        let top = rotated[i].key >> 48
        var j = i + 1
        while j < rotated.count && j - i <= neighbourLimit && rotated[j].key >> 48 == top {
          if (rotated[i].key ^ rotated[j].key).nonzeroBitCount <= maxHammingDistance
            && datedClose(values[Int(rotated[i].doc)].date, values[Int(rotated[j].doc)].date)
          {
            sets.union(Int(rotated[i].doc), Int(rotated[j].doc))
          }
          j += 1
        }
      }
    }

    // Components of two or more live documents.
    var members: [Int: [Int]] = [:]
    for doc in values.indices
    where live[doc] && (values[doc].exactHash != 0 || values[doc].simHash != 0) {
      members[sets.find(doc), default: []].append(doc)
    }
    return DuplicateTable(
      documentCount: values.count, groups: members.values.filter { $0.count >= 2 })
  }

  /// Whether two documents' dates allow them to be near duplicates: within
  /// ``nearDuplicateWindow``, or either of them undated.
  @inline(__always) static func datedClose(_ a: Int64, _ b: Int64) -> Bool {
    if a == DocumentDate.unknown || b == DocumentDate.unknown { return true }
    let gap = a > b ? a.subtractingReportingOverflow(b) : b.subtractingReportingOverflow(a)
    return !gap.overflow && gap.partialValue <= nearDuplicateWindow
  }
}

extension UInt64 {
  fileprivate func rotatedLeft(by count: UInt64) -> UInt64 {
    count % 64 == 0 ? self : (self << (count % 64)) | (self >> (64 - count % 64))
  }
}

/// Disjoint sets over 0..<count with path halving and union by size.
struct UnionFind {
  private var parent: [Int32]
  private var size: [Int32]

  init(count: Int) {
    parent = (0..<count).map { Int32($0) }
    size = Array(repeating: 1, count: count)
  }

  mutating func find(_ x: Int) -> Int {
    var x = x
    while Int(parent[x]) != x {
      parent[x] = parent[Int(parent[x])]
      x = Int(parent[x])
    }
    return x
  }

  mutating func union(_ a: Int, _ b: Int) {
    var ra = find(a)
    var rb = find(b)
    guard ra != rb else { return }
    if size[ra] < size[rb] { swap(&ra, &rb) }
    parent[rb] = Int32(ra)
    size[ra] += size[rb]
  }
}
