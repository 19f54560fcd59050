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
/// Byte layout of one term in the `.doc` payload (FileFormat.md has the grammar):
/// `blockCount varint, skipByteCount varint, skip entries, blocks`; a skip entry is
/// `lastDocDelta, docByteCount, positionByteCount, maxTermFreq` (varints); a block is
/// `(docDelta, termFreq)` varint pairs. Positions of a block lie in `.pos`, per document
/// `termFreq` varint deltas.
package final class PostingsCursor {
  /// `docID` after the last posting.
  package static let end = DocID.max

  /// Documents containing the term in this segment.
  package let docFreq: Int
  /// The current document, or ``end``.
  package private(set) var docID: DocID = 0

  private let segment: SegmentReader
  private let docs: UnsafeMutablePointer<UInt32>
  private let freqs: UnsafeMutablePointer<UInt32>
  private var positionBuffer: UnsafeMutablePointer<UInt32>
  private var positionCapacity = 64

  private var skips: ByteReader
  private var blocksLeft: Int
  private var nextBlockDocOffset: Int
  private var nextBlockPositionOffset: Int
  private var previousBlockLastDoc: Int = 0

  // The current block.
  private var blockLastDoc: Int = -1
  private var blockDocOffset = 0
  private var blockDocByteCount = 0
  private var blockPositionOffset = 0
  private var blockMaxTermFreqValue: UInt32 = 0
  private var count = 0
  private var index = 0
  /// `.pos` offset of the positions of document `positionsDocIndex` of the current block.
  private var positionsDocIndex = 0
  private var positionsOffset = 0
  /// The block index whose positions `positionBuffer` holds, or -1.
  private var decodedPositionsIndex = -1
  private var decodedPositionsCount = 0

  init(segment: SegmentReader, info: TermInfo) {
    self.segment = segment
    self.docFreq = info.docFreq
    docs = .allocate(capacity: PostingsFormat.blockSize)
    freqs = .allocate(capacity: PostingsFormat.blockSize)
    positionBuffer = .allocate(capacity: positionCapacity)
    var header = ByteReader(segment.postingsPayload, offset: info.postingsOffset)
    let blockCount = (try? header.readVarInt(limit: info.docFreq)) ?? 0
    let skipByteCount = (try? header.readVarInt(limit: header.remaining)) ?? 0
    skips = ByteReader(
      UnsafeRawBufferPointer(rebasing: segment.postingsPayload[0..<(header.offset + skipByteCount)]),
      offset: header.offset)
    blocksLeft = blockCount
    nextBlockDocOffset = header.offset + skipByteCount
    nextBlockPositionOffset = info.positionsOffset
    if readNextSkipEntry() { decodeBlock() } else { docID = Self.end }
  }

  deinit {
    docs.deallocate()
    freqs.deallocate()
    positionBuffer.deallocate()
  }

  /// Occurrences of the term in the current document (0 at ``end``).
  @inline(__always) package var termFreq: UInt32 { index < count ? freqs[index] : 0 }

  /// The largest term frequency in the current block (an upper bound for scoring).
  package var blockMaxTermFreq: UInt32 { blockMaxTermFreqValue }

  /// The last document of the current block.
  package var blockLastDocID: DocID { blockLastDoc < 0 ? Self.end : DocID(blockLastDoc) }

  /// Moves to the next document (or to ``end``).
  package func next() {
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
        docID = Self.end
        return
      }
      decodeBlock()
    }
    while index < count && docs[index] < target { index += 1 }
    docID = index < count ? docs[index] : Self.end
  }

  /// Positions of the term in the current document, ascending; valid until the cursor moves.
  package func positions() -> UnsafeBufferPointer<UInt32> {
    guard index < count else { return UnsafeBufferPointer(start: positionBuffer, count: 0) }
    if decodedPositionsIndex == index {
      return UnsafeBufferPointer(start: positionBuffer, count: decodedPositionsCount)
    }
    let frequency = Int(freqs[index])
    var reader = ByteReader(segment.positionsPayload, offset: positionsOffset)
    // Skip the positions of documents passed over since the last call.
    while positionsDocIndex < index {
      for _ in 0..<freqs[positionsDocIndex] { _ = try? reader.readVarInt() }
      positionsDocIndex += 1
    }
    if frequency > positionCapacity {
      positionBuffer.deallocate()
      positionCapacity = frequency.nextPowerOf2
      positionBuffer = .allocate(capacity: positionCapacity)
    }
    var position: UInt32 = 0
    for k in 0..<frequency {
      let delta = UInt32(truncatingIfNeeded: (try? reader.readVarInt()) ?? 0)
      position = k == 0 ? delta : position &+ delta
      positionBuffer[k] = position
    }
    positionsDocIndex = index + 1
    positionsOffset = reader.offset
    decodedPositionsIndex = index
    decodedPositionsCount = frequency
    return UnsafeBufferPointer(start: positionBuffer, count: frequency)
  }

  // MARK: Blocks

  /// Reads the next skip entry into the current-block fields; false when there is none.
  private func readNextSkipEntry() -> Bool {
    guard blocksLeft > 0 else { return false }
    do {
      let lastDelta = try skips.readVarInt(limit: Int(UInt32.max))
      let docByteCount = try skips.readVarInt(limit: segment.postingsPayload.count)
      let positionByteCount = try skips.readVarInt(limit: segment.positionsPayload.count)
      blockMaxTermFreqValue = UInt32(truncatingIfNeeded: try skips.readVarInt())
      previousBlockLastDoc = blockLastDoc < 0 ? 0 : blockLastDoc
      blockLastDoc = previousBlockLastDoc + lastDelta
      blockDocOffset = nextBlockDocOffset
      blockDocByteCount = docByteCount
      blockPositionOffset = nextBlockPositionOffset
      nextBlockDocOffset += docByteCount
      nextBlockPositionOffset += positionByteCount
      blocksLeft -= 1
      return true
    } catch {
      blocksLeft = 0
      return false
    }
  }

  /// Decodes the current block's doc ids and frequencies; the cursor lands on its first document.
  private func decodeBlock() {
    let end = min(blockDocOffset + blockDocByteCount, segment.postingsPayload.count)
    var reader = ByteReader(UnsafeRawBufferPointer(rebasing: segment.postingsPayload[0..<end]), offset: blockDocOffset)
    var doc = previousBlockLastDoc
    count = 0
    while !reader.isAtEnd && count < PostingsFormat.blockSize {
      guard let delta = try? reader.readVarInt(limit: Int(UInt32.max)),
        let frequency = try? reader.readVarInt(limit: Int(UInt32.max))
      else { break }
      doc += delta
      docs[count] = UInt32(truncatingIfNeeded: doc)
      freqs[count] = UInt32(truncatingIfNeeded: frequency)
      count += 1
    }
    index = 0
    positionsDocIndex = 0
    positionsOffset = blockPositionOffset
    decodedPositionsIndex = -1
    docID = count > 0 ? docs[0] : Self.end
  }
}

extension Int {
  fileprivate var nextPowerOf2: Int {
    var value = 1
    while value < self { value <<= 1 }
    return value
  }
}
