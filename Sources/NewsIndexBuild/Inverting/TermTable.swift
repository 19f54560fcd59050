#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import NewsIndexCore

/// Interns term keys (field byte + term bytes) into dense ``TermID``s, without an object per term.
///
/// Keys live back to back in one byte arena; an open-addressing table of `TermID + 1` (0 = empty)
/// with stored hashes finds them. Growth doubles the table and rehashes from the stored hashes.
struct TermTable {
  private(set) var arena: [UInt8] = []
  private(set) var keyStarts: [UInt32] = []
  private var hashes: [UInt64] = []
  private var slots: [UInt32]
  private var mask: Int

  init(capacity: Int = 1 << 14) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: 0, count: size)
    mask = size - 1
    arena.reserveCapacity(capacity * 8)
    keyStarts.reserveCapacity(capacity + 1)
    keyStarts.append(0)
  }

  var count: Int { keyStarts.count - 1 }

  /// Bytes held by the table's arrays (capacity, not count: what the process really holds).
  var estimatedByteCount: Int {
    arena.capacity + keyStarts.capacity * 4 + hashes.capacity * 8 + slots.capacity * 4
  }

  /// The key bytes of `id`, as a range into ``arena``.
  func keyRange(_ id: TermID) -> Range<Int> { Int(keyStarts[Int(id)])..<Int(keyStarts[Int(id) + 1]) }

  /// Returns the id of `field` + `term`, adding the key when new.
  mutating func intern(field: UInt8, term: UnsafeRawBufferPointer) -> TermID {
    let hash = ByteHash.hash(term, seed: UInt64(field))
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { break }
      let id = Int(entry - 1)
      if hashes[id] == hash && matches(id, field: field, term: term) { return TermID(id) }
      slot = (slot + 1) & mask
    }
    let id = TermID(count)
    arena.append(field)
    arena.append(contentsOf: term)
    keyStarts.append(UInt32(arena.count))
    hashes.append(hash)
    slots[slot] = id + 1
    if count * 2 > slots.count { grow() }
    return id
  }

  private func matches(_ id: Int, field: UInt8, term: UnsafeRawBufferPointer) -> Bool {
    let start = Int(keyStarts[id])
    let end = Int(keyStarts[id + 1])
    guard end - start == term.count + 1, arena[start] == field else { return false }
    return arena.withUnsafeBytes { raw in
      term.count == 0 || memcmp(raw.baseAddress! + start + 1, term.baseAddress!, term.count) == 0
    }
  }

  @inline(never) private mutating func grow() {
    let size = slots.count * 2
    slots = Array(repeating: 0, count: size)
    mask = size - 1
    for id in 0..<count {
      let hash = hashes[id]
      var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = UInt32(id + 1)
    }
  }

  /// Term ids ordered by key bytes: the order the dictionary is written in.
  func sortedIDs() -> [TermID] {
    arena.withUnsafeBytes { raw in
      (0..<TermID(count)).sorted { a, b in
        let ra = keyRange(a)
        let rb = keyRange(b)
        let common = min(ra.count, rb.count)
        let order = memcmp(raw.baseAddress! + ra.lowerBound, raw.baseAddress! + rb.lowerBound, common)
        return order != 0 ? order < 0 : ra.count < rb.count
      }
    }
  }
}
