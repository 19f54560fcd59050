import NewsIndexCore
import CUTF8Proc

/// The byte scanner behind ``Analyzer/forEachToken(in:firstPosition:_:)``.
///
/// ASCII goes through a 256-entry class table; anything else is decoded and classified in
/// `@inline(never)` slow paths that call utf8proc. Normalized bytes are written into a scratch
/// buffer borrowed once per call, so no token allocates.
struct Tokenizer: ~Copyable {
  static let scratchCapacity = 512

  // The settings the scanner reads per byte, copied out as plain values: reading them through
  // `AnalyzerSettings` (which holds strings and arrays) cost retains in the inner loop.
  private let lowercase: Bool
  private let cjkBigrams: Bool
  private let maxTokenBytes: Int
  /// Version 4: `&` between ASCII letters joins them (`AT&T` → `att`, `S&P` → `sp`).
  private let joinsAmpersands: Bool
  let text: UnsafeRawBufferPointer
  private let scratch: UnsafeMutableRawBufferPointer
  private let foldOptions: utf8proc_option_t
  private var termLength = 0
  private var overflowed = false

  init(settings: AnalyzerSettings, text: UnsafeRawBufferPointer, scratch: UnsafeMutableRawBufferPointer) {
    lowercase = settings.lowercase
    cjkBigrams = settings.cjkBigrams
    maxTokenBytes = settings.maxTokenBytes
    joinsAmpersands = settings.version >= 4
    self.text = text
    self.scratch = scratch
    var options: UInt32 = 0
    if settings.lowercase { options |= UTF8PROC_CASEFOLD.rawValue }
    if settings.foldAccents {
      options |= UTF8PROC_COMPAT.rawValue | UTF8PROC_DECOMPOSE.rawValue | UTF8PROC_STRIPMARK.rawValue
    }
    foldOptions = utf8proc_option_t(rawValue: options)
  }

  // MARK: - Main loop

  mutating func run(firstPosition: Int, _ body: (borrowing Token) throws -> Void) rethrows -> Int {
    var position = firstPosition
    var i = 0
    let n = text.count
    while i < n {
      let byte = text[i]
      if byte < 0x80 {
        if isASCIIWordByte(byte) {
          i = try scanWord(from: i, position: &position, body)
        } else {
          i += 1
        }
        continue
      }
      let (scalar, length) = decodeScalar(at: i)
      switch classify(scalar) {
      case .word:
        i = try scanWord(from: i, position: &position, body)
      case .cjk where cjkBigrams:
        i = try scanCJKRun(from: i, position: &position, body)
      case .cjk:
        i = try scanWord(from: i, position: &position, body)
      case .apostrophe, .other:
        i += length
      }
    }
    return position
  }

  // MARK: - Words

  /// Scans one word starting at `start` (a word character); returns the index after it.
  private mutating func scanWord(
    from start: Int, position: inout Int, _ body: (borrowing Token) throws -> Void
  ) rethrows -> Int {
    termLength = 0
    overflowed = false
    var i = start
    var end = start
    var lastWasDigit = false
    let n = text.count
    scan: while i < n {
      let byte = text[i]
      if byte < 0x80 {
        if isASCIIWordByte(byte) {
          appendASCII(lowercase ? asciiLowercase(byte) : byte)
          lastWasDigit = byte >= 0x30 && byte <= 0x39
          i += 1
          end = i
          continue
        }
        if byte == 0x27 {  // '
          guard let next = apostropheContinuation(after: i, length: 1) else { break scan }
          i = next.index
          if next.endsWord { end = i; break scan }
          continue
        }
        if byte == 0x26 && joinsAmpersands && i > start && i + 1 < n && isASCIILetter(text[i - 1])
          && isASCIILetter(text[i + 1])
        {
          i += 1
          continue
        }
        if (byte == 0x2E || byte == 0x2C) && lastWasDigit && i + 1 < n && isASCIIDigit(text[i + 1]) {
          if byte == 0x2E { appendASCII(byte) }
          i += 1
          continue
        }
        break scan
      }
      let (scalar, length) = decodeScalar(at: i)
      switch classify(scalar) {
      case .word:
        appendFolded(scalar)
        lastWasDigit = false
        i += length
        end = i
      case .cjk where !cjkBigrams:
        appendRaw(at: i, count: length)
        i += length
        end = i
      case .apostrophe:
        guard let next = apostropheContinuation(after: i, length: length) else { break scan }
        i = next.index
        if next.endsWord { end = i; break scan }
      case .cjk, .other:
        break scan
      }
    }
    if termLength > 0 && !overflowed && termLength <= maxTokenBytes {
      let token = Token(
        term: UnsafeRawBufferPointer(rebasing: scratch[0..<termLength]), position: position,
        byteRange: start..<end)
      try body(token)
      position += 1
    }
    return max(end, i == start ? start + 1 : i)
  }

  /// Decides what an apostrophe at `index` does: joins two letters (skipped), ends the word after
  /// a possessive `'s` (skipped with the `s`), or ends the word (nil).
  private func apostropheContinuation(after index: Int, length: Int) -> (index: Int, endsWord: Bool)? {
    let next = index + length
    guard next < text.count else { return nil }
    let byte = text[next]
    if byte == 0x73 || byte == 0x53 {  // s / S
      let after = next + 1
      if after >= text.count || !isWordStart(at: after) { return (after, true) }
    }
    if byte < 0x80 {
      return isASCIIWordByte(byte) && !isASCIIDigit(byte) ? (next, false) : nil
    }
    let (scalar, _) = decodeScalar(at: next)
    return classify(scalar) == .word ? (next, false) : nil
  }

  private func isWordStart(at index: Int) -> Bool {
    let byte = text[index]
    if byte < 0x80 { return isASCIIWordByte(byte) }
    let kind = classify(decodeScalar(at: index).scalar)
    return kind == .word || kind == .cjk
  }

  // MARK: - CJK

  /// Emits overlapping bigrams over a run of CJK characters; a single character is a unigram.
  private mutating func scanCJKRun(
    from start: Int, position: inout Int, _ body: (borrowing Token) throws -> Void
  ) rethrows -> Int {
    var i = start
    var previousStart = -1
    var count = 0
    while i < text.count, text[i] >= 0x80 {
      let (scalar, length) = decodeScalar(at: i)
      guard classify(scalar) == .cjk else { break }
      if previousStart >= 0 {
        try emitSource(previousStart..<(i + length), position: position, body)
        position += 1
      }
      previousStart = i
      count += 1
      i += length
    }
    if count == 1 {
      try emitSource(start..<i, position: position, body)
      position += 1
    }
    return i
  }

  private func emitSource(
    _ range: Range<Int>, position: Int, _ body: (borrowing Token) throws -> Void
  ) rethrows {
    guard range.count <= maxTokenBytes else { return }
    let token = Token(
      term: UnsafeRawBufferPointer(rebasing: text[range]), position: position, byteRange: range, isWord: false)
    try body(token)
  }

  // MARK: - Appending normalized bytes

  @inline(__always) private mutating func appendASCII(_ byte: UInt8) {
    guard termLength < scratch.count else { overflowed = true; return }
    scratch[termLength] = byte
    termLength += 1
  }

  private mutating func appendRaw(at index: Int, count: Int) {
    for k in 0..<count { appendASCII(text[index + k]) }
  }

  /// Case- and accent-folds one non-ASCII scalar through utf8proc and appends the result.
  @inline(never) private mutating func appendFolded(_ scalar: Int32) {
    if foldOptions.rawValue == 0 {
      appendEncoded(scalar)
      return
    }
    withUnsafeTemporaryAllocation(of: utf8proc_int32_t.self, capacity: 16) { out in
      var boundClass: Int32 = 0
      let produced = utf8proc_decompose_char(scalar, out.baseAddress, 16, foldOptions, &boundClass)
      guard produced > 0 && produced <= 16 else {
        appendEncoded(scalar)
        return
      }
      for k in 0..<produced { appendEncoded(out[k]) }
    }
  }

  private mutating func appendEncoded(_ scalar: Int32) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4) { buffer in
      let count = utf8proc_encode_char(scalar, buffer.baseAddress)
      for k in 0..<count { appendASCII(buffer[k]) }
    }
  }
}
