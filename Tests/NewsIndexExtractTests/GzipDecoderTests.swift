import Foundation
import NewsIndexCore
import NewsIndexTestSupport
import Testing

@testable import NewsIndexExtract

/// Gzip-compressed news files are read as their content; damaged and explosive ones are skipped.
@Suite struct GzipDecoderTests {
  static let page = """
    <!DOCTYPE html><html lang="en"><head><title>Harbour cranes idle - Example News</title>
    <meta property="article:published_time" content="2025-04-02T08:00:00Z"></head>
    <body><nav><a href="/">Home</a></nav><article><h1>Harbour cranes idle</h1>
    <p>Dock workers walked out on Tuesday after talks on night-shift pay broke down, leaving the
    container cranes of the eastern harbour idle for the first time in a decade.</p>
    <p>The port authority said ships would be diverted to the northern terminal until the dispute
    is settled.</p></article><footer>Copyright Example News</footer></body></html>
    """

  @Test func aGzippedPageGivesThePlainPagesDocument() throws {
    let plain = try single(Self.page, name: "html/cranes.html")
    let zipped = try single(bytes: GzipFixture.compress(Self.page), name: "html/cranes.html.gz")
    #expect(zipped.id == "html/cranes.html.gz")
    #expect(zipped.path == "html/cranes.html.gz")
    #expect(zipped.title == plain.title)
    #expect(zipped.date == plain.date)
    #expect(zipped.body == plain.body)
    #expect(zipped.body.contains("night-shift pay"))
  }

  @Test func theContentDecidesNotTheName() throws {
    // A gzip file without `.gz` is still decompressed; the inner name's extension is sniffed.
    let zipped = try single(bytes: GzipFixture.compress(Self.page), name: "saved-page")
    #expect(zipped.title == "Harbour cranes idle")
    let lines = """
      {"id":"a1","title":"Rates held","body":"The central bank held its rate."}
      {"id":"a2","title":"Rates cut","body":"The central bank cut its rate."}
      """
    let documents = try extract(bytes: GzipFixture.compress(lines), name: "dump.jsonl.gz")
    #expect(documents.map(\.id) == ["a1", "a2"])
  }

  @Test func concatenatedMembersAreOneFile() throws {
    let first = "<DOC>\n<DOCNO> NX-1 </DOCNO>\n<TEXT>\nFirst story text here.\n</TEXT>\n</DOC>\n"
    let second = "<DOC>\n<DOCNO> NX-2 </DOCNO>\n<TEXT>\nSecond story text here.\n</TEXT>\n</DOC>\n"
    let bytes = GzipFixture.compress(first) + GzipFixture.compress(second)
    let documents = try extract(bytes: bytes, name: "la010189.gz")
    #expect(documents.map(\.id) == ["la010189.gz#NX-1", "la010189.gz#NX-2"])
  }

  @Test func bytesAfterTheLastMemberAreIgnored() throws {
    let bytes = GzipFixture.compress("Headline\n\nBody text of the story.\n") + [0, 0, 0, 0, 0x41]
    let document = try single(bytes: bytes, name: "story.txt.gz")
    #expect(document.title == "Headline")
  }

  @Test func truncatedAndDamagedDataAreMalformed() throws {
    let zipped = GzipFixture.compress(Self.page)
    let truncated = Array(zipped.prefix(zipped.count / 2))
    #expect(throws: ExtractError.self) { try extract(bytes: truncated, name: "cut.html.gz") }
    do {
      _ = try extract(bytes: truncated, name: "cut.html.gz")
    } catch {
      #expect("\(error)".contains("gzip data truncated"), "\(error)")
    }
    var damaged = zipped
    damaged[damaged.count - 6] ^= 0xFF  // the CRC-32 in the trailer
    do {
      _ = try extract(bytes: damaged, name: "bad.html.gz")
      Issue.record("a wrong CRC was accepted")
    } catch {
      guard case .malformed(_, let reason)? = error as? ExtractError else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(reason.hasPrefix("gzip: "), "\(reason)")
    }
  }

  @Test func aGzipBombStopsAtTheSizeLimit() throws {
    // 64 MB of spaces and letters compress to a few tens of KB.
    let bomb = GzipFixture.compress(
      [UInt8](repeating: 0x61, count: 64 << 20), level: 9)
    #expect(bomb.count < 200_000)
    let extractor = DocumentExtractor(maxFileBytes: 4 << 20)
    do {
      _ = try extractor.extractDocuments(
        from: bomb, path: "bomb.txt.gz", relativePath: "bomb.txt.gz")
      Issue.record("the bomb was inflated")
    } catch {
      #expect(error == .decompressedTooLarge(path: "bomb.txt.gz", limit: 4 << 20))
      #expect(error.description.contains("decompresses to more than the limit"))
    }
  }

  @Test func binaryInsideGzipIsStillBinary() throws {
    let zipped = GzipFixture.compress(
      [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D] + Array(repeating: 0, count: 64))
    #expect(throws: ExtractError.binary(path: "/tmp/logo.html.gz")) {
      try extract(bytes: zipped, name: "logo.html.gz")
    }
  }

  @Test(arguments: [
    ("page.html.gz", true), ("reut2-000.sgm.GZ", true), ("fr940104.0.gz", true), ("dump.gz", true),
    ("logo.png.gz", false), ("site.tar.gz", false), ("notes.md.gz", false),
  ])
  func folderWalksPickUpCompressedNewsFiles(_ name: String, _ picked: Bool) {
    #expect(FileWalker.isNewsFileName(name) == picked)
  }

  @Test func suffixIsStrippedOnlyOnce() {
    #expect(GzipDecoder.strippingSuffix("a.html.gz") == "a.html")
    #expect(GzipDecoder.strippingSuffix("a.gz.gz") == "a.gz")
    #expect(GzipDecoder.strippingSuffix(".gz") == ".gz")
    #expect(GzipDecoder.strippingSuffix("page.html") == "page.html")
  }
}
