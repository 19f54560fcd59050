/// A plain-text news story read the way agencies file it.
///
/// At the top, in any order: a headline, a byline line (``WireByline``), a `Date:` header, and
/// the dateline that opens the first paragraph (``WireDateline``). Layouts read:
///
/// ```
/// Headline                       by Xinhua writer Zhang Can          BEIJING, March 3 (Reuters) - …
/// By Reporter Name               SEOUL, Dec. 24 (Xinhua) -- …
/// Date: 2025-06-03
///                                By JOHN SMITH, Associated Press
/// ZÜRICH, June 3, 2025 (X) - …   WASHINGTON (AP) -- The Senate …
/// ```
///
/// The headline, byline and date lines leave the body; the dateline stays in it (the lead is part
/// of the story). A story with no headline gets a title made from its lead sentence
/// (`titleIsDerived`), never its byline or dateline. At the end, trailers (``WireTrailer``) leave
/// the body; the first credit among them gives the byline when the top had none. Inside the body,
/// all-capital section heads (`SOLID GROUND`) stand as paragraphs of their own.
///
/// Every line that leaves the body is in `headerLines` or `trailers`.
struct WireStory {
  var title = ""
  var titleIsDerived = false
  var byline = ""
  var source = ""
  var place = ""
  var date = ""
  var dateIsInferred = false
  /// Flowed (``TextBuilder/flowed(_:)``).
  var body = ""
  /// The lines taken off the top, headline first when there was one.
  var headerLines: [String] = []
  /// The trailers taken off the end, in text order.
  var trailers: [String] = []
  /// Whether the text showed a byline line or a dateline.
  var isWireCopy = false

  /// - Parameters:
  ///   - expectsHeadline: the text itself may start with its headline (a plain-text file); false
  ///     for a body field whose record carries its own title.
  ///   - fileYear: the year of the file's modification time, for a dateline date without a year
  ///     when the text names no year.
  init(reading text: String, expectsHeadline: Bool, fileYear: Int? = nil) {
    // Lines split on bytes (a Character split would run grapheme breaking over the whole text).
    let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map {
      Substring($0)
    }
    var index = 0
    var headline: Substring?
    var dateline: WireDateline?
    var agency = ""
    while index < lines.count {
      let line = lines[index].trimmingSpaces
      if line.isEmpty {
        index += 1
        continue
      }
      if byline.isEmpty, let found = WireByline(line: line) {
        byline = found.names.joined(separator: ", ")
        if agency.isEmpty { agency = found.agency }
        headerLines.append(String(line))
      } else if date.isEmpty, line.utf8.count <= 120, line.lowercased().hasPrefix("date:") {
        date = DateNormalizer.normalize(String(line.dropFirst(5)))
        headerLines.append(String(line))
      } else if let found = WireDateline(line: String(line)) {
        dateline = found
        break
      } else if expectsHeadline && headline == nil
        && Self.isHeadline(line)
      {
        headline = line
        headerLines.insert(String(line), at: 0)
      } else {
        break
      }
      index += 1
    }
    isWireCopy = dateline != nil || !byline.isEmpty

    var bodyLines = Array(lines[index...])
    readTrailers(&bodyLines)
    body = TextBuilder.flowed(Self.separatingSectionHeads(bodyLines).joined(separator: "\n"))

    if let dateline {
      place = dateline.place
      if !dateline.agency.isEmpty { agency = dateline.agency }
      if date.isEmpty, let iso = dateline.isoDate(fallbackYear: nil) {
        date = iso
      } else if date.isEmpty, dateline.month != 0,
        let iso = dateline.isoDate(fallbackYear: Self.namedYear(in: text) ?? fileYear)
      {
        date = iso
        dateIsInferred = true
      }
    }
    source = NewsAgency.shortName(startingWith: agency) ?? agency
    if let headline {
      title = TextBuilder.inline(String(headline))
    } else if expectsHeadline || isWireCopy {
      let paragraph = String(body.prefix { $0 != "\n" })
      let lead =
        WireDateline(line: paragraph).map { String(paragraph[$0.leadStart...]) } ?? paragraph
      title = Self.leadTitle(lead)
      titleIsDerived = !title.isEmpty
    }
  }

  /// Takes the trailers off the end of `lines`, fills the byline from the first credit when empty.
  private mutating func readTrailers(_ lines: inout [Substring]) {
    while let last = lines.last {
      if last.trimmingSpaces.isEmpty {
        lines.removeLast()
      } else if WireTrailer.isTrailer(last) {
        trailers.insert(String(last.trimmingSpaces), at: 0)
        lines.removeLast()
      } else {
        if let (kept, mark) = WireTrailer.endMarkSuffix(of: last) {
          lines[lines.count - 1] = kept
          trailers.insert(String(mark), at: 0)
        }
        break
      }
    }
    if byline.isEmpty,
      let names = trailers.lazy.map(WireTrailer.names).first(where: { !$0.isEmpty })
    {
      byline = names.joined(separator: ", ")
    }
  }

  /// A headline: at most 200 characters, and not a long sentence ending in a full stop (a lead
  /// paragraph on one line).
  private static func isHeadline(_ line: Substring) -> Bool {
    guard line.utf8.count <= 600, line.count <= 200 else { return false }
    return !(line.hasSuffix(".") && line.split(separator: " ").count > 14)
  }

  /// A year the text names (the first four-digit number from 1900 to 2099).
  static func namedYear(in text: String) -> Int? {
    let tokens = DateNormalizer.tokenize(Array(text.utf8.prefix(20_000)))
    return tokens.first {
      !$0.isWord && $0.end - $0.start == 4 && (1900...2099).contains($0.number)
    }?.number
  }

  /// An all-capital line of 1–8 words (`SOLID GROUND`, `EXPANDING COOPERATION`).
  static func isSectionHead(_ line: Substring) -> Bool {
    let bytes = line.utf8
    guard bytes.count >= 3, bytes.count <= 240 else { return false }
    // A lower-case ASCII letter rules the line out: nearly every line of prose stops here,
    // before the Character checks below (which cost a grapheme walk and Unicode look-ups).
    if bytes.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) { return false }
    let trimmed = line.trimmingSpaces
    guard trimmed.count >= 3, trimmed.count <= 60, trimmed.split(separator: " ").count <= 8 else {
      return false
    }
    var letters = 0
    for character in trimmed where character.isLetter {
      guard character.isUppercase else { return false }
      letters += 1
    }
    return letters >= 3 && !WireTrailer.isTrailer(trimmed)
  }

  /// Blank lines around section heads, so flowing never joins one to the next sentence.
  private static func separatingSectionHeads(_ lines: [Substring]) -> [Substring] {
    guard lines.contains(where: isSectionHead) else { return lines }
    var out: [Substring] = []
    out.reserveCapacity(lines.count + 8)
    for line in lines {
      if isSectionHead(line) {
        out.append("")
        out.append(line)
        out.append("")
      } else {
        out.append(line)
      }
    }
    return out
  }

  /// A short title from the lead: its first sentence, cut at 12 words (with `…`).
  static func leadTitle(_ lead: String) -> String {
    let paragraph = String(lead.prefix(600))
    var sentence = Substring(paragraph)
    var index = paragraph.startIndex
    while index < paragraph.endIndex {
      let character = paragraph[index]
      let after = paragraph.index(after: index)
      if character == "." || character == "!" || character == "?",
        after == paragraph.endIndex || paragraph[after] == " "
      {
        let word = paragraph[..<index].split(separator: " ").last ?? ""
        // `U.S.` and `Dec.` do not end a sentence.
        if word.count > 3 || (word.first?.isLowercase ?? false) || character != "." {
          sentence = paragraph[..<index]
          break
        }
      }
      index = after
    }
    let words = sentence.split(separator: " ")
    if words.count <= 12 { return String(sentence) }
    var cut = words.prefix(12).joined(separator: " ")
    while let last = cut.last, last == "," || last == ";" || last == ":" { cut.removeLast() }
    return cut + " …"
  }
}
