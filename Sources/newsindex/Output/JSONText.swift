/// Minimal JSON writing for result lines: strings escaped per RFC 8259, numbers as Swift prints them.
enum JSONText {
  static func string(_ value: String) -> String {
    var out = "\""
    out.reserveCapacity(value.utf8.count + 2)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let c where c.value < 0x20:
        let hex = String(c.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// A score with enough digits that float ties are real ties.
  static func number(_ value: Double) -> String {
    value.isFinite ? "\(value)" : "0"
  }
}
