package import NewsIndexCore

/// Walks a segment's term dictionary in key order, one entry at a time (pull-based, for merges).
///
/// `key` is the field byte followed by the term bytes; it and `info` describe the current entry
/// after ``next()`` returned true. Front coding restarts at every dictionary block: the first
/// entry of a block shares nothing with the entry before it.
///
/// The fields' terms come first; the word streams' entries (key byte
/// ``PostingsFormat/wordStreamKeyByte``) follow them. An iterator made with `words: false` ends
/// where they start (merges and statistics read fields only; a merged segment's writer derives
/// its own word streams); one made with `words: true` passes over the fields' terms and yields
/// the words' entries, `field` then meaning nothing.
package struct TermIterator {
  private let segment: SegmentReader
  private var reader: ByteReader
  /// The block whose first entry comes next.
  private var nextBlock = 0
  package private(set) var key: [UInt8] = []
  /// The field of the current key (its first byte).
  package private(set) var field = Field.body
  package private(set) var info = TermInfo(docFreq: 0, totalTermFreq: 0, postingsOffset: 0, positionsOffset: 0)

  /// Whether the iterator yields the word streams' entries instead of the fields' terms.
  package let words: Bool
  /// Dictionary blocks entered so far (each ``seek(atOrAfter:)`` that jumps enters a new one).
  package private(set) var blocksRead = 0
  /// Entries before this key are passed over by ``next()`` (set by ``seek(atOrAfter:)``).
  private var target: [UInt8]?

  package init(_ segment: SegmentReader, words: Bool = false) {
    self.segment = segment
    self.words = words
    reader = ByteReader(UnsafeRawBufferPointer(rebasing: segment.termsPayload[0..<segment.termEntriesEnd]))
  }

  /// Moves to the next entry; false at the end.
  /// - Throws: ``FormatError/corrupt(path:byteOffset:reason:)`` on a malformed entry.
  package mutating func next() throws(FormatError) -> Bool {
    while try nextEntry() {
      if let target {
        if key.lexicographicallyPrecedes(target) { continue }
        self.target = nil
      }
      let isWord = key.first == PostingsFormat.wordStreamKeyByte
      if isWord == words { return true }
      if isWord { break }  // the fields' terms end here
    }
    reader.offset = reader.base.count
    return false
  }

  /// Makes the next ``next()`` yield the first entry whose key is at least `key` (a whole key:
  /// field or word-stream byte, then term bytes). When `key` lies in a later dictionary block
  /// the iterator jumps there through the block index; otherwise it reads on through the current
  /// block. Never moves backwards.
  package mutating func seek(atOrAfter key: [UInt8]) {
    if !self.key.isEmpty && !self.key.lexicographicallyPrecedes(key) { return }
    let block = segment.termBlock(atOrBefore: key)
    if block >= nextBlock && block < segment.termBlockOffsets.count {
      reader.offset = segment.termBlockOffsets[block]
      nextBlock = block
      self.key.removeAll(keepingCapacity: true)
    }
    target = key
  }

  private mutating func nextEntry() throws(FormatError) -> Bool {
    guard !reader.isAtEnd else { return false }
    do throws(ByteReader.OutOfBounds) {
      if nextBlock < segment.termBlockOffsets.count && reader.offset == segment.termBlockOffsets[nextBlock] {
        key.removeAll(keepingCapacity: true)
        nextBlock += 1
        blocksRead += 1
      }
      let (shared, suffix) = try DictionaryEntry.readKey(&reader, previousLength: key.count)
      key.removeSubrange(shared...)
      key.append(contentsOf: suffix)
      info = try DictionaryEntry.readInfo(&reader, of: segment)
      guard let first = key.first else { throw ByteReader.OutOfBounds(byteOffset: reader.offset, byteCount: 0) }
      if first != PostingsFormat.wordStreamKeyByte {
        guard let field = Field(rawValue: first) else {
          throw ByteReader.OutOfBounds(byteOffset: reader.offset, byteCount: 0)
        }
        self.field = field
      }
      return true
    } catch {
      throw .corrupt(
        path: segment.termsFile.path, byteOffset: FileEnvelope.headerByteCount + reader.offset,
        reason: "bad term entry")
    }
  }
}
