import Testing

@testable import NewsIndexExtract

@Suite struct PlainTextExtractorTests {
  @Test func readsHeadlineBylineDateAndBody() throws {
    let text = """
      Chipmaker unveils AI accelerator
      By Lukas Brenner
      Date: 2025-06-03

      ZÜRICH, June 3, 2025 (Newswire) - Helvion Semiconductor unveiled
      an accelerator on Tuesday.

      The chip, called   Aster, is aimed at data centres.
      """
    let document = try single(text, name: "text/chip.txt")
    #expect(document.id == "text/chip.txt")
    #expect(document.title == "Chipmaker unveils AI accelerator")
    #expect(document.byline == "Lukas Brenner")
    #expect(document.date == "2025-06-03")
    #expect(
      document.body
        == "ZÜRICH, June 3, 2025 (Newswire) - Helvion Semiconductor unveiled an accelerator on Tuesday.\nThe chip, called Aster, is aimed at data centres."
    )
  }

  @Test func takesDateFromDatelineWhenNoDateLine() throws {
    let text = "Rates held\r\n\r\nSEOUL, March 14, 2025 (Newswire) - The bank held rates.\r\n"
    let document = try single(text, name: "rates")
    #expect(document.title == "Rates held")
    #expect(document.date == "2025-03-14")
    #expect(document.byline == "")
    #expect(document.body == "SEOUL, March 14, 2025 (Newswire) - The bank held rates.")
  }

  @Test func titleOnlyFileIsADocument() throws {
    let document = try single("\n\n  Just a headline  \n", name: "t.text")
    #expect(document.title == "Just a headline")
    #expect(document.body == "")
  }

  @Test(.enabled(if: SharedCorpora.exists(SharedCorpora.sampleText), "skipped: shared corpus folder \(SharedCorpora.sampleText) is absent"))
  func sampleCorpusFilesHaveAllFields() throws {
    let (files, problems) = FileWalker.sourceFiles(under: [SharedCorpora.sampleText])
    #expect(problems.isEmpty)
    var checked = 0
    for file in files where file.relativePath.hasSuffix(".txt") {
      checked += 1
      let documents = try DocumentExtractor().extractDocuments(from: file)
      try #require(documents.count == 1)
      #expect(!documents[0].title.isEmpty, "\(file.relativePath)")
      #expect(documents[0].date.count == 10, "\(file.relativePath) date \(documents[0].date)")
      #expect(documents[0].body.count > 100, "\(file.relativePath)")
    }
    #expect(checked == 14, "corpus/text holds 14 stories")
  }
}
