import NewsIndexCore
import Testing

@Suite struct DocumentDateTests {
  @Test func epochAndKnownDays() {
    #expect(DocumentDate.days(year: 1970, month: 1, day: 1) == 0)
    #expect(DocumentDate.days(year: 2000, month: 3, day: 1) == 11_017)
    #expect(DocumentDate.days(year: 1969, month: 12, day: 31) == -1)
    #expect(DocumentDate.seconds(from: "2025-03-14") == 1_741_910_400)
  }

  @Test(arguments: [
    ("2025-03-14T09:30:00Z", Int64(1_741_944_600)),
    ("2025-03-14T09:30Z", 1_741_944_600),
    ("2025-03-14 09:30:00", 1_741_944_600),
    ("2025-03-14T18:30:00+09:00", 1_741_944_600),
    ("2025-03-14T04:30:00-0500", 1_741_944_600),
    ("2025-03-14T09:30:00.250Z", 1_741_944_600),
    ("  2025-03-14T09:30:00 UTC ", 1_741_944_600),
    ("2025/03/14", 1_741_910_400),
    ("1987-02-26T15:01:01Z", 541_350_061),
  ])
  func readsISOForms(text: String, seconds: Int64) {
    #expect(DocumentDate.seconds(from: text) == seconds, "\(text)")
  }

  @Test(arguments: [
    "", "yesterday", "March 14, 2025", "2025-13-01", "2025-02-30", "2025-03-14T25:00", "20250314",
    "2025-03-14T09:30:00+99:00", "0000-01-01", "2025-03-14 and more",
  ])
  func unreadableTextIsUnknown(text: String) {
    #expect(DocumentDate.seconds(from: text) == DocumentDate.unknown, "\(text)")
    #expect(DocumentDate.period(text) == nil, "\(text)")
  }

  @Test func periodsCoverTheirWholeSpan() throws {
    let day = try #require(DocumentDate.period("2025-03-14"))
    #expect(day.upperBound - day.lowerBound == 86_399)
    let month = try #require(DocumentDate.period("2024-02"))
    #expect(month.lowerBound == DocumentDate.seconds(from: "2024-02-01"))
    #expect(month.upperBound == DocumentDate.seconds(from: "2024-03-01") - 1)  // leap year: 29 days
    let year = try #require(DocumentDate.period("2025"))
    #expect(year.lowerBound == DocumentDate.seconds(from: "2025-01-01"))
    #expect(year.upperBound == DocumentDate.seconds(from: "2026-01-01") - 1)
    let instant = try #require(DocumentDate.period("2025-03-14T09:30:00Z"))
    #expect(instant.lowerBound == instant.upperBound)
  }

  @Test func unknownSortsBelowEveryDate() {
    #expect(DocumentDate.unknown < DocumentDate.seconds(from: "0001-01-01"))
  }

  @Test func isoStringRoundTrips() {
    for text in [
      "1970-01-01", "1969-12-31", "2000-02-29", "2025-03-14T09:30:05Z", "0001-01-01",
      "9999-12-31T23:59:59Z",
    ] {
      #expect(DocumentDate.isoString(DocumentDate.seconds(from: text)) == text)
    }
    #expect(DocumentDate.isoString(DocumentDate.unknown) == "")
  }

  /// The calendar conversions the date normalizer uses too (moved here from its tests).
  @Test func calendarRoundTrips() {
    for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
      let (y, m, d) = DocumentDate.civil(fromDays: days)
      #expect(DocumentDate.days(year: Int(y), month: Int(m), day: Int(d)) == days)
    }
  }
}
