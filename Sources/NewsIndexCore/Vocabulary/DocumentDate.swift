/// A document's date as a number: seconds since 1970-01-01T00:00:00Z (UTC), what the index stores
/// per document and what date filters, date sorting and recency compare.
///
/// Built from the ISO 8601 text extraction leaves in ``ExtractedDocument/date`` and from the dates
/// users type in queries and options. A date without a time is midnight UTC of that day; a time
/// without a zone is taken as UTC (as extraction does).
package enum DocumentDate {
  /// Stored for a document whose date is missing or unreadable: range filters exclude it, date
  /// sorting puts it last (it is below every real date).
  package static let unknown = Int64.min

  /// Dates outside years 1...9999 are refused (nothing in news archives, and no overflow).
  package static let yearRange = 1...9999

  /// The instant `text` names, or ``unknown``.
  ///
  /// Accepts `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (also with `/`), optionally followed by `T` or a
  /// space and `HH:MM`, `HH:MM:SS`, fractions of a second, and `Z`, `UTC`, `GMT` or an offset
  /// (`+09:00`, `-0500`). Leading and trailing spaces are ignored; anything else is unknown.
  package static func seconds(from text: some StringProtocol) -> Int64 {
    period(text)?.lowerBound ?? unknown
  }

  /// The whole period `text` names, first and last second included: `2025` is the year,
  /// `2025-03` the month, `2025-03-14` the day, a time its second. Nil when unreadable.
  ///
  /// A range filter reads its lower end with `lowerBound` and its upper end with `upperBound`,
  /// so `date:[2025-01 TO 2025-03]` covers January 1 to the last second of March 31.
  package static func period(_ text: some StringProtocol) -> ClosedRange<Int64>? {
    var scanner = DateScanner(Array(text.utf8))
    return scanner.parse()
  }

  /// Days from 1970-01-01 to the civil date `year-month-day` (proleptic Gregorian calendar;
  /// Howard Hinnant's `days_from_civil`).
  package static func days(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let m = Int64(month)
    let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The civil date (proleptic Gregorian) `days` after 1970-01-01; the inverse of
  /// ``days(year:month:day:)`` (Howard Hinnant's `civil_from_days`).
  package static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// Days in `month` (1–12) of `year`.
  package static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// `YYYY-MM-DD` of `seconds` (UTC), or `YYYY-MM-DDTHH:MM:SSZ` when it is not midnight; empty
  /// for ``unknown``.
  package static func isoString(_ seconds: Int64) -> String {
    guard seconds != unknown else { return "" }
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    let (year, month, day) = civil(fromDays: days)
    var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    if secondOfDay != 0 {
      text +=
        "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":"
        + pad(secondOfDay % 60, 2) + "Z"
    }
    return text
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}

/// A one-pass reader of the ISO 8601 subset ``DocumentDate`` accepts.
private struct DateScanner {
  let bytes: [UInt8]
  var index = 0

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  mutating func parse() -> ClosedRange<Int64>? {
    skipSpaces()
    guard let year = number(digits: 4), DocumentDate.yearRange.contains(year) else { return nil }
    var month = 1
    var day = 1
    var lastDay: Int64
    let dateEnd: Int64
    if consume(UInt8(ascii: "-")) || consume(UInt8(ascii: "/")) {
      guard let m = number(digits: 2), (1...12).contains(m) else { return nil }
      month = m
      if consume(UInt8(ascii: "-")) || consume(UInt8(ascii: "/")) {
        guard let d = number(digits: 2), (1...DocumentDate.daysIn(month: month, year: year)).contains(d)
        else { return nil }
        day = d
        lastDay = DocumentDate.days(year: year, month: month, day: day)
      } else {
        lastDay = DocumentDate.days(
          year: year, month: month, day: DocumentDate.daysIn(month: month, year: year))
      }
    } else {
      lastDay = DocumentDate.days(year: year, month: 12, day: 31)
    }
    let start = DocumentDate.days(year: year, month: month, day: day) * 86_400
    dateEnd = lastDay * 86_400 + 86_399
    // An optional time, only after a full date.
    let save = index
    if lastDay == start / 86_400, consume(UInt8(ascii: "T")) || consume(UInt8(ascii: " ")) {
      skipSpaces()
      if atEnd { return start...dateEnd }
      guard let hour = number(digits: 2), (0...23).contains(hour), consume(UInt8(ascii: ":")),
        let minute = number(digits: 2), (0...59).contains(minute)
      else {
        index = save
        return finish(start...dateEnd)
      }
      var second = 0
      if consume(UInt8(ascii: ":")) {
        guard let s = number(digits: 2), (0...60).contains(s) else { return nil }
        second = min(s, 59)
        if consume(UInt8(ascii: ".")) || consume(UInt8(ascii: ",")) {
          while !atEnd && isDigit(bytes[index]) { index += 1 }
        }
      }
      skipSpaces()
      guard let offset = zoneOffset() else { return nil }
      let instant = start + Int64(hour * 3600 + minute * 60 + second) - offset
      return finish(instant...instant)
    }
    return finish(start...dateEnd)
  }

  /// The range when nothing but spaces is left.
  private mutating func finish(_ range: ClosedRange<Int64>) -> ClosedRange<Int64>? {
    skipSpaces()
    return atEnd ? range : nil
  }

  /// Seconds east of UTC: 0 for none, `Z`, `UTC`, `GMT`; `±HH:MM`, `±HHMM` or `±HH`.
  private mutating func zoneOffset() -> Int64? {
    if atEnd { return 0 }
    if consume(UInt8(ascii: "Z")) || consume(UInt8(ascii: "z")) { return 0 }
    for name in ["UTC", "GMT"] where consumeWord(name) { return 0 }
    let sign: Int64
    if consume(UInt8(ascii: "+")) {
      sign = 1
    } else if consume(UInt8(ascii: "-")) {
      sign = -1
    } else {
      return nil
    }
    guard let hours = number(digits: 2, followedByDigits: true), hours <= 18 else { return nil }
    _ = consume(UInt8(ascii: ":"))
    let minutes = number(digits: 2) ?? 0
    guard minutes < 60 else { return nil }
    return sign * Int64(hours * 3600 + minutes * 60)
  }

  private var atEnd: Bool { index >= bytes.count }

  private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  private mutating func skipSpaces() {
    while !atEnd && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
  }

  private mutating func consume(_ byte: UInt8) -> Bool {
    guard !atEnd, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  private mutating func consumeWord(_ word: String) -> Bool {
    let word = Array(word.utf8)
    guard index + word.count <= bytes.count, bytes[index..<(index + word.count)].elementsEqual(word)
    else { return false }
    index += word.count
    return true
  }

  /// Exactly `digits` decimal digits, not followed by another digit unless `followedByDigits`.
  private mutating func number(digits: Int, followedByDigits: Bool = false) -> Int? {
    guard index + digits <= bytes.count else { return nil }
    var value = 0
    for k in index..<(index + digits) {
      guard isDigit(bytes[k]) else { return nil }
      value = value * 10 + Int(bytes[k] - 0x30)
    }
    if !followedByDigits && index + digits < bytes.count && isDigit(bytes[index + digits]) {
      return nil
    }
    index += digits
    return value
  }
}
