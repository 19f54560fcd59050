import Foundation
import NewsIndexTestSupport
import Testing

/// `newsindex extract`, run as a built binary (next to the test bundle; skipped when absent).
@Suite(
  .enabled(
    if: FileManager.default.isExecutableFile(atPath: CommandRunner.binary.path),
    "skipped: the newsindex binary is not built next to the tests"))
struct ExtractCommandTests {
  static let page = """
    <html lang="en"><head><title>Harbour reopens after the storm passes | Coast News</title>
    <meta property="article:published_time" content="2025-01-02T08:00:00Z"><meta name="author" content="Ana Lopes"></head>
    <body><nav><a href="/">NAVTEXT</a></nav><div class="story"><p>The harbour reopened on Thursday after a storm closed it for three days, officials said.</p>
    <p>Fishing boats, ferries and cargo ships returned to their berths, and the coast guard lifted its warning.</p></div></body></html>
    """

  func folder() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try folder.write("site/story-1/source.html", Self.page)
    try folder.write(
      "feeds/a.rss",
      """
      <?xml version="1.0"?><rss version="2.0"><channel><language>de</language>
      <item><guid>x1</guid><title>Eins</title><pubDate>Fri, 14 Mar 2025 09:30:00 GMT</pubDate>
      <description>Der erste Text.</description></item></channel></rss>
      """)
    return folder
  }

  @Test func jsonIsThePredictionsLayout() throws {
    let folder = try folder()
    defer { folder.remove() }
    let result = try CommandRunner().run(["extract", folder.path])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    let entries = try #require(object as? [String: [String: Any]])
    #expect(Set(entries.keys) == ["site/story-1/source.html", "feeds/a.rss#x1"])
    let page = try #require(entries["site/story-1/source.html"])
    #expect(page["title"] as? String == "Harbour reopens after the storm passes")
    #expect(page["date"] as? String == "2025-01-02T08:00:00Z")
    #expect(page["byline"] as? String == "Ana Lopes")
    #expect(page["language"] as? String == "en")
    let body = try #require(page["articleBody"] as? String)
    #expect(body.hasPrefix("The harbour reopened on Thursday"))
    #expect(!body.contains("NAVTEXT"))
    let item = try #require(entries["feeds/a.rss#x1"])
    #expect(item["language"] as? String == "de")
    #expect(item["date"] as? String == "2025-03-14T09:30:00Z")
  }

  @Test func folderKeysAndTextFormat() throws {
    let folder = try folder()
    defer { folder.remove() }
    let keyed = try CommandRunner().run(
      ["extract", "--key", "folder", "--threads", "2", folder.path + "/site/story-1/source.html"])
    #expect(keyed.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(keyed.stdout.utf8))
    #expect((object as? [String: Any]).map { Array($0.keys) } == ["story-1"])

    let text = try CommandRunner().run(["extract", "--format", "text", folder.path + "/feeds"])
    #expect(text.status == 0)
    #expect(text.stdout.hasPrefix("id: a.rss#x1\ntitle: Eins\ndate: 2025-03-14T09:30:00Z\n"))
    #expect(text.stdout.contains("language: de\n\nDer erste Text.\n"))
  }

  @Test func badUsageAndMissingFiles() throws {
    #expect(try CommandRunner().run(["extract"]).status == 64)
    #expect(try CommandRunner().run(["extract", "--threads", "0", "x"]).status == 64)
    let missing = try CommandRunner().run(["extract", "/no/such/file.html"])
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("/no/such/file.html"))
  }
}
