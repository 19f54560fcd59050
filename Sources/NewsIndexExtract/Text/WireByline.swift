import Foundation

/// A byline line of wire copy, case-insensitive:
///
/// ```
/// By Jane Doe                       By JOHN SMITH, Associated Press
/// By Jane Doe and Tom Lee           by Xinhua writer Zhang Can
/// By Lee Jae-myung, Yonhap           From our correspondent in Seoul
/// ```
///
/// `names` are the reporters without `By` and without the agency or role (all-capital names are
/// written `John Smith`); `agency` is the agency's short name (``NewsAgency``), or empty. A line
/// whose words after `By` are not names (`By the end of the year, …`) is no byline.
struct WireByline {
  var names: [String]
  var agency: String

  /// Words that say what the person is, not who: `Xinhua writer`, `AP Business Writer`.
  private static let roles: Set<String> = [
    "writer", "writers", "correspondent", "correspondents", "reporter", "reporters", "staff",
    "editor", "editors", "journalist", "journalists", "photographer", "bureau",
  ]

  init?(line: some StringProtocol) {
    guard line.utf8.count <= 360 else { return nil }
    let line = line.trimmingSpaces
    guard line.count <= 120 else { return nil }
    let lowered = line.lowercased()
    if lowered.hasPrefix("from our ") || lowered.hasPrefix("from a ") {
      guard lowered.contains("correspondent") || lowered.contains("reporter") else { return nil }
      names = [String(line.dropFirst(5))]
      agency = ""
      return
    }
    guard lowered.hasPrefix("by ") else { return nil }
    let rest = line.dropFirst(3).trimmingSpaces
    var agency = ""
    var nameText = rest[...]

    // `by Xinhua writer Zhang Can`: an agency, a role word, then the names.
    let words = rest.split(separator: " ")
    if let roleIndex = words.prefix(4).firstIndex(where: { Self.roles.contains($0.lowercased()) }),
      roleIndex >= 1, roleIndex + 1 < words.count,
      let name = NewsAgency.name(words[0..<roleIndex].joined(separator: " "))
    {
      agency = NewsAgency.shortName(startingWith: name) ?? name
      nameText = words[(roleIndex + 1)...].joined(separator: " ")[...]
    } else {
      // `By NAME[, NAME], AGENCY [Role]`: trailing parts that name an agency or a role go.
      var parts = rest.split(separator: ",").map { $0.trimmingSpaces }
      while parts.count > 1, let last = parts.last {
        if let known = NewsAgency.shortName(startingWith: last) {
          if agency.isEmpty { agency = known }
        } else if !last.split(separator: " ").contains(where: {
          Self.roles.contains($0.lowercased())
        }) {
          break
        }
        parts.removeLast()
      }
      nameText = parts.joined(separator: ", ")[...]
    }

    var names: [String] = []
    for piece in Self.split(nameText) {
      guard let name = Self.name(piece) else { return nil }
      names.append(name)
    }
    guard !names.isEmpty else { return nil }
    self.names = names
    self.agency = agency
  }

  /// `A, B and C` → `A`, `B`, `C`.
  private static func split(_ text: Substring) -> [Substring] {
    var pieces: [Substring] = []
    for part in text.split(separator: ",") {
      var rest = part.trimmingSpaces
      while let range = rest.range(of: " and ", options: .caseInsensitive) ?? rest.range(of: " & ")
      {
        pieces.append(rest[..<range.lowerBound].trimmingSpaces)
        rest = rest[range.upperBound...].trimmingSpaces
      }
      if rest.lowercased().hasPrefix("and ") { rest = rest.dropFirst(4).trimmingSpaces }
      pieces.append(rest)
    }
    return pieces.filter { !$0.isEmpty }
  }

  /// Name particles written in lower case inside a name.
  private static let particles: Set<String> = [
    "de", "da", "do", "dos", "das", "van", "von", "der", "den", "du", "di", "la", "le", "bin", "al",
    "ibn", "y", "e",
  ]

  /// A person's name (1–5 words, each capitalised or a particle, no digits), all-capital names
  /// written capitalised; `nil` for anything else.
  static func name(_ text: Substring) -> String? {
    let words = text.split(separator: " ")
    guard (1...5).contains(words.count) else { return nil }
    var allCapital = true
    for (index, word) in words.enumerated() {
      guard let first = word.first, first.isLetter else { return nil }
      guard
        word.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "." || $0 == "'" || $0 == "’" })
      else { return nil }
      if first.isLowercase && (index == 0 || !particles.contains(String(word))) { return nil }
      if word.contains(where: \.isLowercase) { allCapital = false }
    }
    guard allCapital, text.contains(where: { $0.isLetter && $0.isUppercase }) else {
      return String(text)
    }
    return words.map { word in
      word.split(separator: "-", omittingEmptySubsequences: false).enumerated().map { index, part in
        index == 0 ? part.prefix(1) + part.dropFirst().lowercased() : part.lowercased()
      }.joined(separator: "-")
    }.joined(separator: " ")
  }
}

extension WireByline {
  /// A byline field as a source's metadata gives it (`By MARGARET ELLISON, Newswire Staff Writer`,
  /// `Annett Gehler, dpa`): its names and agency when it reads as a byline line, else the text
  /// without a leading `By ` and no agency.
  static func field(_ text: String) -> (byline: String, agency: String) {
    var stripped = TextBuilder.inline(text)
    if stripped.lowercased().hasPrefix("by ") { stripped = String(stripped.dropFirst(3)) }
    guard let parsed = WireByline(line: "By " + stripped) else { return (stripped, "") }
    return (parsed.names.joined(separator: ", "), parsed.agency)
  }
}
