/// The dateline that opens the first paragraph of wire copy:
///
/// ```
/// SEOUL, Dec. 24 (Xinhua) -- After an interval of 11 years, …
/// WASHINGTON (AP) — The Senate voted …
/// BEIJING, March 3, 2025 (Reuters) - China said on Monday …
/// SPRINGFIELD, Ill., May 2 (AP) – …
/// LONDON, July 8 - Oil prices fell …          (no agency: the place in capitals and a date)
/// ```
///
/// The dash is `-`, `--`, `—` or `–` (`_` in TREC's AP copy). Either an agency in parentheses or a capitalised place with
/// a date must be there; anything else is no dateline. `leadStart` is where the text after the
/// dash starts, so the lead sentence can be read without the dateline.
struct WireDateline {
  var place: String
  var agency: String
  /// 0 when the dateline gives no date.
  var month = 0
  var day = 0
  /// `nil` when the date is written without a year (`Dec. 24`).
  var year: Int?
  var leadStart: String.Index

  init?(line: String) {
    guard let dash = Self.dash(in: line) else { return nil }
    leadStart = dash.upperBound
    var head = line[..<dash.lowerBound].trimmingSpaces
    guard !head.isEmpty, head.count <= 90 else { return nil }
    var agency = ""
    if head.hasSuffix(")"), let open = head.lastIndex(of: "(") {
      let inner = head[head.index(after: open)..<head.index(before: head.endIndex)]
      guard let name = NewsAgency.name(inner) else { return nil }
      agency = name
      head = head[..<open].trimmingSpaces
      if head.hasSuffix(",") { head = head.dropLast().trimmingSpaces }
    }
    let parts = head.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingSpaces
    }
    guard let first = parts.first, Self.isPlace(first) else { return nil }
    var place = String(first)
    var index = 1
    while index < parts.count {
      let part = parts[index]
      if month == 0, let (m, d, y) = Self.monthDay(part) {
        (month, day, year) = (m, d, y)
        if y == nil, index + 1 < parts.count, let next = Int(parts[index + 1]),
          parts[index + 1].count == 4
        {
          year = next
          index += 1
        }
      } else if month == 0, index == 1, Self.isPlace(part) {
        place += ", " + part
      } else {
        return nil
      }
      index += 1
    }
    if agency.isEmpty {
      guard month != 0, !place.contains(where: { $0.isLetter && $0.isLowercase }) else {
        return nil
      }
    }
    if let year, !DateNormalizer.isValid(year: year, month: month, day: day) { return nil }
    self.place = place
    self.agency = agency
  }

  /// The ISO date, its year taken from `fallbackYear` when the dateline has none; `nil` without
  /// a date or a year.
  func isoDate(fallbackYear: Int?) -> String? {
    guard month != 0, let year = year ?? fallbackYear,
      DateNormalizer.isValid(year: year, month: month, day: day)
    else { return nil }
    return DateNormalizer.Stamp(year: year, month: month, day: day).iso
  }

  /// The first dash of the line's opening 120 characters that stands alone (spaces around it, or
  /// right after `)`): `-`, `--`, `—`, `–`.
  private static func dash(in line: String) -> Range<String.Index>? {
    var previous: Character = "x"
    var index = line.startIndex
    var seen = 0
    while index < line.endIndex && seen < 120 {
      let character = line[index]
      // `_` is the dash of the AP wire in TREC's AP collection: `WASHINGTON (AP) _ The …`.
      if character == "-" || character == "—" || character == "–" || character == "_",
        previous == " " || previous == ")"
      {
        var end = line.index(after: index)
        if character == "-" {
          while end < line.endIndex && line[end] == "-" { end = line.index(after: end) }
        }
        let next: Character = end < line.endIndex ? line[end] : " "
        let doubled = line.distance(from: index, to: end) > 1 || character != "-"
        if next == " " || (doubled && previous == ")" && next.isLetter) {
          var leadStart = end
          while leadStart < line.endIndex && line[leadStart] == " " {
            leadStart = line.index(after: leadStart)
          }
          return index..<leadStart
        }
      }
      previous = character
      index = line.index(after: index)
      seen += 1
    }
    return nil
  }

  /// A place name: 1–5 words of letters (`.`, `'`, `-` inside), each capitalised or a short
  /// connector (`RIO DE JANEIRO`, `Rio de Janeiro`, `Ill.`).
  private static func isPlace(_ text: Substring) -> Bool {
    let words = text.split(separator: " ")
    guard (1...5).contains(words.count), text.count <= 40 else { return false }
    for (index, word) in words.enumerated() {
      guard let first = word.first, first.isLetter,
        word.allSatisfy({ $0.isLetter || $0 == "." || $0 == "'" || $0 == "-" || $0 == "’" })
      else { return false }
      if first.isLowercase && (index == 0 || word.count > 3) { return false }
    }
    return DateNormalizer.monthNumber(text.lowercased()) == nil
  }

  /// `Dec. 24`, `March 3`, `24 December`, `Dec. 24 2025` → (month, day, year?).
  private static func monthDay(_ text: Substring) -> (Int, Int, Int?)? {
    let tokens = DateNormalizer.tokenize(Array(text.utf8))
    guard tokens.count == 2 || tokens.count == 3 else { return nil }
    var month = 0
    var day = 0
    if tokens[0].isWord, let m = DateNormalizer.monthNumber(tokens[0].word), !tokens[1].isWord {
      (month, day) = (m, tokens[1].number)
    } else if !tokens[0].isWord, tokens[1].isWord,
      let m = DateNormalizer.monthNumber(tokens[1].word)
    {
      (month, day) = (m, tokens[0].number)
    } else {
      return nil
    }
    guard day >= 1 && day <= 31 else { return nil }
    if tokens.count == 3 {
      guard !tokens[2].isWord, tokens[2].end - tokens[2].start == 4 else { return nil }
      return (month, day, tokens[2].number)
    }
    return (month, day, nil)
  }
}
