import NewsIndexAnalysis
import NewsIndexCore
import NewsIndexSearch
import NewsIndexTestSupport
import Testing

/// Analyzer version 4: letters without decompositions fold to ASCII, `AT&T` stays one word, and
/// the tokens readers type find their stories.
@Suite struct FoldingAndTokenTests {
  static let documents = [
    ("lodz", "Łódź council votes on the budget"),
    ("orsted", "Ørsted wins an offshore wind contract"),
    ("copenhagen", "Flights to København resume"),
    ("straße", "Die Straße ist gesperrt; Þórshöfn, Æbeltoft and Œuvres also named"),
    ("att", "AT&T and S&P report results"),
    ("us", "The U.S. dollar rose"),
    ("rate", "Inflation held at 3.5% in March"),
    ("covid", "COVID-19 cases fell"),
    ("email", "The e-mail was sent"),
    ("china", "中国经济增长"),
    ("other", "Nothing to see in Atlanta"),
  ].map { ExtractedDocument(id: $0.0, path: $0.0, title: "", date: "", body: $0.1) }

  @Test(arguments: [
    ("lodz", "lodz"), ("Łódź", "lodz"), ("orsted", "orsted"), ("ØRSTED", "orsted"), ("kobenhavn", "copenhagen"),
    ("strasse", "straße"), ("thorshofn", "straße"), ("aebeltoft", "straße"), ("oeuvres", "straße"),
    ("AT&T", "att"), ("att", "att"), ("S&P", "att"), ("U.S.", "us"), ("3.5%", "rate"), ("3.5", "rate"),
    ("COVID-19", "covid"), ("covid19", "covid"), ("e-mail", "email"), ("email", "email"), ("中", "china"),
    ("经济", "china"), ("经", "china"),
  ])
  func readersFindWhatTheyType(query: String, expected: String) throws {
    let fixture = try IndexFixture(Self.documents)
    defer { fixture.remove() }
    #expect(try fixture.ids(query) == [expected], "\(query)")
  }

  @Test func foldingTableIsLucenesForTheLettersTheIssueNames() {
    let analyzer = Analyzer()
    #expect(analyzer.terms(in: "ø ł đ ß æ œ þ ð ıb") == ["o", "l", "d", "ss", "ae", "oe", "th", "d", "ib"])
    // Version 3 indexes keep their terms (queries of an old index are analyzed as it was built).
    var old = AnalyzerSettings.standard
    old.version = 3
    #expect(Analyzer(settings: old).terms(in: "Ørsted AT&T Łódź") == ["ørsted", "łodz"])
    #expect(Analyzer().terms(in: "Ørsted AT&T Łódź") == ["orst", "att", "lodz"])
  }
}
