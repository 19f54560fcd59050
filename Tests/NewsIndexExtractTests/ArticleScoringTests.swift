import Testing

@testable import NewsIndexExtract

/// Main-content selection on pages without `<article>`/`<main>`, where the old rules kept the
/// navigation, link lists and furniture.
@Suite struct ArticleScoringTests {
  static let page = """
    <!DOCTYPE html><html lang="en"><head><title>Port strike ends after talks - City Herald</title></head>
    <body>
    <div id="top"><a href="/">HOME</a> <a href="/w">WORLDLINK</a> <a href="/b">BUSINESSLINK</a></div>
    <div class="wrapper">
      <div class="col-left">
        <ul><li><a href="/1">LINKLIST one story with a long headline here</a></li>
            <li><a href="/2">LINKLIST two another story with a long headline</a></li>
            <li><a href="/3">LINKLIST three yet another story headline</a></li></ul>
      </div>
      <div class="col-main">
        <h1>Port strike ends after talks</h1>
        <div class="byline">BYLINETEXT By Sam Writer</div>
        <p>Dock workers returned to work on Monday, ending a strike that had idled the port for two weeks, union leaders said.</p>
        <figure><img src="a.jpg"><figcaption>CAPTIONTEXT Cranes stood idle.</figcaption></figure>
        <p>The agreement raises wages by 4 percent a year, adds a pension plan, and limits overtime, according to a statement.</p>
        <div class="share-bar"><a href="#">SHARETEXT Facebook</a> <a href="#">Twitter</a></div>
        <p><a href="/promo"><strong>PROMOLINK DOCK UNION LEADER WINS AWARD</strong></a></p>
        <p>Shipping companies welcomed the deal, saying cargo backlogs would clear within a month, though some warned of delays.</p>
        <div class="more"><a href="/x">MORELINK Read more stories about the port and its workers</a></div>
      </div>
    </div>
    <div class="copyright">COPYTEXT</div>
    </body></html>
    """

  @Test func scoringKeepsParagraphsAndDropsFurniture() throws {
    let document = try single(Self.page, name: "port.html")
    #expect(document.body.hasPrefix("Dock workers returned to work on Monday"))
    #expect(document.body.contains("limits overtime, according to a statement."))
    #expect(document.body.hasSuffix("though some warned of delays."))
    for marker in [
      "HOME", "WORLDLINK", "LINKLIST", "BYLINETEXT", "CAPTIONTEXT", "SHARETEXT", "MORELINK",
      "COPYTEXT", "PROMOLINK", "Port strike ends",
    ] {
      #expect(!document.body.contains(marker), "\(marker) leaked into the body")
    }
    #expect(document.title == "Port strike ends after talks")
  }

  @Test func furnitureNamedWrapperIsRetriedWithoutTheRule() throws {
    // "pager" inside "PageBuilder-pageRow" is a Readability unlikely word; the retry keeps it.
    let html = """
      <html><body><div class="PageBuilder-pageRow"><div class="group">
      <p>Emirates finalized a deal to purchase 30 jets, executives of both companies announced on Wednesday.</p>
      <p>The deal comes in addition to five sales earlier this week, and sets up a reduction of a prior order.</p>
      </div></div><div class="nav-links"><a href="/a">OTHERLINK</a></div></body></html>
      """
    let document = try single(html, name: "cnbc.html")
    #expect(document.body.hasPrefix("Emirates finalized a deal"))
    #expect(document.body.hasSuffix("a reduction of a prior order."))
    #expect(!document.body.contains("OTHERLINK"))
  }

  @Test func divsOfSpansWithImagesAreParagraphs() throws {
    let html = """
      <html><body><div class="menu-top"><a href="/">Home</a> <a href="/about">About</a></div>
      <div class="post-body"><div><span><span>Photos released online show the actress, Kate, looking stunning in new photos.<br></span></span></div>
      <div><a href="1.jpg"><img src="1.jpg"></a></div><div><a href="2.jpg"><img src="2.jpg"></a></div>
      <div><span>The veteran actress, who won an award in 2008, shared the photos on her page.</span></div>
      <div><span>She flaunted a bag in the colours of the flag, at an event in Lagos.</span></div></div>
      <div class="random-posts"><a href="/x">Random post one</a> <a href="/y">Random post two</a></div>
      </body></html>
      """
    let document = try single(html, name: "blog.html")
    #expect(document.body.hasPrefix("Photos released online"))
    #expect(document.body.hasSuffix("at an event in Lagos."))
    #expect(!document.body.contains("Home"))
    #expect(!document.body.contains("Random post"))
  }

  @Test func textOnlySiblingDivJoinsTheArticle() throws {
    let paragraph = "<p>Officials said the fuel plant stayed closed, and talks would resume, while protesters held the road, witnesses said.</p>"
    let html = """
      <html><body><div class="columns"><div class="story">
      <div class="article__summary">SUMMARYTEXT Three people died during protests near a fuel plant on Tuesday, officials said.</div>
      <div class="first">\(String(repeating: paragraph, count: 12))</div>
      </div></div><div class="x"><a href="/">Link</a></div></body></html>
      """
    let document = try single(html, name: "rt.html")
    #expect(document.body.hasPrefix("SUMMARYTEXT Three people died"))
  }

  @Test func pageWithoutArticleGivesItsVisibleText() throws {
    let html = """
      <html><body><div><a href="/a">Archive</a></div><div><p>Opening hours: 9 to 5.</p>
      <p>Closed on Sundays.</p></div></body></html>
      """
    let document = try single(html, name: "hours.html")
    #expect(document.body.contains("Opening hours: 9 to 5."))
    #expect(document.body.contains("Closed on Sundays."))
  }

  @Test func furnitureClassNamesAreClassified() {
    #expect(ClassVerdict(classAndID: "sidebar widget").unlikely)
    #expect(!ClassVerdict(classAndID: "main-sidebar").unlikely)  // "main": maybe a candidate
    #expect(ClassVerdict(classAndID: "article__byline").furniture)
    #expect(ClassVerdict(classAndID: "ad-slot").furniture)
    #expect(ClassVerdict(classAndID: "ads").furniture)
    #expect(!ClassVerdict(classAndID: "lead-paragraph").furniture)
    #expect(ClassVerdict(classAndID: "story-body").weight == 25)
    #expect(ClassVerdict(classAndID: "comment-list").weight == -25)
  }

  @Test func titleComesFromJSONLDHeadlineFirst() throws {
    let html = """
      <html><head><title>Wrong - Site</title><meta property="og:title" content="OG - Site">
      <script type="application/ld+json">{"@type":"NewsArticle","headline":"Caf\\u00e9 \\"owners\\" win","datePublished":"2024-02-03"}</script>
      </head><body><p>Text of the story that is long enough to be something.</p></body></html>
      """
    let document = try single(html, name: "t.html")
    #expect(document.title == "Café \"owners\" win")
    #expect(document.date == "2024-02-03")
  }

  @Test func titleSeparatorsFollowReadability() {
    #expect(HTMLExtractor.cleanTitle("Obama admits gun laws frustrate him - BBC News") == "Obama admits gun laws frustrate him")
    #expect(HTMLExtractor.cleanTitle("LWN.net Weekly Edition for March 26, 2015 [LWN.net]") == "LWN.net Weekly Edition for March 26, 2015 [LWN.net]")
    #expect(
      HTMLExtractor.cleanTitle("Watch: The storm hits the coast of Maine tonight", onlyH1: nil)
        == "The storm hits the coast of Maine tonight")
    #expect(
      HTMLExtractor.cleanTitle("Home", onlyH1: "Real headline of the page")
        == "Real headline of the page")
  }
}

@Suite struct TitleLineTests {
  @Test func removesTheTitleLineAmongTheFirstThree() {
    #expect(PageSurvey.removingTitleLine("T", from: "T\nbody") == "body")
    #expect(PageSurvey.removingTitleLine("T", from: "a\nb\nT") == "a\nb")
    #expect(PageSurvey.removingTitleLine("T", from: "a\nT\nc") == "a\nc")
    #expect(PageSurvey.removingTitleLine("T", from: "a\nb\nc\nT") == "a\nb\nc\nT")
    #expect(PageSurvey.removingTitleLine("T", from: "Tx\nb") == "Tx\nb")
    #expect(PageSurvey.removingTitleLine("Ünï", from: "Ünï") == "")
  }
}
