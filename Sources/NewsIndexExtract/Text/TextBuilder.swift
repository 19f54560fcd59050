/// Accumulates UTF-8 text with normalized whitespace: runs of spaces, tabs and other ASCII
/// whitespace (and U+00A0) become one space, lines are trimmed, empty lines are dropped, and
/// line breaks separate paragraphs as a single `"\n"`.
///
/// Input must be valid UTF-8; only ASCII bytes are removed or replaced, so the output stays valid.
/// C0 control characters other than whitespace are dropped.
struct TextBuilder {
  private(set) var bytes: [UInt8] = []
  private var pendingSpace = false
  private var pendingBreak = false

  init() {}

  var isEmpty: Bool { bytes.isEmpty }

  /// Appends inline text: every whitespace run, including newlines, becomes one space.
  mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
    var index = 0
    let count = text.count
    bytes.reserveCapacity(bytes.count + count + 1)
    while index < count {
      let byte = text[index]
      if byte <= 0x20 || byte == 0x7F {
        if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { pendingSpace = true }
      } else if byte == 0xC2 && index + 1 < count && text[index + 1] == 0xA0 {
        pendingSpace = true
        index += 1
      } else {
        // Copy the whole run of visible bytes at once (one separator, one bulk append).
        var end = index + 1
        while end < count {
          let next = text[end]
          if next <= 0x20 || next == 0x7F || (next == 0xC2 && end + 1 < count && text[end + 1] == 0xA0) { break }
          end += 1
        }
        appendVisible(byte)
        if end > index + 1 { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[(index + 1)..<end])) }
        index = end
        continue
      }
      index += 1
    }
  }

  mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { append($0) }
  }

  /// Appends text whose line structure matters: a blank line or a newline followed by an
  /// indented line starts a new paragraph; other newlines (hard wraps) become spaces.
  mutating func appendFlowed(_ text: UnsafeBufferPointer<UInt8>) {
    var index = 0
    let count = text.count
    var lineStart = 0
    while index <= count {
      if index == count || text[index] == 0x0A {
        var end = index
        if end > lineStart && text[end - 1] == 0x0D { end -= 1 }
        let line = UnsafeBufferPointer(rebasing: text[lineStart..<end])
        let first = line.first
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0C }) {
          breakLine()
        } else {
          if first == 0x20 || first == 0x09 { breakLine() }
          append(line)
          pendingSpace = true
        }
        lineStart = index + 1
      }
      index += 1
    }
  }

  mutating func appendFlowed(_ text: String) {
    var text = text
    text.withUTF8 { appendFlowed($0) }
  }

  /// Ends the current line; the next visible byte starts a new one.
  mutating func breakLine() {
    if !bytes.isEmpty { pendingBreak = true }
  }

  /// Separates the next text with at least a space.
  mutating func breakWord() {
    pendingSpace = true
  }

  @inline(__always)
  private mutating func appendVisible(_ byte: UInt8) {
    if !bytes.isEmpty {
      if pendingBreak {
        bytes.append(0x0A)
      } else if pendingSpace {
        bytes.append(0x20)
      }
    }
    pendingBreak = false
    pendingSpace = false
    bytes.append(byte)
  }

  func finish() -> String {
    String(decoding: bytes, as: UTF8.self)
  }

  /// Normalizes one string as inline text.
  static func inline(_ text: String) -> String {
    var builder = TextBuilder()
    builder.append(text)
    return builder.finish()
  }

  /// Normalizes one string as flowed text (see `appendFlowed`).
  static func flowed(_ text: String) -> String {
    var builder = TextBuilder()
    builder.appendFlowed(text)
    return builder.finish()
  }
}
