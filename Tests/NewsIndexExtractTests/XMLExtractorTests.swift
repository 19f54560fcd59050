import Foundation
import Testing

@testable import NewsIndexExtract

@Suite struct XMLExtractorTests {
  @Test func rss2ItemsBecomeDocuments() throws {
    let rss = """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
      <channel><title>Feed title</title><link>https://example.com</link>
        <item><title><![CDATA[Storm &amp; floods]]></title><link>https://example.com/a</link>
          <guid isPermaLink="false"> story-1 </guid><pubDate>Fri, 14 Mar 2025 09:30:00 GMT</pubDate>
          <dc:creator>Ana Silva</dc:creator>
          <description><![CDATA[<p>Rain <b>fell</b> all day.</p><p>Rivers rose.</p>]]></description></item>
        <item><title>Second</title><link>https://example.com/b</link>
          <description>Plain &lt;i&gt;escaped&lt;/i&gt; html</description>
          <content:encoded><![CDATA[<div>Full <em>content</em></div>]]></content:encoded></item>
        <item><title>Third, no keys</title></item>
      </channel></rss>
      """
    let documents = try extract(rss, name: "feeds/news.rss")
    #expect(
      documents.map(\.id) == [
        "feeds/news.rss#story-1", "feeds/news.rss#https://example.com/b", "feeds/news.rss#3",
      ])
    #expect(documents[0].title == "Storm & floods")
    #expect(documents[0].date == "2025-03-14T09:30:00Z")
    #expect(documents[0].byline == "Ana Silva")
    #expect(documents[0].body == "Rain fell all day.\nRivers rose.")
    #expect(documents[1].body == "Full content")
    #expect(documents.allSatisfy { $0.path == "feeds/news.rss" })
  }

  @Test func rss091ItemsEachKeepTheirOwnDate() throws {
    let rss = """
      <?xml version="1.0" encoding="ISO-8859-1"?>
      <rss version="0.91"><channel><title>Old feed</title><language>en-us</language>
        <item><title>First</title><link>http://e.com/1</link><description>One &amp; only.</description>
          <pubDate>Mon, 03 Mar 2003 10:00:00 GMT</pubDate></item>
        <item><title>Second</title><link>http://e.com/2</link><description>Two.</description>
          <pubDate>Tue, 04 Mar 2003 11:30:00 +0100</pubDate></item>
      </channel></rss>
      """
    let documents = try extract(rss, name: "old.rss")
    #expect(documents.map(\.id) == ["old.rss#http://e.com/1", "old.rss#http://e.com/2"])
    #expect(documents.map(\.date) == ["2003-03-03T10:00:00Z", "2003-03-04T10:30:00Z"])
    #expect(documents.map(\.body) == ["One & only.", "Two."])
  }

  @Test func rss1ItemsAreFound() throws {
    let rdf = """
      <?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="x"><title>Chan</title></channel>
        <item rdf:about="http://e.com/1"><title>One</title><link>http://e.com/1</link><dc:date>2024-01-02</dc:date><description>First.</description></item>
      </rdf:RDF>
      """
    let documents = try extract(rdf, name: "f.rdf")
    #expect(documents.count == 1)
    #expect(documents[0].id == "f.rdf#http://e.com/1")
    #expect(documents[0].date == "2024-01-02")
    #expect(documents[0].body == "First.")
  }

  @Test func atomEntriesBecomeDocuments() throws {
    let atom = """
      <?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom">
        <title>Feed</title><author><name>Feed Author</name></author>
        <entry><id>urn:uuid:1</id><title type="html">Rates &lt;b&gt;held&lt;/b&gt;</title>
          <published>2025-03-14T09:30:00+09:00</published><updated>2025-03-15T00:00:00Z</updated>
          <author><name>Jo Kim</name></author>
          <content type="html">&lt;p&gt;The bank held.&lt;/p&gt;&lt;p&gt;Markets calm.&lt;/p&gt;</content></entry>
        <entry><title>No id</title><updated>2025-03-15T00:00:00Z</updated>
          <summary>Short summary.</summary></entry>
      </feed>
      """
    let documents = try extract(atom, name: "f.atom")
    #expect(documents.map(\.id) == ["f.atom#urn:uuid:1", "f.atom#2"])
    #expect(documents[0].title == "Rates held")
    #expect(documents[0].date == "2025-03-14T00:30:00Z")
    #expect(documents[0].byline == "Jo Kim")
    #expect(documents[0].body == "The bank held.\nMarkets calm.")
    #expect(documents[1].date == "2025-03-15T00:00:00Z")
    #expect(documents[1].body == "Short summary.")
  }

  @Test func newsMLItemGivesHeadlineBylineDateAndBody() throws {
    let newsML = """
      <?xml version="1.0" encoding="UTF-8"?>
      <newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header><sent>2017-06-29T17:16:38+02:00</sent></header>
      <itemSet><newsItem guid="urn:newsml:dpa.com:1" standard="NewsML-G2" xml:lang="de">
        <itemMeta><versionCreated>2017-06-29T17:16:38+02:00</versionCreated></itemMeta>
        <contentMeta><headline>Thyssenkrupp-Klage muss neu verhandelt werden</headline>
          <by>Von Annett Gehler, dpa</by></contentMeta>
        <contentSet><inlineXML contenttype="application/xhtml+xml">
          <html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title></head><body>
            <header><h1>Thyssenkrupp-Klage muss neu verhandelt werden</h1><p class="byline">Von Annett Gehler</p></header>
            <section class="main"><p>Erfurt (dpa) - Der Stahlkonzern Thyssenkrupp hat Bußen gezahlt.</p>
            <p>Zweiter Absatz.</p></section></body></html>
        </inlineXML></contentSet></newsItem></itemSet></newsMessage>
      """
    let document = try single(newsML, name: "dpa/story.xml")
    #expect(document.id == "dpa/story.xml")
    #expect(document.title == "Thyssenkrupp-Klage muss neu verhandelt werden")
    #expect(document.byline == "Annett Gehler")
    #expect(document.source == "dpa")
    #expect(document.date == "2017-06-29T15:16:38Z")
    #expect(
      document.body
        == "Erfurt (dpa) - Der Stahlkonzern Thyssenkrupp hat Bußen gezahlt.\nZweiter Absatz.")
  }

  @Test func genericXMLTakesTitleDateAndText() throws {
    let xml = """
      <?xml version="1.0"?><story><meta><headline>Lunar lander reaches orbit</headline>
      <date>March 14, 2025</date></meta><text><p>The lander fired its engine.</p><p>All systems nominal.</p></text></story>
      """
    let document = try single(xml, name: "s.xml")
    #expect(document.title == "Lunar lander reaches orbit")
    #expect(document.date == "2025-03-14")
    #expect(document.body.contains("The lander fired its engine.\nAll systems nominal."))
  }

  @Test func latin1DeclaredXMLDecodes() throws {
    var bytes = Array(
      #"<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><title>Caf"#.utf8)
    bytes += [0xE9]
    bytes += Array("</title></item></channel></rss>".utf8)
    let documents = try extract(bytes: bytes, name: "l.xml")
    #expect(documents.first?.title == "Café")
  }

  @Test func externalEntityIsNeverLoaded() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let secret = try folder.write("secret.txt", "TOPSECRETMARKER")
    let xml = """
      <?xml version="1.0"?>
      <!DOCTYPE story [<!ENTITY xxe SYSTEM "file://\(secret)"><!ENTITY pw SYSTEM "file:///etc/passwd">]>
      <story><title>XXE</title><body>before &xxe; &pw; after</body></story>
      """
    let documents = try extract(xml, name: "xxe.xml")
    #expect(documents.count == 1 && documents.first?.body.contains("before") == true, "the story is still read")
    for document in documents {
      #expect(!document.body.contains("TOPSECRETMARKER"))
      #expect(!document.body.contains("root:"))
      #expect(!document.title.contains("TOPSECRETMARKER"))
    }
    let rss =
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://\(secret)\">]><rss><channel><item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>"
    let items = try extract(rss, name: "xxe.rss")
    #expect(items.count == 1, "the item is still read")
    for document in items {
      #expect(!document.title.contains("TOPSECRETMARKER"))
      #expect(!document.body.contains("TOPSECRETMARKER"))
    }
  }

  @Test func billionLaughsReturnsQuicklyWithoutExpansion() throws {
    var dtd = "<!ENTITY lol \"lol\">"
    for level in 1...9 {
      let previous = level == 1 ? "lol" : "lol\(level - 1)"
      dtd += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
    }
    let xml =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [\(dtd)]><lolz><title>bomb</title><p>&lol9;</p></lolz>"
    let clock = ContinuousClock()
    let start = clock.now
    let documents = try extract(xml, name: "bomb.xml")
    #expect(clock.now - start < .seconds(1))
    // The story is read, and by content nothing was expanded: no "lol" in its text.
    #expect(documents.count == 1 && documents.first?.title == "bomb")
    for document in documents {
      #expect(!document.body.contains("lol"), "\(document.body.prefix(80))")
    }
  }

  @Test func smallInternalEntitiesAreExpanded() throws {
    let xml =
      "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY co \"Acme Corp\">]><s><title>T</title><p>Shares of &co; rose.</p></s>"
    #expect(try single(xml, name: "e.xml").body.contains("Shares of Acme Corp rose."))
  }

  @Test(.enabled(if: SharedCorpora.exists(SharedCorpora.rssFeeds), "skipped: shared corpus folder \(SharedCorpora.rssFeeds) is absent"))
  func realFeedsGiveAllItems() throws {
    let (files, problems) = FileWalker.sourceFiles(under: [SharedCorpora.rssFeeds])
    #expect(problems.isEmpty)
    var count = 0
    for file in files where file.relativePath.hasSuffix(".xml") {
      let documents = try DocumentExtractor().extractDocuments(from: file)
      #expect(!documents.isEmpty, "\(file.relativePath)")
      for document in documents {
        #expect(!document.title.isEmpty, "\(document.id)")
        #expect(
          document.date.isEmpty || document.date.hasPrefix("20"), "\(document.id) \(document.date)")
      }
      count += documents.count
    }
    #expect(count == 2009)
  }

  @Test(.enabled(if: SharedCorpora.exists(SharedCorpora.newsML), "skipped: shared corpus folder \(SharedCorpora.newsML) is absent"))
  func realNewsMLGivesOneDocumentPerFile() throws {
    let (files, _) = FileWalker.sourceFiles(under: [SharedCorpora.newsML])
    #expect(files.count == 100)
    for file in files {
      let documents = try DocumentExtractor().extractDocuments(from: file)
      try #require(documents.count == 1, "\(file.relativePath)")
      let document = documents[0]
      #expect(document.id == file.relativePath)
      #expect(!document.title.isEmpty, "\(file.relativePath)")
      #expect(document.date.hasPrefix("2017-0"), "\(file.relativePath) \(document.date)")
      #expect(!document.body.isEmpty, "\(file.relativePath)")
      #expect(!document.body.contains("Notizblock"), "\(file.relativePath) has editorial notes")
    }
  }
}
