import CUTF8Proc

/// What a code point does in a token.
enum CharacterKind: Equatable {
  /// Letters, digits and combining marks of scripts written with spaces between words.
  case word
  /// Han, Hiragana, Katakana, Hangul: indexed as bigrams.
  case cjk
  /// `’` and `ʼ`, which behave like ASCII `'`.
  case apostrophe
  case other
}

/// ASCII letters and digits. (Two range checks beat a global table, whose every read paid
/// for `swift_once`.)
@inline(__always) func isASCIIWordByte(_ byte: UInt8) -> Bool {
  byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26
}

@inline(__always) func asciiLowercase(_ byte: UInt8) -> UInt8 {
  byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
}

@inline(__always) func isASCIILetter(_ byte: UInt8) -> Bool {
  (byte | 0x20) &- 0x61 < 26
}

@inline(__always) func isASCIIDigit(_ byte: UInt8) -> Bool {
  byte >= 0x30 && byte <= 0x39
}

extension Tokenizer {
  /// Decodes the UTF-8 sequence at `index`; an invalid or truncated one gives scalar -1, length 1.
  @inline(__always) func decodeScalar(at index: Int) -> (scalar: Int32, length: Int) {
    Self.decode(text, at: index)
  }

  @inline(never) static func decode(_ text: UnsafeRawBufferPointer, at index: Int) -> (scalar: Int32, length: Int) {
    let b0 = UInt32(text[index])
    let n = text.count
    func continuation(_ k: Int) -> UInt32? {
      guard index + k < n else { return nil }
      let b = UInt32(text[index + k])
      return b & 0xC0 == 0x80 ? b & 0x3F : nil
    }
    switch b0 {
    case 0xC2...0xDF:
      guard let b1 = continuation(1) else { break }
      return (Int32((b0 & 0x1F) << 6 | b1), 2)
    case 0xE0...0xEF:
      guard let b1 = continuation(1), let b2 = continuation(2) else { break }
      let scalar = (b0 & 0x0F) << 12 | b1 << 6 | b2
      guard scalar >= 0x800, !(0xD800...0xDFFF).contains(scalar) else { break }
      return (Int32(scalar), 3)
    case 0xF0...0xF4:
      guard let b1 = continuation(1), let b2 = continuation(2), let b3 = continuation(3) else { break }
      let scalar = (b0 & 0x07) << 18 | b1 << 12 | b2 << 6 | b3
      guard scalar >= 0x10000, scalar <= 0x10FFFF else { break }
      return (Int32(scalar), 4)
    default:
      break
    }
    return (-1, 1)
  }

  /// Classifies a non-ASCII scalar (or -1 for an invalid sequence).
  @inline(never) func classify(_ scalar: Int32) -> CharacterKind {
    Self.kind(of: scalar)
  }

  static func kind(of scalar: Int32) -> CharacterKind {
    guard scalar >= 0 else { return .other }
    if scalar < 0x80 {
      return isASCIIWordByte(UInt8(scalar)) ? .word : (scalar == 0x27 ? .apostrophe : .other)
    }
    if scalar == 0x2019 || scalar == 0x02BC { return .apostrophe }
    if isCJK(scalar) { return .cjk }
    switch utf8proc_category(scalar) {
    case UTF8PROC_CATEGORY_LU, UTF8PROC_CATEGORY_LL, UTF8PROC_CATEGORY_LT, UTF8PROC_CATEGORY_LM,
      UTF8PROC_CATEGORY_LO, UTF8PROC_CATEGORY_MN, UTF8PROC_CATEGORY_MC, UTF8PROC_CATEGORY_ME,
      UTF8PROC_CATEGORY_ND, UTF8PROC_CATEGORY_NL, UTF8PROC_CATEGORY_NO:
      return .word
    default:
      return .other
    }
  }

  /// Han (with extensions and compatibility ideographs), Hiragana, Katakana and Hangul.
  static func isCJK(_ scalar: Int32) -> Bool {
    switch scalar {
    case 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xAC00...0xD7FF: true  // Hangul
    case 0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: true  // kana
    case 0x3005, 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: true  // Han
    default: false
    }
  }
}
