/// The one text form of a file path's raw bytes: printable, one line, and reversible.
///
/// Linux file names are bytes, not text: they may be invalid UTF-8 (a Latin-1 `é` is byte `E9`)
/// or hold newlines. Files are walked and opened by their raw bytes; everywhere a path becomes
/// text (messages, document ids and paths, the source catalog's keys) it is this escaped form:
///
/// - valid UTF-8 is kept as it is, except:
/// - `\` becomes `\\`;
/// - line feed, tab and carriage return become `\n`, `\t`, `\r`; the other C0 controls, DEL and
///   the Unicode line breaks U+0085, U+2028, U+2029 become their UTF-8 bytes as `\xNN`;
/// - each byte of an invalid UTF-8 sequence becomes `\xNN` (two upper-case hex digits).
///
/// Escaping is injective (``rawBytes(_:)`` undoes it), so two different raw names never share a
/// text form, and a name that needs no escaping is its own text form. The escaped text never
/// contains a line break, so it cannot break line-oriented output (skip reports, TSV, TREC runs).
package enum EscapedPath {
  /// The escaped text of `bytes` (a path or a name, without its terminating NUL).
  package static func text(_ bytes: some Collection<UInt8>) -> String {
    guard bytes.contains(where: { $0 < 0x20 || $0 == 0x5C || $0 >= 0x7F }) else {
      return String(decoding: bytes, as: UTF8.self)
    }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 8)
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    func appendHex(_ byte: UInt8) {
      let digits = Array("0123456789ABCDEF".utf8)
      out += [0x5C, UInt8(ascii: "x"), digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }
    // The parser reports how many bytes an invalid sequence spans but not which: keep a copy.
    var pending = Array(bytes)[...]
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .emptyInput:
        return String(decoding: out, as: UTF8.self)
      case .error(let length):
        for byte in pending.prefix(length) { appendHex(byte) }
        pending = pending.dropFirst(length)
      case .valid(let encoded):
        let scalarBytes = Array(encoded)
        pending = pending.dropFirst(scalarBytes.count)
        switch scalarBytes {
        case [0x5C]: out += [0x5C, 0x5C]
        case [0x0A]: out += [0x5C, UInt8(ascii: "n")]
        case [0x09]: out += [0x5C, UInt8(ascii: "t")]
        case [0x0D]: out += [0x5C, UInt8(ascii: "r")]
        case [0xC2, 0x85], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xA9]: scalarBytes.forEach(appendHex)
        default:
          if scalarBytes.count == 1 && (scalarBytes[0] < 0x20 || scalarBytes[0] == 0x7F) {
            appendHex(scalarBytes[0])
          } else {
            out += scalarBytes
          }
        }
      }
    }
  }

  /// The raw bytes whose escaped text is `text`: undoes ``text(_:)``. A backslash not followed by
  /// a valid escape is kept as it is (such text is not the output of ``text(_:)``).
  package static func rawBytes(_ text: String) -> [UInt8] {
    let utf8 = Array(text.utf8)
    guard utf8.contains(0x5C) else { return utf8 }
    var out: [UInt8] = []
    out.reserveCapacity(utf8.count)
    var i = 0
    while i < utf8.count {
      let byte = utf8[i]
      guard byte == 0x5C, i + 1 < utf8.count else {
        out.append(byte)
        i += 1
        continue
      }
      switch utf8[i + 1] {
      case 0x5C: out.append(0x5C); i += 2
      case UInt8(ascii: "n"): out.append(0x0A); i += 2
      case UInt8(ascii: "t"): out.append(0x09); i += 2
      case UInt8(ascii: "r"): out.append(0x0D); i += 2
      case UInt8(ascii: "x") where i + 3 < utf8.count:
        if let high = hexValue(utf8[i + 2]), let low = hexValue(utf8[i + 3]) {
          out.append(high << 4 | low)
          i += 4
        } else {
          out.append(byte)
          i += 1
        }
      default:
        out.append(byte)
        i += 1
      }
    }
    return out
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    default: nil
    }
  }

  /// Calls `body` with `bytes` as a NUL-terminated C path (for `open`, `stat`, `opendir`).
  package static func withCPath<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
    var terminated = bytes
    terminated.append(0)
    return terminated.withUnsafeBufferPointer { buffer in
      buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { body($0) }
    }
  }

  /// `bytes` made absolute against the working folder, with `.` and `..` components and repeated
  /// slashes removed lexically (symbolic links are not resolved): the same file named from
  /// different working folders or as `dir/./file` gets the same absolute path.
  package static func absolute(_ bytes: [UInt8], workingFolder: [UInt8]) -> [UInt8] {
    let full = bytes.first == 0x2F ? bytes : workingFolder + [0x2F] + bytes
    var components: [ArraySlice<UInt8>] = []
    for component in full.split(separator: 0x2F, omittingEmptySubsequences: true) {
      if component.elementsEqual([0x2E]) { continue }
      if component.elementsEqual([0x2E, 0x2E]) {
        _ = components.popLast()
        continue
      }
      components.append(component)
    }
    var out: [UInt8] = []
    for component in components { out += [0x2F] + component }
    return out.isEmpty ? [0x2F] : out
  }
}
