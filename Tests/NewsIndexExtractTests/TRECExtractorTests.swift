import Testing

@testable import NewsIndexExtract

@Suite struct TRECExtractorTests {
  @Test func docsBecomeDocumentsKeyedByDocno() throws {
    let trec = """
      <DOC>
      <DOCNO> AP880212-0001 </DOCNO>
      <FILEID>AP-NR-02-12-88 2344EST</FILEID>
      <DATE>880212</DATE>
      <HEAD>Reports Former Saigon Officials Released</HEAD>
      <BYLINE>By JOHN DOE</BYLINE>
      <TEXT>
         More than 150 former officers of the
      overthrown South Vietnamese government have been released.
         Teachers &amp; students &lt;cheered&gt;.
      </TEXT>
      </DOC>
      <DOC>
      <DOCNO>LA010189-0001</DOCNO>
      <DATE><P>January 1, 1989, Sunday</P></DATE>
      <HEADLINE><P>Year begins</P></HEADLINE>
      <TEXT><P>First paragraph.</P><P>Second paragraph.</P></TEXT>
      </DOC>
      <DOC><TEXT>no docno</TEXT></DOC>
      """
    let documents = try extract(trec, name: "trec/ap.txt")
    #expect(
      documents.map(\.id) == [
        "trec/ap.txt#AP880212-0001", "trec/ap.txt#LA010189-0001", "trec/ap.txt#3",
      ])
    #expect(documents[0].title == "Reports Former Saigon Officials Released")
    #expect(documents[0].date == "1988-02-12")
    #expect(documents[0].byline == "John Doe")
    #expect(
      documents[0].body
        == "More than 150 former officers of the overthrown South Vietnamese government have been released.\nTeachers & students <cheered>."
    )
    #expect(documents[1].title == "Year begins")
    #expect(documents[1].date == "1989-01-01")
    #expect(documents[1].body == "First paragraph.\nSecond paragraph.")
    #expect(documents[2].body == "no docno")
  }

  @Test func unclosedDocStillYieldsText() throws {
    let documents = try extract("<DOC><DOCNO>X1</DOCNO><TEXT>dangling text", name: "t.trec")
    #expect(documents.map(\.id) == ["t.trec#X1"])
    #expect(documents.first?.body == "dangling text")
  }
}
