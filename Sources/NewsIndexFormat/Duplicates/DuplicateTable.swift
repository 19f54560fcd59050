import Foundation
import NewsIndexCore

/// The duplicate stories of one commit: groups of index-wide document numbers whose documents
/// are exact or near duplicates of each other (``DuplicateGrouping``).
///
/// Segments are immutable but groups change whenever documents are added or deleted, so the
/// table belongs to the commit: every build recomputes it from the signatures in the segments'
/// `.dv` files and writes it as `dups-GGGGGG.dups`, which `meta.json` names. Document numbers
/// are positions in the commit's segment order (segment base + `DocID`, deleted documents
/// counted), as searches number hits; deleted documents are in no group.
package struct DuplicateTable: Sendable, Equatable {
  /// Documents of the commit (deleted ones included): every member is below it.
  package var documentCount: Int
  /// Members of all groups, group after group, each group ascending.
  package private(set) var members: [UInt32] = []
  /// End of each group in ``members``; groups are ordered by their first member.
  package private(set) var groupEnds: [UInt32] = []

  package init(documentCount: Int) {
    self.documentCount = documentCount
  }

  /// Builds a table from groups of document numbers (each of two or more; order free).
  package init(documentCount: Int, groups: [[Int]]) {
    self.documentCount = documentCount
    for group in groups.map({ $0.sorted() }).sorted(by: { $0[0] < $1[0] }) {
      members.append(contentsOf: group.map { UInt32($0) })
      groupEnds.append(UInt32(members.count))
    }
  }

  package var groupCount: Int { groupEnds.count }

  /// The members of group `group`, ascending.
  package func group(_ group: Int) -> ArraySlice<UInt32> {
    members[(group == 0 ? 0 : Int(groupEnds[group - 1]))..<Int(groupEnds[group])]
  }

  /// All groups, as arrays (for tests and checks).
  package var groups: [[Int]] { (0..<groupCount).map { group($0).map(Int.init) } }

  // MARK: File

  /// The kind tag of the file's envelope.
  package static let tag: [UInt8] = Array("DUPS".utf8)
  package static let fileExtension = "dups"

  /// `dups-GGGGGG.dups`, the table of the commit of generation `generation`.
  package static func fileName(generation: Int) -> String {
    let digits = String(generation)
    return "dups-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + "."
      + fileExtension
  }

  /// Writes the table durably (envelope with CRC-32C, fsync) and returns its file name.
  ///
  /// ```
  /// payload := documentCount u32 | groupCount u32 | groupEnd u32{groupCount} | member u32{groupEnd[last]}
  /// ```
  package func write(to directory: IndexDirectory, generation: Int) throws(FormatError) -> String {
    let name = Self.fileName(generation: generation)
    var bytes = FileEnvelope.begin(
      tag: Self.tag, reservingCapacity: 8 + 4 * (groupEnds.count + members.count))
    bytes.appendUInt32(UInt32(documentCount))
    bytes.appendUInt32(UInt32(groupEnds.count))
    for end in groupEnds { bytes.appendUInt32(end) }
    for member in members { bytes.appendUInt32(member) }
    FileEnvelope.end(&bytes)
    try FileIO.writeDurably(bytes.bytes, to: directory.filePath(name))
    return name
  }

  /// Reads and verifies the table `name` of a commit with `documentCount` documents.
  /// - Throws: ``FormatError`` when the file is missing, damaged, or does not fit the commit:
  ///   groups of fewer than two members, members not ascending within a group or not below
  ///   `documentCount`, a document in two groups, groups out of order.
  package static func read(_ name: String, in directory: IndexDirectory, documentCount: Int)
    throws(FormatError) -> DuplicateTable
  {
    let path = directory.filePath(name)
    let file = try MappedFile(path: path)
    return try withExtendedLifetime(file) { () throws(FormatError) -> DuplicateTable in
      let range = try FileEnvelope.validate(file.bytes, tag: tag, name: fileExtension, path: path)
      let payload = UnsafeRawBufferPointer(rebasing: file.bytes[range])
      func corrupt(_ offset: Int, _ reason: String) -> FormatError {
        .corrupt(path: path, byteOffset: FileEnvelope.headerByteCount + offset, reason: reason)
      }
      let reader = ByteReader(payload)
      guard let count = try? reader.uint32(at: 0), let groupCount = try? reader.uint32(at: 4) else {
        throw corrupt(0, "duplicate table header cut short")
      }
      guard Int(count) == documentCount else {
        throw corrupt(
          0, "duplicate table is for \(count) documents, the commit has \(documentCount)")
      }
      var table = DuplicateTable(documentCount: documentCount)
      let endsOffset = 8
      guard payload.count >= endsOffset + Int(groupCount) * 4 else {
        throw corrupt(4, "duplicate table cut short")
      }
      var previousEnd: UInt32 = 0
      for g in 0..<Int(groupCount) {
        let end = UInt32(
          littleEndian: payload.loadUnaligned(fromByteOffset: endsOffset + 4 * g, as: UInt32.self))
        guard end >= previousEnd + 2 else {
          throw corrupt(endsOffset + 4 * g, "duplicate group \(g) has fewer than two documents")
        }
        table.groupEnds.append(end)
        previousEnd = end
      }
      let membersOffset = endsOffset + Int(groupCount) * 4
      guard payload.count == membersOffset + Int(previousEnd) * 4 else {
        throw corrupt(
          membersOffset,
          "duplicate table holds \((payload.count - membersOffset) / 4) members, its groups \(previousEnd)"
        )
      }
      var seen = Set<UInt32>()
      var start = 0
      var previousFirst: Int64 = -1
      for g in 0..<Int(groupCount) {
        var previous: Int64 = -1
        for k in start..<Int(table.groupEnds[g]) {
          let member = UInt32(
            littleEndian: payload.loadUnaligned(
              fromByteOffset: membersOffset + 4 * k, as: UInt32.self))
          guard Int(member) < documentCount, Int64(member) > previous, seen.insert(member).inserted
          else {
            throw corrupt(
              membersOffset + 4 * k,
              "duplicate group \(g): member \(member) out of order, out of range or in two groups")
          }
          if k == start {
            guard Int64(member) > previousFirst else {
              throw corrupt(membersOffset + 4 * k, "duplicate groups out of order")
            }
            previousFirst = Int64(member)
          }
          previous = Int64(member)
          table.members.append(member)
        }
        start = Int(table.groupEnds[g])
      }
      return table
    }
  }

  /// Computes the table of a commit made of `segments` from their `.dv` files; deleted documents
  /// take no part.
  package static func compute(segments: [SegmentInfo], directory: IndexDirectory)
    throws(FormatError) -> DuplicateTable
  {
    var values: [DocumentValues] = []
    var live: [Bool] = []
    for info in segments {
      values += try DocumentValuesFormat.readAll(directory: directory, info: info)
      let deleted = Set(info.deletedDocuments ?? [])
      live += (0..<info.documentCount).map { !deleted.contains(UInt32($0)) }
    }
    return DuplicateGrouping.table(values: values, live: live)
  }
}
