package import NewsIndexCore

/// The competitive (term frequency, field length) pairs of a set of postings: the pairs no other
/// posting of the set beats on both counts (a frequency at least as high at a length at most as
/// short). Any score that grows with the frequency and falls with the length — BM25 for every
/// k1, b and average length — is bounded over the set by its best pair (Lucene's competitive
/// impacts, `CompetitiveImpactAccumulator`, kept per postings block in the skip table).
///
/// At most ``capacity`` pairs are kept, frequencies and lengths both strictly ascending. A set
/// with more competitive pairs is coarsened by replacing two neighbours with the pair of the
/// higher frequency at the shorter length, which beats both: the bound stays valid, only looser.
/// A value type without heap storage, so that queries can build them per window.
package struct Impacts: Equatable, Sendable {
  /// Pairs a set keeps at most.
  package static let capacity = 8

  package private(set) var count = 0
  /// Unused lanes are 0.
  private typealias Storage = SIMD8<UInt32>
  private var frequencies = Storage()
  private var lengths = Storage()

  package init() {}

  /// The `index`-th pair, by ascending frequency.
  @inline(__always) package subscript(index: Int) -> (frequency: UInt32, length: UInt32) {
    (frequencies[index], lengths[index])
  }

  package var isEmpty: Bool { count == 0 }
  /// The largest frequency of the set (0 when empty).
  package var maxFrequency: UInt32 { count == 0 ? 0 : frequencies[count - 1] }
  /// The shortest length of the set (`UInt32.max` when empty).
  package var minLength: UInt32 { count == 0 ? .max : lengths[0] }

  /// The competitive pairs of a block's postings, exact up to ``capacity`` pairs (coarsened past
  /// it). `pairs` holds each posting as `frequency << 32 | length`.
  package init(competitivePairsOf pairs: UnsafeMutableBufferPointer<UInt64>) {
    let lengthMask: UInt64 = 0xFFFF_FFFF
    self.init()
    // The exact frontier, packed, ascending (frequency in the high bits: packed values ascend
    // with both frequency and length); a block's frontier is short, so insertion is cheap.
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(pairs.count, 1)) { frontier in
      var found = 0
      for pair in pairs {
        let frequency = pair >> 32
        let length = pair & lengthMask
        var position = 0
        while position < found && frontier[position] >> 32 < frequency { position += 1 }
        if position < found && frontier[position] & lengthMask <= length { continue }  // beaten or equalled
        // Pairs below with a length at least this one's, and one of the same frequency (longer),
        // are beaten by it.
        var first = position
        while first > 0 && frontier[first - 1] & lengthMask >= length { first -= 1 }
        var end = position
        if end < found && frontier[end] >> 32 == frequency { end += 1 }
        let removed = end - first
        if removed == 0 {
          var index = found
          while index > first {
            frontier[index] = frontier[index - 1]
            index -= 1
          }
        } else if removed > 1 {
          for index in end..<found { frontier[index - removed + 1] = frontier[index] }
        }
        frontier[first] = pair
        found += 1 - removed
      }
      // Coarsened to the capacity: the two neighbours closest in frequency become one pair
      // that beats both (the higher frequency at the shorter length).
      while found > Self.capacity {
        var best = 0
        for index in 1..<(found - 1)
        where frontier[index + 1] >> 32 - frontier[index] >> 32 < frontier[best + 1] >> 32
          - frontier[best] >> 32
        {
          best = index
        }
        frontier[best] = frontier[best + 1] & ~lengthMask | frontier[best] & lengthMask
        for index in (best + 1)..<(found - 1) { frontier[index] = frontier[index + 1] }
        found -= 1
      }
      for index in 0..<found {
        frequencies[index] = UInt32(frontier[index] >> 32)
        lengths[index] = UInt32(frontier[index] & lengthMask)
      }
      count = found
    }
  }

  /// Adds one posting's pair (through the same frontier and coarsening as a block's).
  package mutating func insert(frequency: UInt32, length: UInt32) {
    let existing = count
    self = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: existing + 1) { pairs in
      for index in 0..<existing {
        pairs[index] = UInt64(frequencies[index]) << 32 | UInt64(lengths[index])
      }
      pairs[existing] = UInt64(frequency) << 32 | UInt64(length)
      return Impacts(competitivePairsOf: pairs)
    }
  }

  /// Adds every pair of `other`.
  package mutating func formUnion(_ other: Impacts) {
    for index in 0..<other.count {
      insert(frequency: other.frequencies[index], length: other.lengths[index])
    }
  }

  /// `(frequency,length) …`, for messages.
  package var pairsDescription: String {
    (0..<count).map { "(\(frequencies[$0]),\(lengths[$0]))" }.joined(separator: " ")
  }

  // MARK: Bytes

  /// `count varint | frequency₀ varint | length₀ varint | (Δfrequency − 1 varint | Δlength − 1 varint)*`
  package func append(to writer: inout ByteWriter) {
    writer.appendVarInt(count)
    for index in 0..<count {
      if index == 0 {
        writer.appendVarInt(frequencies[0])
        writer.appendVarInt(lengths[0])
      } else {
        writer.appendVarInt(frequencies[index] - frequencies[index - 1] - 1)
        writer.appendVarInt(lengths[index] - lengths[index - 1] - 1)
      }
    }
  }

  /// Reads what ``append(to:)`` wrote; nil when the bytes are not such a set (too many pairs,
  /// values past 32 bits, or the bytes end early).
  package init?(reading reader: inout ByteReader) {
    guard let stored = try? reader.readVarInt(limit: Self.capacity), stored >= 1 else { return nil }
    var frequency: UInt64 = 0
    var length: UInt64 = 0
    for index in 0..<stored {
      guard let a = try? reader.readVarInt(), let b = try? reader.readVarInt(),
        a <= UInt64(UInt32.max), b <= UInt64(UInt32.max)
      else { return nil }
      frequency = index == 0 ? a : frequency + a + 1
      length = index == 0 ? b : length + b + 1
      guard frequency <= UInt64(UInt32.max), length <= UInt64(UInt32.max) else { return nil }
      frequencies[index] = UInt32(frequency)
      lengths[index] = UInt32(length)
    }
    count = stored
  }
}
