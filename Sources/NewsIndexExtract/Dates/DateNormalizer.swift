import NewsIndexCore

/// Turns the date notations found in news sources into ISO 8601, by hand and without
/// `DateFormatter` (it runs once per document).
///
/// Output is `YYYY-MM-DD` for a date alone and `YYYY-MM-DDTHH:MM:SSZ` when a time is given: times
/// with an offset or a known zone (`+09:00`, `-0500`, `GMT`, `EST`) are converted to UTC; times
/// without one are taken as UTC. Understood notations:
/// - ISO 8601: `2025-03-14`, `2025-03-14T09:30:00+09:00`, `2025-03-14 09:30`, `2025/03/14`
/// - RFC 822 / 2822: `Fri, 14 Mar 2025 09:30:00 GMT`, `14 Mar 25 09:30 +0100`
/// - Reuters-21578: `26-FEB-1987 15:01:01.79`
/// - prose: `March 14, 2025`, `Mar. 14 2025`, `14 March 2025`
enum DateNormalizer {
  /// The ISO form of `text`, or `text` trimmed when it holds no recognizable date.
  static func normalize(_ text: String) -> String {
    let trimmed = TextBuilder.inline(text)
    return parse(trimmed) ?? trimmed
  }

  /// The ISO form of the date that starts `text` (after an optional weekday) or, failing that,
  /// of the first date found anywhere in it; `nil` when there is none.
  static func parse(_ text: String) -> String? {
    let bytes = Array(text.utf8.prefix(200))
    let tokens = tokenize(bytes)
    if let iso = parseISO(bytes, from: skipSpace(bytes, 0)) { return iso }
    var start = 0
    if start < tokens.count, tokens[start].isWord, isWeekday(tokens[start].word) { start += 1 }
    if let date = parseTokens(tokens, from: start) { return date }
    return findDate(bytes: bytes, tokens: tokens)
  }

  /// The first date anywhere in `text` (a dateline such as `SEOUL, March 14, 2025 (Newswire) -`).
  static func findDate(in text: String) -> String? {
    let bytes = Array(text.utf8.prefix(400))
    return findDate(bytes: bytes, tokens: tokenize(bytes))
  }

  private static func findDate(bytes: [UInt8], tokens: [Token]) -> String? {
    for index in tokens.indices {
      let token = tokens[index]
      if !token.isWord && token.end - token.start == 4,
        let iso = parseISO(bytes, from: token.start)
      {
        return iso
      }
      if let date = parseTokens(tokens, from: index) { return date }
    }
    return nil
  }

  // MARK: Tokens

  struct Token {
    var start: Int
    var end: Int
    var isWord: Bool
    var number: Int  // value of a digit run (capped), 0 for words
    var word: String  // lowercased letters, "" for numbers
    var separator: UInt8  // the last non-space byte between the previous token and this one
  }

  static func tokenize(_ bytes: [UInt8]) -> [Token] {
    var tokens: [Token] = []
    var index = 0
    var separator: UInt8 = 0
    while index < bytes.count {
      let byte = bytes[index]
      if isDigit(byte) {
        let start = index
        var value = 0
        while index < bytes.count && isDigit(bytes[index]) {
          if value < 100_000_000 { value = value * 10 + Int(bytes[index] - 0x30) }
          index += 1
        }
        tokens.append(
          Token(
            start: start, end: index, isWord: false, number: value, word: "", separator: separator))
        separator = 0
      } else if isLetter(byte) {
        let start = index
        while index < bytes.count && isLetter(bytes[index]) { index += 1 }
        let word = String(decoding: bytes[start..<index].map { $0 | 0x20 }, as: UTF8.self)
        tokens.append(
          Token(start: start, end: index, isWord: true, number: 0, word: word, separator: separator)
        )
        separator = 0
      } else {
        if byte != 0x20 && byte != 0x09 { separator = byte }
        index += 1
      }
    }
    return tokens
  }

  /// `day month year [time [zone]]` or `month day year [time [zone]]` starting at `start`.
  private static func parseTokens(_ tokens: [Token], from start: Int) -> String? {
    guard start + 2 < tokens.count else { return nil }
    let first = tokens[start]
    let second = tokens[start + 1]
    let third = tokens[start + 2]
    var day = 0
    var month = 0
    if !first.isWord, second.isWord, let m = monthNumber(second.word), first.end - first.start <= 2
    {
      day = first.number
      month = m
    } else if first.isWord, let m = monthNumber(first.word), !second.isWord,
      second.end - second.start <= 2
    {
      day = second.number
      month = m
    } else {
      return nil
    }
    guard !third.isWord else { return nil }
    let yearDigits = third.end - third.start
    var year = third.number
    if yearDigits == 2 {
      year += year >= 50 ? 1900 : 2000
    } else if yearDigits != 4 {
      return nil
    }
    guard isValid(year: year, month: month, day: day) else { return nil }
    var stamp = Stamp(year: year, month: month, day: day)
    parseTime(tokens, from: start + 3, into: &stamp)
    return stamp.iso
  }

  /// `HH:MM[:SS][.frac] [am|pm] [zone]`; leaves `stamp` date-only when absent.
  private static func parseTime(_ tokens: [Token], from start: Int, into stamp: inout Stamp) {
    var index = start
    guard index + 1 < tokens.count, !tokens[index].isWord, !tokens[index + 1].isWord,
      tokens[index + 1].separator == UInt8(ascii: ":"), tokens[index].number < 24,
      tokens[index + 1].number < 60
    else { return }
    var hour = tokens[index].number
    let minute = tokens[index + 1].number
    var second = 0
    index += 2
    if index < tokens.count, !tokens[index].isWord, tokens[index].separator == UInt8(ascii: ":") {
      second = min(tokens[index].number, 59)
      index += 1
    }
    if index < tokens.count, !tokens[index].isWord, tokens[index].separator == UInt8(ascii: ".") {
      index += 1  // fraction of a second
    }
    if index < tokens.count, tokens[index].isWord,
      tokens[index].word == "am" || tokens[index].word == "pm"
    {
      if tokens[index].word == "pm" && hour < 12 { hour += 12 }
      if tokens[index].word == "am" && hour == 12 { hour = 0 }
      index += 1
    }
    stamp.time = (hour, minute, second)
    if index < tokens.count {
      let token = tokens[index]
      if token.isWord, let offset = zoneOffsets[token.word] {
        stamp.offsetMinutes = offset
      } else if !token.isWord,
        token.separator == UInt8(ascii: "+") || token.separator == UInt8(ascii: "-")
      {
        let sign = token.separator == UInt8(ascii: "+") ? 1 : -1
        var minutes = 0
        if token.end - token.start == 4 {
          minutes = (token.number / 100) * 60 + token.number % 100
        } else if token.end - token.start <= 2 {
          minutes = token.number * 60
          if index + 1 < tokens.count, !tokens[index + 1].isWord,
            tokens[index + 1].separator == UInt8(ascii: ":")
          {
            minutes += tokens[index + 1].number
          }
        }
        if minutes <= 18 * 60 { stamp.offsetMinutes = sign * minutes }
      }
    }
  }

  // MARK: ISO 8601

  /// `YYYY-MM-DD` or `YYYY/MM/DD`, optionally `T`/space + `HH:MM[:SS[.frac]]` + `Z`/offset.
  private static func parseISO(_ b: [UInt8], from start: Int) -> String? {
    func number(_ at: Int, _ width: Int) -> Int? {
      guard at + width <= b.count else { return nil }
      var value = 0
      for i in at..<(at + width) {
        guard isDigit(b[i]) else { return nil }
        value = value * 10 + Int(b[i] - 0x30)
      }
      return value
    }
    var i = start
    guard let year = number(i, 4), i + 4 < b.count else { return nil }
    let dash = b[i + 4]
    guard dash == UInt8(ascii: "-") || dash == UInt8(ascii: "/"),
      let month = number(i + 5, 2), i + 7 < b.count, b[i + 7] == dash, let day = number(i + 8, 2),
      isValid(year: year, month: month, day: day)
    else { return nil }
    if i + 10 < b.count && isDigit(b[i + 10]) { return nil }
    var stamp = Stamp(year: year, month: month, day: day)
    i += 10
    if i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " "),
      let hour = number(i + 1, 2), i + 3 < b.count, b[i + 3] == UInt8(ascii: ":"),
      let minute = number(i + 4, 2), hour < 24, minute < 60
    {
      var second = 0
      i += 6
      if i < b.count, b[i] == UInt8(ascii: ":"), let s = number(i + 1, 2) {
        second = min(s, 59)
        i += 3
      }
      if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
        i += 1
        while i < b.count && isDigit(b[i]) { i += 1 }
      }
      stamp.time = (hour, minute, second)
      if i < b.count, b[i] == UInt8(ascii: "Z") {
        stamp.offsetMinutes = 0
      } else if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"),
        let offsetHours = number(i + 1, 2)
      {
        let sign = b[i] == UInt8(ascii: "+") ? 1 : -1
        var minutes = offsetHours * 60
        if let m = number(i + 3, 2) {
          minutes += m
        } else if i + 3 < b.count, b[i + 3] == UInt8(ascii: ":"), let m = number(i + 4, 2) {
          minutes += m
        }
        stamp.offsetMinutes = sign * minutes
      }
    }
    return stamp.iso
  }

  // MARK: Calendar

  struct Stamp {
    var year: Int
    var month: Int
    var day: Int
    var time: (hour: Int, minute: Int, second: Int)?
    var offsetMinutes = 0

    var iso: String {
      guard let time else { return Self.format(year, month, day) }
      var minutes = time.hour * 60 + time.minute - offsetMinutes
      var days = DocumentDate.days(year: year, month: month, day: day)
      days += Int64((Double(minutes) / 1440).rounded(.down))
      minutes = ((minutes % 1440) + 1440) % 1440
      let (y, m, d) = DocumentDate.civil(fromDays: days)
      return Self.format(Int(y), Int(m), Int(d)) + "T" + Self.pad(minutes / 60) + ":" + Self.pad(minutes % 60)
        + ":"
        + Self.pad(time.second) + "Z"
    }

    static func format(_ y: Int, _ m: Int, _ d: Int) -> String {
      let year = String(y)
      return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + pad(m) + "-"
        + pad(d)
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }
  }

  static func isValid(year: Int, month: Int, day: Int) -> Bool {
    guard year >= 1000 && year <= 9999, month >= 1 && month <= 12, day >= 1 else { return false }
    return day <= DocumentDate.daysIn(month: month, year: year)
  }

  private static let months = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
  ]

  /// `jan`, `sept`, `january`… → 1…12.
  static func monthNumber(_ word: String) -> Int? {
    guard word.count >= 3 else { return nil }
    for (index, name) in months.enumerated() {
      if word == name || word == name.prefix(3) || (index == 8 && word == "sept") {
        return index + 1
      }
    }
    return nil
  }

  private static let weekdays = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  ]

  static func isWeekday(_ word: String) -> Bool {
    word.count >= 3
      && weekdays.contains { $0 == word || $0.prefix(3) == word || $0.prefix(4) == word }
  }

  private static let zoneOffsets: [String: Int] = [
    "z": 0, "gmt": 0, "ut": 0, "utc": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
    "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "bst": 60, "cet": 60, "cest": 120,
    "mez": 60, "mesz": 120, "jst": 540, "kst": 540, "ist": 330, "aest": 600, "aedt": 660,
    "nzst": 720, "nzdt": 780,
  ]

  @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
  @inline(__always) static func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
  }

  private static func skipSpace(_ bytes: [UInt8], _ start: Int) -> Int {
    var index = start
    while index < bytes.count && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
    return index
  }
}
