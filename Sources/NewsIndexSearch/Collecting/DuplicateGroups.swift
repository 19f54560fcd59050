package import NewsIndexFormat

/// The duplicate groups of an index as searches use them: the group of each document number.
///
/// Built once per ``IndexReader`` from the commit's ``DuplicateTable``: one `Int32` per document,
/// so the collector's look-up is one array load.
package struct DuplicateGroups: Sendable {
  /// Group of each index-wide document number, -1 for a document without duplicates.
  private let groupOf: [Int32]
  /// Members of each group.
  private let sizes: [Int32]

  /// - Parameters:
  ///   - table: the commit's table, nil when the commit has none (nothing is grouped).
  ///   - documentCount: documents of the commit, deleted ones included.
  package init(table: DuplicateTable?, documentCount: Int) {
    guard let table, table.groupCount > 0 else {
      groupOf = []
      sizes = []
      return
    }
    var groupOf = [Int32](repeating: -1, count: documentCount)
    var sizes: [Int32] = []
    for group in 0..<table.groupCount {
      let members = table.group(group)
      for member in members where Int(member) < documentCount {
        groupOf[Int(member)] = Int32(group)
      }
      sizes.append(Int32(members.count))
    }
    self.groupOf = groupOf
    self.sizes = sizes
  }

  /// True when no document has a duplicate.
  package var isEmpty: Bool { sizes.isEmpty }

  /// Number of groups.
  package var count: Int { sizes.count }

  /// Documents in some group.
  package var documentCount: Int { sizes.reduce(0) { $0 + Int($1) } }

  /// The group of `docNumber`, -1 when it has no duplicate.
  @inline(__always) package func group(of docNumber: Int) -> Int32 {
    docNumber < groupOf.count ? groupOf[docNumber] : -1
  }

  /// The members of every group, each ascending; groups largest first, then by first member.
  ///
  /// - Complexity: O(documents of the commit), for listings rather than searches.
  package var groups: [[Int]] {
    var groups = sizes.map { size -> [Int] in
      var members: [Int] = []
      members.reserveCapacity(Int(size))
      return members
    }
    for (docNumber, group) in groupOf.enumerated() where group >= 0 {
      groups[Int(group)].append(docNumber)
    }
    return groups.filter { !$0.isEmpty }
      .sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
  }

  /// How many other documents of the index are copies of `docNumber` (0 when none).
  package func copies(of docNumber: Int) -> Int {
    let group = group(of: docNumber)
    return group < 0 ? 0 : Int(sizes[Int(group)]) - 1
  }
}
