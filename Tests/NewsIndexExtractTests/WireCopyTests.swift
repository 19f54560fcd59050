import Foundation
import NewsIndexCore
import NewsIndexTestSupport
import Testing

@testable import NewsIndexExtract

/// Wire copy as agencies file it: the fixtures in `Tests/Fixtures/wire/` (written by us, invented
/// stories), each with its expected fields in `expected.tsv`, and the other formats that carry
/// plain text.
@Suite struct WireCopyTests {
  static let fixtures = SharedCorpora.repository + "/Tests/Fixtures/wire"

  struct Expectation: CustomStringConvertible {
    var file, title: String
    var titleIsDerived: Bool
    var byline, source, place, date: String
    var dateIsInferred: Bool
    var bodyStart: String
    var description: String { file }
  }

  static func expectations() -> [Expectation] {
    guard let text = try? String(contentsOfFile: fixtures + "/expected.tsv", encoding: .utf8) else {
      return []
    }
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
      let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      return Expectation(
        file: c[0], title: c[1], titleIsDerived: c[2] == "true", byline: c[3], source: c[4],
        place: c[5],
        date: c[6], dateIsInferred: c[7] == "true", bodyStart: c[8])
    }
  }

  @Test(arguments: expectations())
  func fixtureExtractsAsExpected(_ expected: Expectation) throws {
    let text = try String(contentsOfFile: Self.fixtures + "/" + expected.file, encoding: .utf8)
    let document = try single(text, name: expected.file)
    #expect(document.title == expected.title)
    #expect(document.titleIsDerived == expected.titleIsDerived)
    #expect(document.byline == expected.byline)
    #expect(document.source == expected.source)
    #expect(document.place == expected.place)
    #expect(document.date == expected.date)
    #expect(document.dateIsInferred == expected.dateIsInferred)
    #expect(document.body.hasPrefix(expected.bodyStart), "\(document.body.prefix(80))")
  }

  @Test func everyFixtureHasAnExpectation() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures).filter {
      $0.hasSuffix(".txt")
    }
    #expect(Set(files) == Set(Self.expectations().map(\.file)))
    #expect(files.count >= 7)
  }

  @Test func sectionHeadsAreParagraphsOfTheirOwn() throws {
    let text = try String(
      contentsOfFile: Self.fixtures + "/xinhua-byline-first-yearless.txt", encoding: .utf8)
    let paragraphs = try single(text, name: "x.txt").body.split(separator: "\n")
    #expect(paragraphs.contains("SOLID GROUND"))
    #expect(paragraphs.contains("EXPANDING COOPERATION"))
    #expect(paragraphs.last == "The two governments plan to add a freight-only route next spring.")
  }

  @Test func trailersLeaveTheBody() throws {
    for (file, mark) in [
      ("ap-byline-caps.txt", "-30-"), ("reuters-dateline-first.txt", "Reporting by"),
      ("yonhap-headline-full-date.txt", "(END)"), ("afp-headline-byline-date.txt", "###"),
      ("kyodo-em-dash-lone-square.txt", "■"),
    ] {
      let text = try String(contentsOfFile: Self.fixtures + "/" + file, encoding: .utf8)
      let document = try single(text, name: file)
      #expect(!document.body.contains(mark), "\(file)")
      #expect(document.body.hasSuffix("."), "\(file): \(document.body.suffix(40))")
    }
  }

  @Test func yearlessDatelineTakesTheFileYearWhenTheTextNamesNone() throws {
    let text =
      "From our correspondent\n\nNAIROBI, May 9 - Growers said on Friday that roses wilted.\n"
    // 2024-06-01T00:00:00Z
    var hints = ArticleHints()
    let documents = try DocumentExtractor().extractDocuments(
      from: Array(text.utf8), path: "/tmp/n.txt", relativePath: "n.txt", languages: &hints,
      modificationTime: 1_717_200_000)
    #expect(documents.first?.date == "2024-05-09")
    #expect(documents.first?.dateIsInferred == true)
    #expect(documents.first?.title == "Growers said on Friday that roses wilted")
  }

  // MARK: Lines

  @Test func bylineLines() {
    func read(_ line: String) -> [String]? {
      WireByline(line: line).map { $0.names + ["@" + $0.agency] }
    }
    #expect(read("by Xinhua writer Zhang Can") == ["Zhang Can", "@Xinhua"])
    #expect(read("BY XINHUA WRITERS ZHANG CAN AND LI WEI") == ["Zhang Can", "Li Wei", "@Xinhua"])
    #expect(read("By JOHN SMITH, Associated Press") == ["John Smith", "@AP"])
    #expect(read("By Jane Doe and Tom Lee, AP Business Writers") == ["Jane Doe", "Tom Lee", "@AP"])
    #expect(read("By LEE JAE-MYUNG, Yonhap") == ["Lee Jae-myung", "@Yonhap"])
    #expect(read("By Maria da Silva, Staff Writer") == ["Maria da Silva", "@"])
    #expect(read("From our correspondent") == ["our correspondent", "@"])
    #expect(read("By the end of the year, prices had doubled.") == nil)
    #expect(read("By Monday officials had counted most votes") == nil)
    #expect(read("Byline") == nil)
  }

  @Test func bylineFieldsOfOtherFormats() {
    #expect(WireByline.field("By MARGARET ELLISON, Newswire Staff Writer") == ("Margaret Ellison", "Newswire"))
    #expect(WireByline.field("Annett Gehler, dpa") == ("Annett Gehler", "dpa"))
    #expect(WireByline.field("by Jane Doe") == ("Jane Doe", ""))
    #expect(WireByline.field("jane@example.com (Jane Doe)") == ("jane@example.com (Jane Doe)", ""))
    #expect(WireByline.field("") == ("", ""))
  }

  @Test func datelines() {
    func read(_ line: String) -> String? {
      WireDateline(line: line).map {
        "\($0.place)|\($0.agency)|\($0.month)/\($0.day)/\($0.year ?? 0)"
      }
    }
    #expect(read("SEOUL, Dec. 24 (Xinhua) -- After an interval") == "SEOUL|Xinhua|12/24/0")
    #expect(read("WASHINGTON (AP) — The Senate voted") == "WASHINGTON|AP|0/0/0")
    #expect(read("WASHINGTON (AP)--The Senate voted") == "WASHINGTON|AP|0/0/0")
    #expect(read("BEIJING, March 3, 2025 (Reuters) - China said") == "BEIJING|Reuters|3/3/2025")
    #expect(read("SPRINGFIELD, Ill., May 2 (AP) – Lawmakers") == "SPRINGFIELD, Ill.|AP|5/2/0")
    #expect(read("RIO DE JANEIRO, 4 June (AFP) - Samba") == "RIO DE JANEIRO|AFP|6/4/0")
    #expect(read("LONDON, July 8 - Oil prices fell") == "LONDON||7/8/0")
    #expect(read("London - the capital") == nil)
    #expect(read("Oil prices - what next for producers") == nil)
    #expect(read("The minister (left) - who spoke first") == nil)
    #expect(read("Lee Jae-myung - who won") == nil)
  }

  @Test func trailerLines() {
    #expect(WireTrailer.isTrailer("(Reporting by Li Wei; Editing by Tom Hale)"))
    #expect(WireTrailer.isTrailer("Editing by Tom Hale"))
    #expect(WireTrailer.isTrailer(" -30- "))
    #expect(!WireTrailer.isTrailer("Reporting from the front line was hard."))
    #expect(
      WireTrailer.names(in: "(Reporting by Li Wei and Ro Jae-hun in Beijing; Editing by Tom Hale)")
        == ["Li Wei", "Ro Jae-hun"])
  }

  // MARK: Other formats

  @Test func jsonLinesTextWithoutTitleIsWireCopy() throws {
    let jsonl =
      #"{"id": "w1", "text": "by Xinhua writer Zhang Can\n\nSEOUL, Dec. 24 (Xinhua) -- Ferries sailed again in 2025.\n\n(END)"}"#
      + "\n"
      + #"{"id": "w2", "title": "Plain", "body": "No wire layout here.", "source": "Associated Press"}"#
      + "\n"
    let documents = try extract(jsonl, name: "w.jsonl")
    #expect(documents[0].title == "Ferries sailed again in 2025")
    #expect(documents[0].titleIsDerived)
    #expect(documents[0].byline == "Zhang Can")
    #expect(documents[0].source == "Xinhua")
    #expect(documents[0].place == "SEOUL")
    #expect(documents[0].date == "2025-12-24")
    #expect(documents[0].body == "SEOUL, Dec. 24 (Xinhua) -- Ferries sailed again in 2025.")
    #expect(documents[1].title == "Plain")
    #expect(!documents[1].titleIsDerived)
    #expect(documents[1].source == "AP")
    #expect(documents[1].body == "No wire layout here.")
  }

  @Test func trecTextWithoutHeadlineGetsALeadTitle() throws {
    let trec = """
      <DOC><DOCNO> W-1 </DOCNO>
      <TEXT>
      BEIJING, March 3, 2026 (Reuters) - China said on Monday it would cap wind farms.
      </TEXT>
      <TEXT>Analysts were surprised.

      Reporting by Li Wei; Editing by Tom Hale</TEXT>
      </DOC>
      """
    let document = try single(trec, name: "w.trec")
    #expect(document.title == "China said on Monday it would cap wind farms")
    #expect(document.titleIsDerived)
    #expect(document.source == "Reuters")
    #expect(document.byline == "Li Wei")
    #expect(document.date == "2026-03-03")
    #expect(
      document.body
        == "BEIJING, March 3, 2026 (Reuters) - China said on Monday it would cap wind farms.\nAnalysts were surprised."
    )
  }

  @Test func rssDescriptionOpeningWithADateline() throws {
    let rss = """
      <?xml version="1.0"?>
      <rss version="2.0"><channel><title>Harbour Gazette</title>
      <item><title>Ferries return</title><guid>a</guid>
      <description>SEOUL, Dec. 24 (Yonhap) -- Ferries sailed again in 2025. (END)</description></item>
      <item><title>Local news</title><guid>b</guid><description>The market reopened.</description></item>
      </channel></rss>
      """
    let documents = try extract(rss, name: "feed.rss")
    #expect(documents[0].title == "Ferries return")
    #expect(documents[0].source == "Yonhap")
    #expect(documents[0].place == "SEOUL")
    #expect(documents[0].date == "2025-12-24")
    #expect(documents[0].body == "SEOUL, Dec. 24 (Yonhap) -- Ferries sailed again in 2025.")
    #expect(documents[1].source == "Harbour Gazette")
    #expect(documents[1].body == "The market reopened.")
  }

  @Test func trecAPCopyWithAnUnderscoreDash() throws {
    let trec = """
      <DOC><DOCNO> AP-1 </DOCNO>
      <TEXT>
         WASHINGTON (AP) _ The Senate voted on Tuesday to fund rural telescopes.
      </TEXT>
      </DOC>
      """
    let document = try single(trec, name: "ap.trec")
    #expect(document.source == "AP")
    #expect(document.place == "WASHINGTON")
    #expect(document.title == "The Senate voted on Tuesday to fund rural telescopes")
    #expect(document.body.hasPrefix("WASHINGTON (AP) _ The Senate"))
  }

  @Test func reutersAndNewsMLNameTheirSource() throws {
    let sgm = """
      <REUTERS NEWID="1"><DATE>26-FEB-1987 15:01:01.79</DATE><TEXT><TITLE>BAHIA COCOA</TITLE>
      <DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Cocoa arrivals slowed.
       Reuter</BODY></TEXT></REUTERS>
      """
    let reuters = try single(sgm, name: "reut2-000.sgm")
    #expect(reuters.source == "Reuters")
    #expect(reuters.place == "SALVADOR")
    let newsML = """
      <?xml version="1.0"?>
      <newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g1">
      <itemMeta><provider qcode="nprov:dpa"/></itemMeta>
      <contentMeta><headline>Flood warning</headline></contentMeta>
      <contentSet><inlineData>Rivers rose.</inlineData></contentSet></newsItem>
      """
    #expect(try single(newsML, name: "item.xml").source == "dpa")
  }

  // MARK: Property

  /// Whatever lines a file is made of, every word of it ends up in the title (a headline), the
  /// body, or one of the header lines and trailers the reader names; nothing else leaves.
  @Test func onlyNamedHeaderLinesAndTrailersLeaveTheBody() {
    var random = SeededRandom(seed: 15)
    let pool = [
      "Headline about ferries", "By Jane Doe", "by Xinhua writer Zhang Can", "BY JOHN SMITH, AP",
      "From our correspondent", "Date: 2025-03-14", "SEOUL, Dec. 24 (Xinhua) -- Ferries sailed.",
      "WASHINGTON (AP) — The Senate voted.", "LONDON, July 8 - Oil fell.", "SOLID GROUND",
      "Plain sentence about the harbour.", "By the end of the year prices rose.", "(END)", "-30-",
      "###", "■", "Reporting by Li Wei; Editing by Tom Hale", "the port said. (END)",
      "Hwang Jae-ho said so.", "", "", "  indented line", "Lee Jae-myung - who won",
    ]
    for _ in 0..<400 {
      let count = Int.random(in: 1...9, using: &random)
      let lines = (0..<count).map { _ in pool[Int.random(in: 0..<pool.count, using: &random)] }
      let text = lines.joined(separator: "\n")
      let story = WireStory(reading: text, expectsHeadline: true)
      func words(_ text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map(String.init).sorted()
      }
      var kept =
        words(story.body) + story.headerLines.flatMap(words) + story.trailers.flatMap(words)
      kept.sort()
      #expect(kept == words(text), "\(lines)")
      #expect(
        !story.body.isEmpty || !story.headerLines.isEmpty || words(text).isEmpty
          || !story.trailers.isEmpty, "\(lines)")
    }
  }
}
