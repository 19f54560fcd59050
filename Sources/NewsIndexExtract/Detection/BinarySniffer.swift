/// Decides whether a file is binary (not text in any encoding extraction handles).
enum BinarySniffer {
  /// True when the first 8 KiB hold a NUL byte or more than 10 % C0 control bytes other than
  /// whitespace and ESC. UTF-16 files (which hold NULs) must be recognized by their BOM first.
  static func isBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
    let head = bytes.prefix(8192)
    var controlCount = 0
    for byte in head {
      if byte == 0 { return true }
      if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x1B
      {
        controlCount += 1
      }
    }
    return controlCount * 10 > head.count
  }
}
