import Foundation
import Testing

@testable import NewsIndexExtract

@Suite struct ReutersExtractorTests {
  static let sample = """
    <!DOCTYPE lewis SYSTEM "lewis.dtd">
    <REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
    <DATE>26-FEB-1987 15:01:01.79</DATE>
    <TOPICS><D>cocoa</D></TOPICS>
    <UNKNOWN>&#5;&#5;&#5;C T
    &#22;&#22;&#1;f0704&#31;reute</UNKNOWN>
    <TEXT>&#2;
    <TITLE>BAHIA COCOA &lt;REVIEW&gt;</TITLE>
    <DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week in
    the Bahia cocoa zone.
        The dry period means the temporao will be late.
     Reuter
    &#3;</BODY></TEXT>
    </REUTERS>
    <REUTERS TOPICS="NO" NEWID="2">
    <DATE> 1-MAR-1987 09:00:00.00</DATE>
    <TEXT TYPE="UNPROC">&#2;
    RAW UNPROCESSED TEXT
    second line
    &#3;</TEXT>
    </REUTERS>
    <REUTERS NEWID="3"><DATE>2-MAR-1987 10:00:00.00</DATE><TEXT TYPE="BRIEF">&#2;
    <TITLE>BRIEF TITLE ONLY</TITLE>&#3;</TEXT></REUTERS>
    <REUTERS NEWID="4"></REUTERS>
    """

  @Test func recordsBecomeDocumentsKeyedByNewID() throws {
    let documents = try extract(Self.sample, name: "reut2-000.sgm")
    #expect(
      documents.map(\.id) == [
        "reut2-000.sgm#1", "reut2-000.sgm#2", "reut2-000.sgm#3", "reut2-000.sgm#4",
      ])
    #expect(documents[0].title == "BAHIA COCOA <REVIEW>")
    #expect(documents[0].date == "1987-02-26T15:01:01Z")
    #expect(
      documents[0].body
        == "SALVADOR, Feb 26 -\nShowers continued throughout the week in the Bahia cocoa zone.\nThe dry period means the temporao will be late.\nReuter"
    )
    #expect(documents[1].title == "")
    #expect(documents[1].date == "1987-03-01T09:00:00Z")
    #expect(documents[1].body == "RAW UNPROCESSED TEXT second line")
    #expect(documents[2].title == "BRIEF TITLE ONLY")
    #expect(documents[2].body == "")
    #expect(documents[3] == .init(id: "reut2-000.sgm#4", path: "reut2-000.sgm"))
  }

  @Test func topicsComeWithEachRecord() throws {
    let sample = Self.sample.replacingOccurrences(
      of: "<TOPICS><D>cocoa</D></TOPICS>", with: "<TOPICS><D>cocoa</D><D>coffee</D></TOPICS>")
    let articles = try DocumentExtractor().extractArticles(
      from: Array(sample.utf8), path: "/tmp/r.sgm", relativePath: "r.sgm")
    #expect(articles.map(\.topics) == [["cocoa", "coffee"], [], [], []])
    #expect(articles[0].language == "en")
  }

  @Test(.enabled(if: SharedCorpora.exists(SharedCorpora.reuters), "skipped: shared corpus folder \(SharedCorpora.reuters) is absent"))
  func wholeCollectionGives21578Documents() throws {
    let (allFiles, problems) = FileWalker.sourceFiles(under: [SharedCorpora.reuters])
    #expect(problems.isEmpty)
    let files = allFiles.filter { $0.relativePath.hasSuffix(".sgm") }
    #expect(files.count == 22)
    let clock = ContinuousClock()
    let start = clock.now
    var ids = Set<String>()
    var count = 0
    var replacementCount = 0
    for file in files {
      for document in try DocumentExtractor().extractDocuments(from: file) {
        count += 1
        ids.insert(document.id)
        if document.body.contains("\u{FFFD}") { replacementCount += 1 }
      }
    }
    let elapsed = clock.now - start
    print("Reuters-21578: \(count) documents from \(files.count) files in \(elapsed)")
    #expect(count == 21_578)
    #expect(ids.count == 21_578)
    #expect(ids.contains("reut2-000.sgm#1"))
    #expect(ids.contains("reut2-012.sgm#12793"))
    #expect(ids.contains("reut2-021.sgm#21578"))
    #expect(replacementCount == 0)
  }
}
