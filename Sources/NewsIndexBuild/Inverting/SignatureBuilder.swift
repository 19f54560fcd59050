import NewsIndexFormat

/// Computes the duplicate signatures of one document from its analyzed terms, as the inverter
/// sees them (case- and accent-folded, stemmed, stop words dropped), so two copies that differ
/// only in punctuation, case, spacing or markup get the same signatures.
///
/// What is compared depends on the body's length. A body of at least ``longBodyTermCount``
/// terms identifies the story alone: a wire story republished under a new headline is still a
/// copy. A shorter body is compared together with the title (title terms first, one stream):
/// feed items often share a boilerplate description (a video channel's blurb under every
/// video) and differ only by their headline.
///
/// - `exactHash`: an order-sensitive hash of the compared terms; 0 for a document without body
///   terms: a headline alone ("Errata", "Letters to the editor", a weekly column's name) does
///   not identify a story, so such documents are never grouped.
/// - `simHash`: Charikar's SimHash over the overlapping shingles of ``shingleWidth`` compared
///   terms (each shingle hashed to 64 bits; bit i of the result is set when most shingles have
///   it set). Near-duplicates (an edited lead, an added line) differ in few bits. 0 when there
///   are fewer than ``minimumShingleCount`` shingles: short texts give unstable SimHashes.
///
/// Bit counts are kept eight to a word (one byte per bit position, table lookups per hash byte)
/// and spilled into wider counters every 255 shingles, so a term costs a few instructions.
struct SignatureBuilder {
  static let shingleWidth = 3
  static let minimumShingleCount = 16
  static let longBodyTermCount = 100
  /// How many times a shingle with a title term counts in a short document's SimHash: a
  /// headline is a small part of the text but tells feed items with one blurb apart.
  static let titleShingleWeight = 4

  private var textHash: UInt64 = Self.seed
  private var bodyHash: UInt64 = Self.seed
  private var termCount = 0
  private var bodyTermCount = 0
  /// Shingles holding a title term, removed again when the body is long.
  private var titleShingles: [UInt64] = []
  /// Hashes of the last two terms.
  private var previous1: UInt64 = 0
  private var previous2: UInt64 = 0
  private var shingleCount = 0
  /// Byte lane `i` of lane word `j` counts shingles with bit `8j + i` set, since the last spill.
  private var lanes = SIMD8<UInt64>(repeating: 0)
  private var pending = 0
  private var counts = [Int32](repeating: 0, count: 64)
  private let spread = Self.spreadTable

  private static let seed: UInt64 = 0xCBF2_9CE4_8422_2325

  /// `spreadTable[v]` holds bit `i` of `v` in byte `i`.
  private static let spreadTable: [UInt64] = (0..<256).map { v in
    (0..<8).reduce(UInt64(0)) { word, bit in word | (UInt64((v >> bit) & 1) << (8 * UInt64(bit))) }
  }

  /// Forgets the previous document.
  mutating func reset() {
    textHash = Self.seed
    bodyHash = Self.seed
    termCount = 0
    bodyTermCount = 0
    titleShingles.removeAll(keepingCapacity: true)
    shingleCount = 0
    lanes = SIMD8(repeating: 0)
    pending = 0
    for k in 0..<64 { counts[k] = 0 }
  }

  /// Adds the next term of the document: all title terms first, then the body's.
  @inline(__always) mutating func addTerm(_ term: UnsafeRawBufferPointer, inBody: Bool) {
    let h = Self.hash(term)
    textHash = Self.mix(textHash ^ h)
    termCount += 1
    if inBody {
      bodyHash = Self.mix(bodyHash ^ h)
      bodyTermCount += 1
    }
    if termCount >= Self.shingleWidth {
      let shingle = Self.mix(previous2.rotated(16) ^ previous1.rotated(8) ^ h)
      if bodyTermCount < Self.shingleWidth {
        titleShingles.append(shingle)
        for _ in 0..<Self.titleShingleWeight { addShingle(shingle) }
      } else {
        addShingle(shingle)
      }
    }
    previous2 = previous1
    previous1 = h
  }

  @inline(__always) private mutating func addShingle(_ h: UInt64) {
    let s = spread
    lanes &+= SIMD8(
      s[Int(h & 0xFF)], s[Int(h >> 8 & 0xFF)], s[Int(h >> 16 & 0xFF)], s[Int(h >> 24 & 0xFF)],
      s[Int(h >> 32 & 0xFF)], s[Int(h >> 40 & 0xFF)], s[Int(h >> 48 & 0xFF)], s[Int(h >> 56)])
    shingleCount += 1
    pending += 1
    if pending == 255 { spill() }
  }

  private mutating func spill() {
    for j in 0..<8 {
      for i in 0..<8 {
        counts[8 * j + i] += Int32(truncatingIfNeeded: lanes[j] >> (8 * UInt64(i)) & 0xFF)
      }
    }
    lanes = SIMD8(repeating: 0)
    pending = 0
  }

  /// The signatures of the terms added since the last ``reset()``, with `date`.
  mutating func values(date: Int64) -> DocumentValues {
    guard bodyTermCount > 0 else { return DocumentValues(date: date) }
    let longBody = bodyTermCount >= Self.longBodyTermCount
    let exact =
      longBody ? Self.mix(bodyHash ^ UInt64(bodyTermCount)) : Self.mix(textHash ^ UInt64(termCount))
    spill()
    if longBody {
      let weight = Int32(Self.titleShingleWeight)
      for shingle in titleShingles {
        for bit in 0..<64 {
          counts[bit] -= weight * Int32(truncatingIfNeeded: shingle >> UInt64(bit) & 1)
        }
      }
      shingleCount -= titleShingles.count * Self.titleShingleWeight
    }
    var simHash: UInt64 = 0
    if shingleCount >= Self.minimumShingleCount {
      for bit in 0..<64 where Int(counts[bit]) * 2 > shingleCount { simHash |= 1 << UInt64(bit) }
      if simHash == 0 { simHash = 1 }
    }
    return DocumentValues(date: date, exactHash: exact == 0 ? 1 : exact, simHash: simHash)
  }

  /// FNV-1a over the term's bytes.
  @inline(__always) private static func hash(_ term: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in term { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    return h
  }

  /// MurmurHash3's 64-bit finalizer: every input bit affects every output bit.
  @inline(__always) private static func mix(_ value: UInt64) -> UInt64 {
    var h = value
    h ^= h >> 33
    h &*= 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    h &*= 0xC4CE_B9FE_1A85_EC53
    h ^= h >> 33
    return h
  }
}

extension UInt64 {
  @inline(__always) fileprivate func rotated(_ count: UInt64) -> UInt64 {
    (self << count) | (self >> (64 - count))
  }
}
