/// A small JSON scanner for one object per line: reads the top-level members whose values are
/// strings, numbers or arrays of strings, and skips everything else. Faster than
/// `JSONSerialization` (no Foundation objects), and strict enough to reject broken lines.
struct JSONObjectScanner {
  /// A top-level member value extraction cares about.
  enum Value {
    case string(String)
    /// A number's source text, kept exactly (ids like `00123` or `1.50` stay as written).
    case number(String)
    case strings([String])

    var text: String {
      switch self {
      case .string(let text), .number(let text): text
      case .strings(let texts): texts.joined(separator: ", ")
      }
    }
  }

  private let bytes: UnsafeBufferPointer<UInt8>
  private var index: Int
  private let end: Int
  private var scratch: [UInt8] = []

  init(bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
    self.bytes = bytes
    self.index = start
    self.end = end
  }

  /// The members of the object spanning the range, or `nil` when it is not one valid JSON object
  /// (trailing whitespace allowed). Later duplicates of a key win.
  mutating func members() -> [String: Value]? {
    skipSpace()
    guard consume(UInt8(ascii: "{")) else { return nil }
    var result: [String: Value] = [:]
    skipSpace()
    if consume(UInt8(ascii: "}")) { return finished() ? result : nil }
    while true {
      skipSpace()
      guard peek() == UInt8(ascii: "\""), let key = readString() else { return nil }
      skipSpace()
      guard consume(UInt8(ascii: ":")) else { return nil }
      skipSpace()
      switch peek() ?? 0 {
      case UInt8(ascii: "\""):
        guard let value = readString() else { return nil }
        result[key] = .string(value)
      case UInt8(ascii: "-"), 0x30...0x39:
        let start = index
        while index < end, isNumberByte(bytes[index]) { index += 1 }
        result[key] = .number(
          String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
      case UInt8(ascii: "["):
        guard let strings = readArray() else { return nil }
        if let strings { result[key] = .strings(strings) }
      default:
        guard skipValue() else { return nil }
      }
      skipSpace()
      if consume(UInt8(ascii: ",")) { continue }
      guard consume(UInt8(ascii: "}")) else { return nil }
      return finished() ? result : nil
    }
  }

  private mutating func finished() -> Bool {
    skipSpace()
    return index == end
  }

  @inline(__always) private func peek() -> UInt8? { index < end ? bytes[index] : nil }

  @inline(__always) private mutating func consume(_ byte: UInt8) -> Bool {
    guard index < end, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  private mutating func skipSpace() {
    while index < end {
      let byte = bytes[index]
      guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
      index += 1
    }
  }

  private func isNumberByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
      || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
  }

  /// Reads a string at `index` (on its opening quote), decoding escapes.
  private mutating func readString() -> String? {
    index += 1
    let start = index
    // Fast path: no escapes.
    while index < end {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let text = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        index += 1
        return text
      }
      if byte == UInt8(ascii: "\\") { break }
      index += 1
    }
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
    while index < end {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""):
        return String(decoding: scratch, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard index < end else { return nil }
        let escaped = bytes[index]
        index += 1
        switch escaped {
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "b"), UInt8(ascii: "f"): scratch.append(0x20)
        case UInt8(ascii: "u"):
          guard var scalar = readHex4() else { return nil }
          if (0xD800..<0xDC00).contains(scalar), index + 1 < end,
            bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
          {
            index += 2
            guard let low = readHex4() else { return nil }
            scalar =
              (0xDC00..<0xE000).contains(low)
              ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
          }
          if (0xD800..<0xE000).contains(scalar) { scalar = 0xFFFD }
          CharsetDecoder.appendUTF8(scalar, to: &scratch)
        default: scratch.append(escaped)
        }
      default:
        scratch.append(byte)
      }
    }
    return nil
  }

  private mutating func readHex4() -> UInt32? {
    guard index + 4 <= end else { return nil }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case 0x30...0x39: digit = UInt32(byte - 0x30)
      case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
      case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
      default: return nil
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  /// An array: its strings when every element is a string, `.some(nil)` for other valid arrays,
  /// `nil` when malformed.
  private mutating func readArray() -> [String]?? {
    let start = index
    index += 1
    var strings: [String] = []
    skipSpace()
    if consume(UInt8(ascii: "]")) { return .some(strings) }
    while true {
      skipSpace()
      guard peek() == UInt8(ascii: "\""), let text = readString() else {
        index = start
        return skipValue() ? .some(nil) : nil
      }
      strings.append(text)
      skipSpace()
      if consume(UInt8(ascii: ",")) { continue }
      return consume(UInt8(ascii: "]")) ? .some(strings) : nil
    }
  }

  /// Skips any value (object, array, literal, number, string) with bracket counting.
  private mutating func skipValue() -> Bool {
    guard let first = peek() else { return false }
    if first == UInt8(ascii: "\"") { return readString() != nil }
    if first != UInt8(ascii: "{") && first != UInt8(ascii: "[") {
      let start = index
      while index < end, let byte = peek(), byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"),
        byte != UInt8(ascii: "]"), byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09
      {
        index += 1
      }
      let literal = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
      return literal == "true" || literal == "false" || literal == "null"
    }
    var depth = 0
    while index < end {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        guard readString() != nil else { return false }
        continue
      }
      index += 1
      if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
      if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
        depth -= 1
        if depth == 0 { return true }
      }
    }
    return false
  }
}
