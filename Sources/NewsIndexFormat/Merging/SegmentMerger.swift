package import NewsIndexCore

/// Joins neighbouring segments into one, dropping deleted documents.
///
/// Documents keep their relative order (segment by segment), so a merge never changes the order
/// in which documents rank on ties. Postings are merged term by term with a k-way walk over the
/// segments' dictionaries; stored fields are decompressed block by block and written anew.
package enum SegmentMerger {
  /// At most this many segments are joined by one merge.
  package static let mergeFactor = 10

  /// Merges neighbours until at most `maxSegmentCount` segments remain, smallest windows first.
  ///
  /// Intermediate segments of generation `generation` that a later merge consumed are deleted at
  /// once; older segments are left for the commit's clean-up (the previous commit uses them).
  /// - Returns: the new segment list, in document order.
  package static func mergeDown(
    _ segments: [SegmentInfo], directory: IndexDirectory, maxSegmentCount: Int, generation: Int,
    firstOrdinal: Int
  ) throws(FormatError) -> (segments: [SegmentInfo], merges: [MergeRecord]) {
    var segments = segments
    var merges: [MergeRecord] = []
    var ordinal = firstOrdinal
    while segments.count > max(1, maxSegmentCount) {
      let window = min(mergeFactor, segments.count - max(1, maxSegmentCount) + 1)
      var best = 0
      var bestBytes = Int.max
      for start in 0...(segments.count - window) {
        let bytes = segments[start..<(start + window)].reduce(0) { $0 + $1.fileByteCounts.values.reduce(0, +) }
        if bytes < bestBytes {
          best = start
          bestBytes = bytes
        }
      }
      try mergeWindow(
        best..<(best + window), of: &segments, merges: &merges, directory: directory, generation: generation,
        ordinal: &ordinal)
    }
    return (segments, merges)
  }

  /// Merges the windows `policy` picks, one after the other, until the index is within the
  /// policy's allowance (``TieredMergePolicy``); otherwise as ``mergeDown(_:directory:maxSegmentCount:generation:firstOrdinal:)``.
  package static func mergeTiered(
    _ segments: [SegmentInfo], policy: TieredMergePolicy, directory: IndexDirectory, generation: Int,
    firstOrdinal: Int
  ) throws(FormatError) -> (segments: [SegmentInfo], merges: [MergeRecord]) {
    var segments = segments
    var merges: [MergeRecord] = []
    var ordinal = firstOrdinal
    while let window = policy.nextMerge(segments.map(TieredMergePolicy.Segment.init)) {
      try mergeWindow(
        window, of: &segments, merges: &merges, directory: directory, generation: generation, ordinal: &ordinal)
    }
    return (segments, merges)
  }

  /// Merges `segments[window]` into one segment in their place and records the merge;
  /// intermediate inputs of this generation are deleted at once.
  private static func mergeWindow(
    _ window: Range<Int>, of segments: inout [SegmentInfo], merges: inout [MergeRecord], directory: IndexDirectory,
    generation: Int, ordinal: inout Int
  ) throws(FormatError) {
    let inputs = Array(segments[window])
    var readers: [SegmentReader] = []
    for info in inputs { readers.append(try SegmentReader(opening: directory, info: info)) }
    let name = segmentName(generation: generation, ordinal: ordinal)
    ordinal += 1
    let merged = try merge(
      readers, deletions: inputs.map { Set(($0.deletedDocuments ?? []).map { DocID($0) }) }, directory: directory,
      name: name)
    readers.removeAll()
    segments.replaceSubrange(window, with: [merged])
    merges.append(MergeRecord(inputs: inputs, output: merged))
    for info in inputs where info.name.hasPrefix(generationPrefix(generation)) {
      directory.removeFiles(of: info)
    }
  }

  /// Writes one segment holding the live documents of `readers`, in order.
  package static func merge(
    _ readers: [SegmentReader], deletions: [Set<DocID>], directory: IndexDirectory, name: String
  ) throws(FormatError) -> SegmentInfo {
    // New doc ids: live documents numbered in order; -1 for deleted ones.
    var remaps: [[Int32]] = []
    var next: Int32 = 0
    for (r, reader) in readers.enumerated() {
      var remap = [Int32](repeating: -1, count: reader.documentCount)
      for doc in 0..<reader.documentCount where !deletions[r].contains(DocID(doc)) {
        remap[doc] = next
        next += 1
      }
      remaps.append(remap)
    }
    var writer = try SegmentWriter(directory: directory, name: name)
    // Term vectors are copied (their words renumbered) when every input has them, else derived
    // from the merged postings.
    let copiesTermVectors = readers.allSatisfy(\.hasTermVectors)
    writer.derivesTermVectors = !copiesTermVectors
    for field in Field.allCases {
      var lengths: [UInt32] = []
      lengths.reserveCapacity(Int(next))
      for (r, reader) in readers.enumerated() {
        for doc in 0..<reader.documentCount where remaps[r][doc] >= 0 {
          lengths.append(reader.fieldLength(field, DocID(doc)))
        }
      }
      writer.setFieldLengths(lengths, for: field)
    }

    // Postings: a k-way walk over the dictionaries.
    var iterators = readers.map { TermIterator($0) }
    var live: [Bool] = []
    for k in iterators.indices { live.append(try iterators[k].next()) }
    while true {
      var smallest: [UInt8]? = nil
      for k in iterators.indices where live[k] {
        if smallest == nil || iterators[k].key.lexicographicallyPrecedes(smallest!) { smallest = iterators[k].key }
      }
      guard let key = smallest, let field = Field(rawValue: key[0]) else { break }
      var started = false
      for k in iterators.indices where live[k] && iterators[k].key == key {
        let cursor = readers[k].postings(iterators[k].info)
        while cursor.docID != PostingsCursor.end {
          let newID = remaps[k][Int(cursor.docID)]
          if newID >= 0 {
            if !started {
              key.withUnsafeBytes { writer.startTerm(field: field, term: UnsafeRawBufferPointer(rebasing: $0[1...])) }
              started = true
            }
            writer.appendPosting(docID: DocID(newID), positions: cursor.positions())
          }
          cursor.next()
        }
        live[k] = try iterators[k].next()
      }
      if started { try writer.finishTerm() }
    }

    if copiesTermVectors { try writer.appendTermVectors(copying: readers, remaps: remaps) }

    // Stored fields and document values: whole compressed blocks are copied from segments
    // without deletions.
    for (r, reader) in readers.enumerated() {
      if deletions[r].isEmpty {
        try writer.appendStoredDocuments(copyingBlocksOf: reader)
        continue
      }
      try reader.forEachStoredDocument { doc, document throws(FormatError) in
        if remaps[r][Int(doc)] >= 0 { try writer.appendStoredDocument(document, values: reader.documentValues(doc)) }
      }
    }
    return try writer.finish()
  }

  static func generationPrefix(_ generation: Int) -> String {
    let digits = String(generation)
    return "seg-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + "-"
  }

  /// `seg-GGGGGG-mK_0` for the K-th merge of a generation.
  static func segmentName(generation: Int, ordinal: Int) -> String {
    generationPrefix(generation) + "m\(ordinal)_0"
  }
}

/// One merge: which segments went in (with their deletions) and what came out.
package struct MergeRecord: Sendable {
  package var inputs: [SegmentInfo]
  package var output: SegmentInfo

  /// Where a run of live documents of an input segment lies in the output; nil when the run's
  /// segment was not an input. (Runs never contain deleted documents: a file's documents are
  /// deleted all together.)
  package func remap(_ run: SourceCatalog.DocumentRun) -> SourceCatalog.DocumentRun? {
    var base = 0
    for input in inputs {
      if input.name == run.segment {
        let deletedBefore = (input.deletedDocuments ?? []).count { Int($0) < run.firstDocument }
        return SourceCatalog.DocumentRun(
          segment: output.name, firstDocument: base + run.firstDocument - deletedBefore,
          documentCount: run.documentCount)
      }
      base += input.liveDocumentCount
    }
    return nil
  }
}
