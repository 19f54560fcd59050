/// The news agencies wire copy names, in the spellings bylines and datelines use, and the one
/// short name `source` gives each (`Associated Press` and `AP` are both `AP`).
enum NewsAgency {
  /// Lowercased spelling → short name; longer spellings are tried first.
  private static let spellings: [(String, String)] = [
    ("xinhua news agency", "Xinhua"), ("xinhua", "Xinhua"),
    ("associated press", "AP"), ("the associated press", "AP"), ("ap", "AP"),
    ("thomson reuters", "Reuters"), ("reuters", "Reuters"),
    ("agence france-presse", "AFP"), ("agence france presse", "AFP"), ("afp", "AFP"),
    ("yonhap news agency", "Yonhap"), ("yonhap", "Yonhap"),
    ("kyodo news", "Kyodo"), ("kyodo", "Kyodo"),
    ("deutsche presse-agentur", "dpa"), ("dpa", "dpa"),
    ("united press international", "UPI"), ("upi", "UPI"),
    ("press trust of india", "PTI"), ("pti", "PTI"),
    ("australian associated press", "AAP"), ("aap", "AAP"),
    ("bloomberg", "Bloomberg"), ("ansa", "ANSA"), ("efe", "EFE"), ("tass", "TASS"),
    ("bernama", "Bernama"), ("anadolu", "Anadolu"), ("antara", "Antara"),
    ("newswire", "Newswire"),
  ].sorted { $0.0.count > $1.0.count }

  /// The short name of the agency `text` starts with (`Associated Press Writer` → `AP`), matched
  /// on whole words, ignoring case; `nil` when it names none we know.
  static func shortName(startingWith text: some StringProtocol) -> String? {
    let lowered = text.lowercased()
    for (spelling, name) in spellings where lowered.hasPrefix(spelling) {
      let rest = lowered.dropFirst(spelling.count)
      if rest.isEmpty || rest.first == " " || rest.first == "," { return name }
    }
    return nil
  }

  /// The short name of exactly `text` when known, else `text` itself when it looks like an
  /// agency's name (1–4 capitalised words of letters), else `nil`.
  static func name(_ text: some StringProtocol) -> String? {
    let trimmed = text.trimmingSpaces
    let lowered = trimmed.lowercased()
    if let known = spellings.first(where: { $0.0 == lowered }) { return known.1 }
    let words = trimmed.split(separator: " ")
    guard (1...4).contains(words.count), trimmed.count <= 40 else { return nil }
    for word in words {
      guard let first = word.first, first.isLetter, !first.isLowercase,
        word.allSatisfy({ $0.isLetter || $0 == "." || $0 == "-" || $0 == "&" || $0 == "'" })
      else { return nil }
    }
    return String(trimmed)
  }
}

extension StringProtocol {
  /// Without leading and trailing spaces and tabs.
  var trimmingSpaces: Substring {
    let text = Substring(self)
    guard let start = text.firstIndex(where: { $0 != " " && $0 != "\t" }) else {
      return text[text.endIndex...]
    }
    let end = text.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) ?? start
    return text[start...end]
  }
}
