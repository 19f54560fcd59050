package import NewsIndexCore

/// Iterates one term's postings in a segment: doc ids ascending, with term frequencies and positions.
///
/// A new cursor stands on the term's first document. `docID` is ``PostingsCursor/end`` once the
/// postings are exhausted. ``advance(to:)`` behaves exactly like this slow loop, but skips whole
/// blocks through the skip entries without decoding them:
///
/// ```swift
/// while cursor.docID < target { cursor.next() }
/// ```
///
/// Full blocks of 128 documents are bit-packed, the last partial block is varint-coded
/// (FileFormat.md has the grammar). Positions are decoded a block at a time, and only when
/// ``positions()`` is first called in that block.
///
/// A cursor belongs to one query on one thread; its state skips Swift's dynamic exclusivity
/// checks, which were over a third of the instructions of an AND query.
package final class PostingsCursor {
  /// `docID` after the last posting.
  @inlinable package static var end: DocID { DocID.max }

  /// Documents containing the term in this segment.
  package let docFreq: Int
  /// The current document, or ``end``.
  @exclusivity(unchecked) package private(set) var docID: DocID = 0

  private let segment: SegmentReader
  private let docs: UnsafeMutablePointer<UInt32>
  private let freqs: UnsafeMutablePointer<UInt32>
  /// Absolute positions of every document of the current block, back to back.
  @exclusivity(unchecked) private var blockPositions: UnsafeMutablePointer<UInt32>
  @exclusivity(unchecked) private var blockPositionsCapacity = 256
  @exclusivity(unchecked) private var blockPositionsDecoded = false
  /// Start of each document's positions in `blockPositions` (count + 1 entries).
  private let positionStarts: UnsafeMutablePointer<Int>

  @exclusivity(unchecked) private var skips: ByteReader
  /// The skip table from its first entry (for ``forEachBlockImpacts(_:)``).
  private let skipTable: ByteReader
  @exclusivity(unchecked) private var blocksLeft: Int
  @exclusivity(unchecked) private var blockOrdinal = -1
  private let fullBlocks: Int
  @exclusivity(unchecked) private var nextBlockDocOffset: Int
  @exclusivity(unchecked) private var nextBlockPositionOffset: Int

  // The current block.
  @exclusivity(unchecked) private var previousBlockLastDoc: Int = -1
  @exclusivity(unchecked) private var blockLastDoc: Int = -1
  @exclusivity(unchecked) private var blockDocOffset = 0
  @exclusivity(unchecked) private var blockDocByteCount = 0
  @exclusivity(unchecked) private var blockPositionOffset = 0
  @exclusivity(unchecked) private var blockPositionByteCount = 0
  /// Where the current block's impacts start in the skip table.
  @exclusivity(unchecked) private var blockImpactsOffset = 0
  @exclusivity(unchecked) private var count = 0
  @exclusivity(unchecked) private var index = 0

  /// Blocks of the term's postings in this segment.
  package var blockCount: Int { (docFreq + BitPacking.blockSize - 1) / BitPacking.blockSize }
  /// The skip position has moved past the decoded block (``shallowAdvance(to:)``).
  @exclusivity(unchecked) private var shallow = false
  @exclusivity(unchecked) private var shallowTarget: DocID = 0
  /// Blocks whose documents were decoded; the others were skipped whole.
  @exclusivity(unchecked) package private(set) var blocksDecoded = 0

  init(segment: SegmentReader, info: TermInfo) {
    self.segment = segment
    self.docFreq = info.docFreq
    docs = .allocate(capacity: BitPacking.blockSize)
    freqs = .allocate(capacity: BitPacking.blockSize)
    positionStarts = .allocate(capacity: BitPacking.blockSize + 1)
    blockPositions = .allocate(capacity: blockPositionsCapacity)
    var header = ByteReader(segment.postingsPayload, offset: info.postingsOffset)
    let skipByteCount = (try? header.readVarInt(limit: header.remaining)) ?? 0
    skips = ByteReader(
      UnsafeRawBufferPointer(rebasing: segment.postingsPayload[0..<(header.offset + skipByteCount)]),
      offset: header.offset)
    skipTable = skips
    blocksLeft = (info.docFreq + BitPacking.blockSize - 1) / BitPacking.blockSize
    fullBlocks = info.docFreq / BitPacking.blockSize
    nextBlockDocOffset = header.offset + skipByteCount
    nextBlockPositionOffset = info.positionsOffset
    if readNextSkipEntry() { decodeBlock() } else { docID = Self.end }
  }

  deinit {
    docs.deallocate()
    freqs.deallocate()
    positionStarts.deallocate()
    blockPositions.deallocate()
  }

  /// Occurrences of the term in the current document (0 at ``end``).
  @inline(__always) package var termFreq: UInt32 { index < count ? freqs[index] : 0 }

  /// The competitive (term frequency, field length) pairs of the current block, read from its
  /// skip entry: what block-max bounds are made of. Nil when the entry is damaged.
  package var blockImpacts: Impacts? {
    var reader = skips
    reader.offset = blockImpactsOffset
    return Impacts(reading: &reader)
  }

  /// The last document of the current block.
  package var blockLastDocID: DocID { blockLastDoc < 0 ? Self.end : DocID(blockLastDoc) }

  /// Calls `body` with every block's impacts, from the skip table (nothing is decoded). Leaves
  /// the cursor alone. Returns false when the table ends early or an entry is damaged: bounds
  /// from it are incomplete.
  @discardableResult
  package func forEachBlockImpacts(_ body: (Impacts) -> Void) -> Bool {
    var reader = skipTable
    let blocks = (docFreq + BitPacking.blockSize - 1) / BitPacking.blockSize
    for _ in 0..<blocks {
      guard (try? reader.readVarInt()) != nil, (try? reader.readVarInt()) != nil, (try? reader.readVarInt()) != nil,
        let byteCount = try? reader.readVarInt(limit: reader.remaining)
      else { return false }
      let end = reader.offset + byteCount
      guard let impacts = Impacts(reading: &reader), reader.offset == end else { return false }
      body(impacts)
    }
    return true
  }

  /// The impacts of all the term's postings in this segment (coarsened to ``Impacts/capacity``
  /// pairs); nil when the skip table is damaged.
  package func allImpacts() -> Impacts? {
    var all = Impacts()
    return forEachBlockImpacts { all.formUnion($0) } ? all : nil
  }

  /// Moves to the next document (or to ``end``).
  @inline(__always) package func next() {
    guard !shallow else { return advance(to: max(docID + 1, shallowTarget)) }
    index += 1
    if index < count {
      docID = docs[index]
    } else if readNextSkipEntry() {
      decodeBlock()
    } else {
      docID = Self.end
    }
  }

  /// Moves to the first document whose id is at least `target`; never moves backwards.
  package func advance(to target: DocID) {
    guard target > docID else { return }
    if Int(target) > blockLastDoc {
      var found = false
      while readNextSkipEntry() {
        if blockLastDoc >= Int(target) {
          found = true
          break
        }
      }
      guard found else {
        index = count
        docID = Self.end
        shallow = false
        return
      }
      decodeBlock()
    } else if shallow {
      decodeBlock()
    }
    while index < count && docs[index] < target { index += 1 }
    docID = index < count ? docs[index] : Self.end
  }

  /// Moves the skip position (not the cursor) to the block that holds the first document at or
  /// after `target`, without decoding anything, so that ``blockLastDocID`` and
  /// ``blockImpacts`` describe it: block-max pruning reads the
  /// bounds of blocks it may never decode. Returns false when no document is at or after
  /// `target`. Until the next ``advance(to:)`` (which must target at least `target`), `docID`
  /// and `termFreq` still describe the old position.
  package func shallowAdvance(to target: DocID) -> Bool {
    guard Int(target) > blockLastDoc else { return docID != Self.end }
    while readNextSkipEntry() {
      shallow = true
      if blockLastDoc >= Int(target) { return true }
    }
    return false
  }

  /// Positions of the term in the current document, ascending; valid until the cursor moves to
  /// another block.
  package func positions() -> UnsafeBufferPointer<UInt32> {
    guard index < count else { return UnsafeBufferPointer(start: blockPositions, count: 0) }
    if !blockPositionsDecoded { decodeBlockPositions() }
    let start = positionStarts[index]
    return UnsafeBufferPointer(start: blockPositions + start, count: positionStarts[index + 1] - start)
  }

  // MARK: Blocks

  /// Reads the next skip entry into the current-block fields; false when there is none.
  private func readNextSkipEntry() -> Bool {
    guard blocksLeft > 0 else { return false }
    do {
      let lastDelta = try skips.readVarInt(limit: Int(UInt32.max))
      let docByteCount = try skips.readVarInt(limit: segment.postingsPayload.count)
      let positionByteCount = try skips.readVarInt(limit: segment.positionsPayload.count)
      let impactByteCount = try skips.readVarInt(limit: skips.remaining)
      blockImpactsOffset = skips.offset
      skips.offset += impactByteCount
      previousBlockLastDoc = blockLastDoc
      blockLastDoc = previousBlockLastDoc + lastDelta
      blockDocOffset = nextBlockDocOffset
      blockDocByteCount = docByteCount
      blockPositionOffset = nextBlockPositionOffset
      blockPositionByteCount = positionByteCount
      nextBlockDocOffset += docByteCount
      nextBlockPositionOffset += positionByteCount
      blocksLeft -= 1
      blockOrdinal += 1
      return true
    } catch {
      blocksLeft = 0
      return false
    }
  }

  /// Decodes the current block's doc ids and frequencies; the cursor lands on its first document.
  private func decodeBlock() {
    blocksDecoded += 1
    shallow = false
    let payload = segment.postingsPayload
    let end = min(blockDocOffset + blockDocByteCount, payload.count)
    var doc = previousBlockLastDoc
    count = 0
    if blockOrdinal < fullBlocks {
      var offset = blockDocOffset
      guard offset < end else { return fail() }
      let docWidth = Int(payload[offset])
      guard BitPacking.unpack(payload, at: offset + 1, width: docWidth, into: docs) else { return fail() }
      offset += 1 + BitPacking.byteCount(width: docWidth)
      guard offset < end else { return fail() }
      let freqWidth = Int(payload[offset])
      guard BitPacking.unpack(payload, at: offset + 1, width: freqWidth, into: freqs) else { return fail() }
      for k in 0..<BitPacking.blockSize {
        doc += Int(docs[k]) + 1
        docs[k] = UInt32(truncatingIfNeeded: doc)
        freqs[k] &+= 1
      }
      count = BitPacking.blockSize
    } else {
      var reader = ByteReader(UnsafeRawBufferPointer(rebasing: payload[0..<end]), offset: blockDocOffset)
      while !reader.isAtEnd && count < BitPacking.blockSize {
        guard let gap = try? reader.readVarInt(limit: Int(UInt32.max)),
          let frequency = try? reader.readVarInt(limit: Int(UInt32.max))
        else { break }
        doc += gap + 1
        docs[count] = UInt32(truncatingIfNeeded: doc)
        freqs[count] = UInt32(truncatingIfNeeded: frequency)
        count += 1
      }
    }
    index = 0
    blockPositionsDecoded = false
    docID = count > 0 ? docs[0] : Self.end
  }

  /// A block that cannot be decoded ends the postings (its file passed the checksum, so only a
  /// writer bug gets here).
  private func fail() {
    count = 0
    index = 0
    blocksLeft = 0
    docID = Self.end
  }

  /// Decodes all positions of the current block into absolute positions per document.
  private func decodeBlockPositions() {
    var total = 0
    positionStarts[0] = 0
    for k in 0..<count {
      total += Int(freqs[k])
      positionStarts[k + 1] = total
    }
    if total > blockPositionsCapacity {
      blockPositions.deallocate()
      blockPositionsCapacity = max(total, blockPositionsCapacity * 2)
      blockPositions = .allocate(capacity: blockPositionsCapacity)
    }
    let payload = segment.positionsPayload
    let end = min(blockPositionOffset + blockPositionByteCount, payload.count)
    var offset = blockPositionOffset
    var decoded = 0
    // Whole groups of 128 deltas are bit-packed; the rest are varints.
    while total - decoded >= BitPacking.blockSize {
      guard offset < end else { break }
      let width = Int(payload[offset])
      guard BitPacking.unpack(payload, at: offset + 1, width: width, into: blockPositions + decoded) else { break }
      offset += 1 + BitPacking.byteCount(width: width)
      decoded += BitPacking.blockSize
    }
    if decoded >= total - (total % BitPacking.blockSize) {
      var reader = ByteReader(UnsafeRawBufferPointer(rebasing: payload[0..<end]), offset: offset)
      while decoded < total, let delta = try? reader.readVarInt() {
        blockPositions[decoded] = UInt32(truncatingIfNeeded: delta)
        decoded += 1
      }
    }
    // A damaged block leaves zeros rather than stale data.
    while decoded < total {
      blockPositions[decoded] = 0
      decoded += 1
    }
    // Deltas to absolute positions, restarting at each document.
    for k in 0..<count {
      var position: UInt32 = 0
      for p in positionStarts[k]..<positionStarts[k + 1] {
        position &+= blockPositions[p]
        blockPositions[p] = position
      }
    }
    blockPositionsDecoded = true
  }
}
