#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import NewsIndexCore

/// Remembers the stems of the words one thread has seen, so each distinct word is stemmed once.
///
/// Word frequencies in news follow Zipf's law: a few thousand words make most of the tokens, so
/// stemming every token (what `sb_stemmer_stem` would do) repeats the same work millions of
/// times. The cache owns its own libstemmer stemmer, so it belongs to one thread at a time (an
/// indexing worker keeps one for its whole segment). Words and stems live in one manually
/// allocated arena found through an open-addressing table; a stem handed out stays valid until
/// the next call. The cache empties itself when it holds ``maxEntries`` words. Its state skips
/// Swift's dynamic exclusivity checks (measured: they were a tenth of tokenizing time): only its
/// owning thread ever touches it, one call at a time.
package final class StemCache {
  /// Distinct words kept before the cache starts over (bounds its memory to a few tens of MB).
  package static let maxEntries = 1 << 20

  private let stemmer: UnsafeStemmer
  @exclusivity(unchecked) private var arena: UnsafeMutableRawPointer
  @exclusivity(unchecked) private var arenaCapacity = 1 << 20
  @exclusivity(unchecked) private var arenaCount = 0
  /// Per entry: word offset, word length, stem offset, stem length.
  @exclusivity(unchecked) private var entries: [UInt32] = []
  @exclusivity(unchecked) private var hashes: [UInt64] = []
  @exclusivity(unchecked) private var slots: [Int32]
  @exclusivity(unchecked) private var mask: Int

  package init(language: String) {
    stemmer = UnsafeStemmer(language: language)
    arena = .allocate(byteCount: arenaCapacity, alignment: 8)
    slots = Array(repeating: -1, count: 1 << 14)
    mask = (1 << 14) - 1
  }

  deinit { arena.deallocate() }

  private var count: Int { hashes.count }

  /// Increases whenever the cache starts over: entry numbers of an earlier epoch mean nothing.
  @exclusivity(unchecked) package private(set) var epoch = 0

  /// The stem of `word`, from the cache or computed and remembered.
  package func stem(_ word: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    stemEntry(word).stem
  }

  /// The stem of `word` and the number of its cache entry (dense from 0, stable until ``epoch``
  /// changes), so a caller can keep per-word data beside the cache, such as an indexer's term
  /// ids: a repeated word then costs this one hash lookup.
  package func stemEntry(_ word: UnsafeRawBufferPointer) -> (stem: UnsafeRawBufferPointer, entry: Int) {
    let hash = ByteHash.hash(word)
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 31)) & mask
    while true {
      let entry = Int(slots[slot])
      if entry < 0 { break }
      if hashes[entry] == hash {
        let base = entry * 4
        let length = Int(entries[base + 1])
        if length == word.count && (length == 0 || memcmp(arena + Int(entries[base]), word.baseAddress!, length) == 0) {
          return (UnsafeRawBufferPointer(start: arena + Int(entries[base + 2]), count: Int(entries[base + 3])), entry)
        }
      }
      slot = (slot + 1) & mask
    }
    let stemmed = stemmer.stem(word)
    if count >= Self.maxEntries { reset() }
    return (insert(word, stemmed, hash: hash), count - 1)
  }

  private func insert(_ word: UnsafeRawBufferPointer, _ stemmed: UnsafeRawBufferPointer, hash: UInt64) -> UnsafeRawBufferPointer {
    // The stem may point into libstemmer's buffer: copy both into the arena before anything else.
    let needed = word.count + stemmed.count
    if arenaCount + needed > arenaCapacity { growArena(to: arenaCount + needed) }
    let wordOffset = arenaCount
    if word.count > 0 { (arena + wordOffset).copyMemory(from: word.baseAddress!, byteCount: word.count) }
    let stemOffset = wordOffset + word.count
    if stemmed.count > 0 { (arena + stemOffset).copyMemory(from: stemmed.baseAddress!, byteCount: stemmed.count) }
    arenaCount += needed
    entries += [UInt32(wordOffset), UInt32(word.count), UInt32(stemOffset), UInt32(stemmed.count)]
    hashes.append(hash)
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 31)) & mask
    while slots[slot] >= 0 { slot = (slot + 1) & mask }
    slots[slot] = Int32(count - 1)
    if count * 2 > slots.count { growTable() }
    return UnsafeRawBufferPointer(start: arena + stemOffset, count: stemmed.count)
  }

  @inline(never) private func growArena(to minimum: Int) {
    var capacity = arenaCapacity * 2
    while capacity < minimum { capacity *= 2 }
    let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
    bigger.copyMemory(from: arena, byteCount: arenaCount)
    arena.deallocate()
    arena = bigger
    arenaCapacity = capacity
  }

  @inline(never) private func growTable() {
    let size = slots.count * 2
    slots = Array(repeating: -1, count: size)
    mask = size - 1
    for (entry, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash ^ (hash >> 31)) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(entry)
    }
  }

  private func reset() {
    epoch += 1
    arenaCount = 0
    entries.removeAll(keepingCapacity: true)
    hashes.removeAll(keepingCapacity: true)
    for k in slots.indices { slots[k] = -1 }
  }
}
