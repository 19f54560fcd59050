/// SplitMix64: a tiny generator whose sequence depends only on the seed, so failures reproduce.
///
/// Helpers draw with multiply-shift rather than the standard library's `random(in:using:)`, whose
/// algorithm may change between Swift releases.
struct SplitMix64 {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in `0..<bound`; `bound` must be positive.
  mutating func int(below bound: Int) -> Int {
    Int(next().multipliedFullWidth(by: UInt64(bound)).high)
  }

  /// Uniform in `range`.
  mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + int(below: range.count)
  }

  mutating func bytes(count: Int) -> [UInt8] {
    (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
  }
}

extension SplitMix64 {
  /// True with probability `percent` / 100.
  mutating func chance(_ percent: Int) -> Bool { int(below: 100) < percent }

  mutating func element<T>(of array: [T]) -> T { array[int(below: array.count)] }

  /// `count` distinct values from `0..<upperBound`, ascending.
  mutating func sample(_ count: Int, below upperBound: Int) -> [Int] {
    precondition(count <= upperBound)
    var pool = Array(0..<upperBound)
    for k in 0..<count { pool.swapAt(k, k + int(below: upperBound - k)) }
    return pool[0..<count].sorted()
  }
}
