import Testing

@testable import NewsIndexExtract

@Suite struct HTMLExtractorTests {
  static let page = """
    <!DOCTYPE html>
    <html lang="en"><head>
    <meta charset="utf-8">
    <title>Central bank holds rates | Daily Planet</title>
    <meta property="article:published_time" content="2025-03-14T09:30:00+09:00">
    <meta name="author" content="Jane Reporter">
    <style>.x { color: red } STYLETEXT</style>
    <script>var tracking = "SCRIPTTEXT";</script>
    </head><body>
    <header class="site-header"><a href="/">SITEHEADER Daily Planet</a></header>
    <nav><ul><li>NAVTEXT World</li><li>Business</li></ul></nav>
    <div id="cookie-consent">COOKIETEXT We use cookies</div>
    <article>
      <header><h1>Central bank holds rates</h1><p class="byline">By Jane Reporter</p></header>
      <p>The central bank kept its key rate at 3.5% on <b>Friday</b>,
         citing   stubborn inflation.</p>
      <div class="share-tools">SHARETEXT Tweet this</div>
      <p>Economists had expected&nbsp;the decision &amp; markets barely moved.</p>
      <aside>ASIDETEXT Related: other story</aside>
      <div class="ad-slot">ADTEXT Buy now</div>
      <noscript>NOSCRIPTTEXT</noscript>
    </article>
    <section class="related-stories"><p>RELATEDTEXT</p></section>
    <footer>FOOTERTEXT © Daily Planet</footer>
    <iframe src="x">IFRAMETEXT</iframe>
    </body></html>
    """

  @Test func extractsArticleWithoutBoilerplate() throws {
    let document = try single(Self.page, name: "news/rates.html")
    #expect(document.id == "news/rates.html")
    #expect(document.path == "news/rates.html")
    #expect(document.title == "Central bank holds rates")
    #expect(document.date == "2025-03-14T00:30:00Z")
    #expect(document.byline == "Jane Reporter")
    #expect(
      document.body.contains(
        "The central bank kept its key rate at 3.5% on Friday, citing stubborn inflation."))
    #expect(document.body.contains("Economists had expected the decision & markets barely moved."))
    for marker in [
      "STYLETEXT", "SCRIPTTEXT", "SITEHEADER", "NAVTEXT", "COOKIETEXT", "SHARETEXT", "ASIDETEXT",
      "ADTEXT", "NOSCRIPTTEXT", "RELATEDTEXT", "FOOTERTEXT", "IFRAMETEXT",
    ] {
      #expect(!document.body.contains(marker), "\(marker) leaked into the body")
    }
    #expect(!document.body.hasPrefix("Central bank holds rates"), "title repeated in body")
    #expect(!document.body.contains("  "))
  }

  @Test func withoutArticleTakesBodyMinusBoilerplate() throws {
    let html = """
      <html><head><title>Floods hit farms - Local News - Example Site</title></head>
      <body><nav>NAVTEXT</nav><div class="menu">MENUTEXT</div>
      <div class="content"><h2>Rivers rise</h2><p>Farmers lost crops.</p><p>Second paragraph.</p></div>
      <footer>FOOTERTEXT</footer><script>SCRIPTTEXT</script></body></html>
      """
    let document = try single(html, name: "floods.htm")
    #expect(document.title == "Floods hit farms - Local News")
    #expect(document.body == "Rivers rise\nFarmers lost crops.\nSecond paragraph.")
  }

  @Test func prefersOpenGraphTitleAndTimeElement() throws {
    let html = """
      <html><head><meta property="og:title" content="OG headline"><title>Other | Site</title></head>
      <body><main><h1>Visible headline</h1><time datetime="2024-05-06">May 6</time>
      <span rel="author">Kim Lee</span><p>Text.</p></main></body></html>
      """
    let document = try single(html, name: "a.html")
    #expect(document.title == "OG headline")
    #expect(document.date == "2024-05-06")
    #expect(document.byline == "Kim Lee")
    #expect(document.body.contains("Visible headline"))
  }

  @Test func readsJSONLDDate() throws {
    let html = """
      <html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished": "2023-01-02T03:04:05Z"}</script></head>
      <body><p>Body text.</p></body></html>
      """
    #expect(try single(html, name: "a.html").date == "2023-01-02T03:04:05Z")
  }

  @Test func decodesWindows1252Page() throws {
    var bytes = Array(
      #"<html><head><meta charset="windows-1252"><title>x</title></head><body><p>Caf"#.utf8)
    bytes += [0xE9, 0x20, 0x80, 0x35, 0x20, 0x93, 0x6F, 0x6B, 0x94, 0x20, 0x91, 0x73, 0x92]
    bytes += Array("</p></body></html>".utf8)
    let document = try single(bytes: bytes, name: "w.html")
    #expect(document.body == "Café €5 “ok” ‘s’")
  }

  @Test func undeclaredLatin1PageDecodesAsWindows1252() throws {
    var bytes = Array("<html><body><p>Na".utf8)
    bytes += [0xEF, 0x76, 0x65, 0x20, 0x96, 0x20, 0x80]
    bytes += Array("</p></body></html>".utf8)
    #expect(try single(bytes: bytes, name: "w.html").body == "Naïve – €")
  }

  @Test func utf8BytesWinOverWrongMetaCharset() throws {
    let html =
      #"<html><head><meta charset="iso-8859-1"></head><body><p>Grüße aus Zürich – “Straße” 東京</p></body></html>"#
    #expect(try single(html, name: "wrong.html").body == "Grüße aus Zürich – “Straße” 東京")
    let gb =
      #"<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>北京 Café</p></body></html>"#
    #expect(try single(gb, name: "qq.html").body == "北京 Café")
  }

  @Test func declaredGB2312IsDecoded() throws {
    var bytes = Array(#"<html><head><meta charset="gb2312"></head><body><p>"#.utf8)
    bytes += [0xB1, 0xB1, 0xBE, 0xA9]  // 北京
    bytes += Array("</p></body></html>".utf8)
    #expect(try single(bytes: bytes, name: "cn.html").body == "北京")
  }

  @Test func invalidUTF8IsRepairedAndKept() throws {
    var bytes = Array("<html><body><p>Seoul 서울 ".utf8)
    bytes += [0xFF, 0xC3]
    bytes += Array(" end</p></body></html>".utf8)
    let document = try single(bytes: bytes, name: "bad.html")
    #expect(document.body.hasPrefix("Seoul 서울 \u{FFFD}"))
    #expect(document.body.hasSuffix("end"))
  }

  @Test func unclosedTagsStillGiveText() throws {
    let html = "<html><body><div><p>First <b>bold <i>italic<p>Second paragraph<div>Third"
    let document = try single(html, name: "broken.html")
    #expect(document.body.contains("First bold italic"))
    #expect(document.body.contains("Second paragraph"))
    #expect(document.body.contains("Third"))
  }

  @Test func fragmentTextStripsMarkup() {
    #expect(
      HTMLExtractor.fragmentText("<p>One &amp; <b>two</b></p><p>three</p><script>x</script>")
        == "One & two\nthree")
    #expect(HTMLExtractor.fragmentText("plain   text") == "plain text")
  }

  @Test func cleansSiteNameFromTitle() {
    #expect(
      HTMLExtractor.cleanTitle("Rates held as inflation lingers | Daily Planet")
        == "Rates held as inflation lingers")
    #expect(
      HTMLExtractor.cleanTitle("BBC News — Storm closes schools across the north")
        == "Storm closes schools across the north")
    #expect(HTMLExtractor.cleanTitle("No separator here") == "No separator here")
  }

  @Test func boilerplateClassMatchingUsesTokens() {
    #expect(HTMLTextRules.isBoilerplate(classOrID: "ad-slot top"))
    #expect(HTMLTextRules.isBoilerplate(classOrID: "social-share"))
    #expect(HTMLTextRules.isBoilerplate(classOrID: "sidebar-ads"))
    #expect(!HTMLTextRules.isBoilerplate(classOrID: "article-body headline"))
    #expect(!HTMLTextRules.isBoilerplate(classOrID: "lead-paragraph"))
    // Content wrappers that also mention a boilerplate word are kept (Readability's rule).
    #expect(!HTMLTextRules.isBoilerplate(classOrID: "l-sidebar-fixed l-article-body-segment"))
    #expect(!HTMLTextRules.isBoilerplate(classOrID: "box article modal-enabled"))
  }

  @Test(.enabled(if: SharedCorpora.exists(SharedCorpora.readabilityPages), "skipped: shared corpus folder \(SharedCorpora.readabilityPages) is absent"))
  func realPagesGiveTitlesAndBodies() throws {
    let (files, problems) = FileWalker.sourceFiles(under: [SharedCorpora.readabilityPages])
    #expect(problems.isEmpty)
    let pages = files.filter { $0.relativePath.hasSuffix("source.html") }
    #expect(pages.count >= 30)
    var withTitle = 0
    for page in pages {
      let documents = try DocumentExtractor().extractDocuments(from: page)
      try #require(documents.count == 1, "\(page.relativePath)")
      let document = documents[0]
      if !document.title.isEmpty { withTitle += 1 }
      #expect(document.body.utf8.count > 200, "\(page.relativePath) body too short")
      #expect(!document.body.contains("function("), "\(page.relativePath) has script text")
    }
    #expect(withTitle == pages.count)
  }
}
