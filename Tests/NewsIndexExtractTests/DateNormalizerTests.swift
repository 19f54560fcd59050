import Testing

@testable import NewsIndexExtract

@Suite struct DateNormalizerTests {
  @Test(arguments: [
    ("Fri, 14 Mar 2025 09:30:00 GMT", "2025-03-14T09:30:00Z"),
    ("Sun, 17 Oct 2021 19:04:29 +0100", "2021-10-17T18:04:29Z"),
    ("Mon, 3 Feb 2025 23:30:00 -0500", "2025-02-04T04:30:00Z"),
    ("14 Mar 25 09:30 EST", "2025-03-14T14:30:00Z"),
    ("2025-03-14", "2025-03-14"),
    ("2025-03-14T09:30:00+09:00", "2025-03-14T00:30:00Z"),
    ("2025-03-01T01:00:00+02:00", "2025-02-28T23:00:00Z"),
    ("2024-12-31T23:30:00-01:00", "2025-01-01T00:30:00Z"),
    ("2017-06-29T17:16:38+02:00", "2017-06-29T15:16:38Z"),
    ("2025-03-14T09:30:00.123Z", "2025-03-14T09:30:00Z"),
    ("2025-03-14 09:30", "2025-03-14T09:30:00Z"),
    ("2025/03/14", "2025-03-14"),
    ("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01Z"),
    ("March 14, 2025", "2025-03-14"),
    ("Mar. 14 2025", "2025-03-14"),
    ("14 March 2025", "2025-03-14"),
    ("Sept 3, 2024", "2024-09-03"),
    ("  Updated March 14, 2025 9:30 PM  ", "2025-03-14T21:30:00Z"),
  ])
  func parsesKnownNotations(input: String, expected: String) {
    #expect(DateNormalizer.normalize(input) == expected)
  }

  @Test func keepsUnparseableTextTrimmed() {
    #expect(DateNormalizer.normalize("  sometime   last week ") == "sometime last week")
    #expect(DateNormalizer.normalize("2025-02-30") == "2025-02-30")
    #expect(DateNormalizer.parse("Friday") == nil)
  }

  @Test func findsDateInDateline() {
    #expect(
      DateNormalizer.findDate(in: "SEOUL, March 14, 2025 (Newswire) - The bank") == "2025-03-14")
    #expect(DateNormalizer.findDate(in: "ZÜRICH, June 3, 2025 (Newswire) -") == "2025-06-03")
    #expect(DateNormalizer.findDate(in: "No date in this line, 42 times") == nil)
  }
}
