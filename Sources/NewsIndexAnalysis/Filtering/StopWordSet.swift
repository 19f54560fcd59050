/// An immutable set of terms looked up by their bytes, without allocating.
///
/// Open addressing over one byte arena (FNV-1a hash, linear probing, load ≤ 1/2), so the
/// per-token check is a hash of a few bytes and usually one `memcmp`-like comparison.
struct StopWordSet: Sendable {
  private var arena: [UInt8] = []
  /// Per slot: start of the word in `arena` and its length; length 0 marks an empty slot.
  private var starts: [Int32]
  private var lengths: [Int32]
  private let mask: Int

  /// A set of `words` (given already normalized as the tokenizer normalizes).
  init(_ words: [String]) {
    var capacity = 8
    while capacity < words.count * 2 { capacity <<= 1 }
    mask = capacity - 1
    starts = Array(repeating: 0, count: capacity)
    lengths = Array(repeating: 0, count: capacity)
    for word in Set(words) where !word.isEmpty {
      let bytes = Array(word.utf8)
      var slot = bytes.withUnsafeBytes { Self.hash($0) } & mask
      while lengths[slot] != 0 { slot = (slot + 1) & mask }
      starts[slot] = Int32(arena.count)
      lengths[slot] = Int32(bytes.count)
      arena.append(contentsOf: bytes)
    }
  }

  var isEmpty: Bool { arena.isEmpty }

  /// Whether `term` is one of the words.
  func contains(_ term: UnsafeRawBufferPointer) -> Bool {
    if arena.isEmpty { return false }
    var slot = Self.hash(term) & mask
    return arena.withUnsafeBytes { arena in
      while true {
        let length = Int(lengths[slot])
        if length == 0 { return false }
        if length == term.count {
          let start = Int(starts[slot])
          var equal = true
          for k in 0..<length where arena[start + k] != term[k] {
            equal = false
            break
          }
          if equal { return true }
        }
        slot = (slot + 1) & mask
      }
    }
  }

  @inline(__always) private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      h ^= UInt64(byte)
      h &*= 0x100_0000_01b3
    }
    return Int(truncatingIfNeeded: h >> 1)
  }
}
