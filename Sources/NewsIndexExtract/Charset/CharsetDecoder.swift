import CUChardet
import Glibc

/// Converts a file's bytes to clean UTF-8 before any parsing, so every later step (libxml2
/// included, which is then told "UTF-8") sees one encoding.
///
/// Order of evidence:
/// 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
/// 2. bytes that are valid UTF-8 are UTF-8, whatever a `<meta charset>` or `encoding=` claims
///    (pages whose declaration is wrong are common, and valid non-ASCII UTF-8 is rarely an accident);
/// 3. the declared encoding: `iso-8859-1`, `latin1`, `us-ascii` and `cp1252` decode as
///    windows-1252 (as browsers do), other names go through iconv;
/// 4. detection (uchardet) when the declaration is absent, names a Latin-1 family charset, or
///    does not decode the bytes cleanly: a detected legacy charset (GBK/GB18030, Big5, EUC-KR,
///    Shift_JIS, KOI8-R, windows-125x, ISO-8859-x…) is used when it decodes without errors;
/// 5. otherwise: the declared charset; windows-1252 when no multi-byte UTF-8 sequence occurs at
///    all (a Latin-1 file); else UTF-8 with each invalid byte replaced by U+FFFD.
///
/// Names are widened to the supersets browsers use: GB2312/GBK → GB18030, Big5 → BIG5-HKSCS,
/// Shift_JIS → CP932, EUC-KR → CP949.
enum CharsetDecoder {
  enum ByteOrderMark {
    case utf8, utf16LE, utf16BE

    var byteCount: Int { self == .utf8 ? 3 : 2 }

    static func detect(_ bytes: [UInt8]) -> ByteOrderMark? {
      if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
        return .utf8
      }
      if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE { return .utf16LE }
      if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF { return .utf16BE }
      return nil
    }
  }

  /// Clean UTF-8 for `bytes`; `declared` is the encoding named inside the file, if any.
  static func utf8Bytes(_ bytes: [UInt8], declared: String?) -> [UInt8] {
    switch ByteOrderMark.detect(bytes) {
    case .utf8?: return repairedUTF8(Array(bytes.dropFirst(3)))
    case .utf16LE?: return utf16(bytes.dropFirst(2), bigEndian: false)
    case .utf16BE?: return utf16(bytes.dropFirst(2), bigEndian: true)
    case nil: break
    }
    if isValidUTF8(bytes) { return bytes }
    let name = declared.map(canonicalName)
    if let name, name != "windows-1252", name != "utf-8",
      let decoded = iconvToUTF8(bytes, from: name, strict: true)
    {
      return decoded
    }
    let latinOnly = name == "windows-1252" || (name == nil && looksLikeLatin1(bytes))
    if !mostlyUTF8(bytes), let detected = detectedCharset(bytes), detected != name,
      !latinOnly || !isLatinFamily(detected),
      let decoded = iconvToUTF8(bytes, from: detected, strict: true)
    {
      return decoded
    }
    switch name {
    case "windows-1252"?:
      return windows1252(bytes)
    case nil, "utf-8"?:
      return looksLikeLatin1(bytes) ? windows1252(bytes) : repairedUTF8(bytes)
    case let name?:
      return iconvToUTF8(bytes, from: name) ?? repairedUTF8(bytes)
    }
  }

  /// Single-byte charsets for Latin-script languages: a page declaring Latin-1 is not overruled
  /// by a guess among these (the guess is weakest exactly there).
  static func isLatinFamily(_ name: String) -> Bool {
    name.hasPrefix("iso-8859-") && !["iso-8859-5", "iso-8859-6", "iso-8859-7", "iso-8859-8", "iso-8859-11"].contains(name)
      || ["windows-1250", "windows-1254", "windows-1257", "windows-1258", "mac-centraleurope", "ibm852"].contains(name)
  }

  /// uchardet's guess for `bytes`, canonicalized; `nil` when it has none or guesses ASCII,
  /// UTF-8 or a Latin-1 family charset (those are decoded by the rules above).
  static func detectedCharset(_ bytes: [UInt8]) -> String? {
    guard let detector = uchardet_new() else { return nil }
    defer { uchardet_delete(detector) }
    let sample = bytes.prefix(256 << 10)
    let status = sample.withUnsafeBytes { buffer in
      uchardet_handle_data(
        detector, buffer.baseAddress?.assumingMemoryBound(to: CChar.self), buffer.count)
    }
    guard status == 0 else { return nil }
    uchardet_data_end(detector)
    guard let charset = uchardet_get_charset(detector) else { return nil }
    let name = canonicalName(String(cString: charset))
    if name.isEmpty || name == "windows-1252" || name == "utf-8" || name.hasPrefix("utf-") {
      return nil
    }
    return name
  }

  /// Lowercased, with aliases of windows-1252 and UTF-8 folded together.
  static func canonicalName(_ declared: String) -> String {
    let name = declared.lowercased()
    switch name {
    case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
      "cp1252", "windows-1252", "x-cp1252", "cp819", "ibm819", "iso-ir-100":
      return "windows-1252"
    case "utf-8", "utf8", "unicode-1-1-utf-8":
      return "utf-8"
    case "gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "euc-cn", "x-euc-cn", "hz-gb-2312":
      return name == "hz-gb-2312" ? name : "gb18030"
    case "big5", "x-big5", "cn-big5", "big5-hkscs":
      return "big5-hkscs"
    case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "cp932":
      return "cp932"
    case "euc-kr", "ks_c_5601-1987", "ks_c_5601", "ksc5601", "cp949", "windows-949", "uhc":
      return "cp949"
    case "x-mac-cyrillic": return "maccyrillic"
    default:
      return name
    }
  }

  /// Strict UTF-8 validation (no overlongs, surrogates or code points past U+10FFFF), skipping
  /// ASCII 8 bytes at a time: most pages are nearly all ASCII.
  static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { raw in
      let count = raw.count
      var index = 0
      while index < count {
        if index + 8 <= count
          && raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
        {
          index += 8
          continue
        }
        let byte = raw[index]
        if byte < 0x80 {
          index += 1
          continue
        }
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch byte {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, lower) = (3, 0xA0)
        case 0xE1...0xEC, 0xEE, 0xEF: length = 3
        case 0xED: (length, upper) = (3, 0x9F)
        case 0xF0: (length, lower) = (4, 0x90)
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, upper) = (4, 0x8F)
        default: return false
        }
        guard index + length <= count else { return false }
        let second = raw[index + 1]
        guard second >= lower && second <= upper else { return false }
        for offset in 2..<max(length, 2) where raw[index + offset] & 0xC0 != 0x80 { return false }
        index += length
      }
      return true
    }
  }

  static func repairedUTF8(_ bytes: [UInt8]) -> [UInt8] {
    if isValidUTF8(bytes) { return bytes }
    return Array(String(decoding: bytes, as: UTF8.self).utf8)
  }

  /// True when well-formed multi-byte UTF-8 sequences occur and stray high bytes are few next to
  /// them: damaged UTF-8, to be repaired rather than re-decoded in a guessed charset.
  static func mostlyUTF8(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      var valid = 0
      var invalid = 0
      var index = 0
      let count = buffer.count
      while index < count {
        let byte = buffer[index]
        if byte < 0x80 {
          index += 1
          continue
        }
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0
        if length > 0 && index + length <= count
          && (1..<length).allSatisfy({ buffer[index + $0] & 0xC0 == 0x80 })
        {
          valid += 1
          index += length
        } else {
          invalid += 1
          index += 1
        }
      }
      return valid > 0 && invalid <= 2 * valid + 4
    }
  }

  /// True when the bytes hold high bytes but not one well-formed multi-byte UTF-8 sequence.
  static func looksLikeLatin1(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      var index = 0
      let count = buffer.count
      while index < count {
        let byte = buffer[index]
        if byte < 0x80 {
          index += 1
          continue
        }
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 ? 2 : 0
        if length > 0 && index + length <= count
          && (1..<length).allSatisfy({ buffer[index + $0] & 0xC0 == 0x80 })
        {
          return false
        }
        index += 1
      }
      return true
    }
  }

  /// windows-1252: bytes 0x80–0x9F through the table, the rest are their own code points.
  static func windows1252(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 8)
    for byte in bytes {
      if byte < 0x80 {
        out.append(byte)
        continue
      }
      let scalar = byte < 0xA0 ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
      appendUTF8(scalar, to: &out)
    }
    return out
  }

  /// Code points of windows-1252 bytes 0x80–0x9F (undefined bytes map to U+FFFD).
  private static let windows1252High: [UInt32] = [
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
  ]

  static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      out.append(UInt8(scalar))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | (scalar >> 6)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | (scalar >> 12)))
      out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
      out.append(UInt8(0xF0 | (scalar >> 18)))
      out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
      out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (scalar & 0x3F)))
    }
  }

  private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var index = bytes.startIndex
    while index + 1 < bytes.endIndex {
      let first = UInt16(bytes[index])
      let second = UInt16(bytes[index + 1])
      units.append(bigEndian ? first << 8 | second : second << 8 | first)
      index += 2
    }
    return Array(String(decoding: units, as: UTF16.self).utf8)
  }

  /// Converts with glibc's iconv; an invalid or truncated sequence becomes U+FFFD.
  /// - Parameter strict: return `nil` at the first invalid sequence instead.
  /// - Returns: `nil` when iconv does not know the encoding (or, strict, the bytes are not in it).
  static func iconvToUTF8(_ bytes: [UInt8], from encoding: String, strict: Bool = false) -> [UInt8]? {
    let converter = iconv_open("UTF-8", encoding)
    guard let converter, Int(bitPattern: converter) != -1 else { return nil }
    defer { iconv_close(converter) }
    var out = [UInt8](repeating: 0, count: bytes.count * 3 + 16)
    var outUsed = 0
    var failed = false
    var input = bytes
    input.withUnsafeMutableBufferPointer { inBuffer in
      guard let inBase = inBuffer.baseAddress else { return }
      var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase)
        .assumingMemoryBound(to: CChar.self)
      var inLeft = inBuffer.count
      while inLeft > 0 {
        if out.count - outUsed < 16 { out.append(contentsOf: repeatElement(0, count: out.count)) }
        let (result, produced) = out.withUnsafeMutableBufferPointer { outBuffer -> (Int, Int) in
          var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(
            outBuffer.baseAddress! + outUsed
          ).assumingMemoryBound(to: CChar.self)
          var outLeft = outBuffer.count - outUsed
          let before = outLeft
          let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
          return (result, before - outLeft)
        }
        outUsed += produced
        if result != -1 { break }
        switch errno {
        case E2BIG:
          continue
        case EILSEQ, EINVAL:
          if strict {
            failed = true
            inLeft = 0
            continue
          }
          // Skip one bad byte and mark it.
          out.replaceSubrange(outUsed..<min(outUsed + 3, out.count), with: [0xEF, 0xBF, 0xBD])
          outUsed += 3
          inPointer = inPointer.map { $0 + 1 }
          inLeft -= 1
        default:
          inLeft = 0
        }
      }
    }
    if failed { return nil }
    out.removeSubrange(outUsed...)
    return repairedUTF8(out)
  }

  // MARK: Declarations

  /// The `charset=` value in the first 4 KiB (`<meta charset>` or `http-equiv` content type).
  static func declaredHTMLCharset(_ bytes: [UInt8]) -> String? {
    value(after: Array("charset".utf8), in: bytes.prefix(4096), allowEquals: true)
  }

  /// The `encoding=` value of an XML declaration at the start of the file.
  static func declaredXMLEncoding(_ bytes: [UInt8]) -> String? {
    let head = bytes.prefix(256)
    guard let close = head.firstIndex(of: UInt8(ascii: ">")) else { return nil }
    return value(after: Array("encoding".utf8), in: head[..<close], allowEquals: true)
  }

  private static func value(after key: [UInt8], in bytes: ArraySlice<UInt8>, allowEquals: Bool)
    -> String?
  {
    var index = bytes.startIndex
    let end = bytes.endIndex
    while index + key.count < end {
      var matches = true
      for offset in 0..<key.count where bytes[index + offset] | 0x20 != key[offset] {
        matches = false
        break
      }
      if matches {
        var cursor = index + key.count
        while cursor < end && (bytes[cursor] == 0x20 || bytes[cursor] == 0x09) { cursor += 1 }
        if cursor < end && bytes[cursor] == UInt8(ascii: "=") {
          cursor += 1
          while cursor < end
            && (bytes[cursor] == 0x20 || bytes[cursor] == 0x22 || bytes[cursor] == 0x27)
          {
            cursor += 1
          }
          let start = cursor
          while cursor < end && isNameByte(bytes[cursor]) { cursor += 1 }
          if cursor > start { return String(decoding: bytes[start..<cursor], as: UTF8.self) }
        }
      }
      index += 1
    }
    return nil
  }

  private static func isNameByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
      || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
      || byte == UInt8(ascii: ":")
  }
}
