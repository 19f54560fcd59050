import Foundation
import NewsIndexTestSupport
import Testing

@testable import NewsIndexExtract

/// `HTMLPrefilter` must change nothing the extractor reads: libxml2's tree of the filtered page
/// equals the tree of the page, once script and style text (JSON-LD kept) and unread attributes
/// are left out of both.
@Suite struct HTMLPrefilterTests {
  @Test func removesScriptTextStyleTextAndUnreadAttributes() {
    let page = """
      <!DOCTYPE html><html lang="en"><head><script src="a.js"></script>\
      <script>var x = "<p>not text</p>";</script><style>p { color: red }</style>\
      <script type="application/ld+json">{"headline": "Kept"}</script></head>\
      <body><div class="story" data-track='{"a":1}' onclick="go()"><a href="/x">link</a>\
      <img src="a.png" srcset="a.png 1x, b.png 2x"></div></body></html>
      """
    let filtered = String(decoding: HTMLPrefilter.filtered(Array(page.utf8)), as: UTF8.self)
    #expect(filtered.contains("<script>") && filtered.contains("<style>"))
    #expect(!filtered.contains("not text") && !filtered.contains("color: red"))
    #expect(filtered.contains("{\"headline\": \"Kept\"}"))
    #expect(filtered.contains("class=\"story\"") && filtered.contains("lang=\"en\""))
    for gone in ["data-track", "onclick", "href", "srcset", "src="] { #expect(!filtered.contains(gone)) }
    #expect(Self.tree(page) == Self.tree(filtered))
  }

  /// Constructs where a careless scan would lose sync with libxml2: each must give the same tree.
  @Test(arguments: [
    "<p>a<!-- <script> -->b</p><script>x</script><p>c</p>",
    "<p>a<!-- x --!>b<script>y</script>c</p>",
    "<!---><script>hidden</script>--><p>after</p>",
    "<!----><p>x</p><script>z</script>",
    "<div title=\"<script>\" class=a>t</div><script>s</script><p>u</p>",
    "<div data-x='a>b' class=\"k\">t</div><script>q</script>",
    "<script>a</scripts>b</script><p>after</p>",
    "<script>a</SCRIPT >b</p>",
    "<script></div><p>x</p></script>",
    "<div><script></div><p>x</p></script>y</div>",
    "<script><p>markup?</p></script><p>x</p>",
    "<script><!-- a --></script><p>x</p>",
    "<script/><p>self-closed</p><script>y</script>",
    "<script>unclosed <p>never markup",
    "<style>a{}</style ><p>x</p><STYLE>b{}</STYLE>",
    "<!DOCTYPE html PUBLIC \"-//a>b//EN\" 'x>y'><script>s</script><p>t</p>",
    "<!doctype html SYSTEM \"a>b\"><p>t</p><script>s</script>",
    "<p>x</p><!DOCTYPE html></p><p>y</p><script>z</script>",
    "<?php echo '<script>'; ?><p>x</p><script>y</script>",
    "<? x><p>y</p><script>z</script>",
    "<div\"x\" class=a>t</div><script>s</script>",
    "<div = x class=b>t</div>",
    "<div class=a data-x=1/>t</div><p>u</p>",
    "<div data-x=\"1\"/><p>u</p>",
    "<div class=\"a\"data-x=1 id=b>t</div>",
    "<div class=a class=b CLASS=c>t</div>",
    "<div " + String(repeating: "a", count: 130) + "=v class=k>t</div>",
    "<" + String(repeating: "d", count: 120) + " class=k>t</div><script>s</script>",
    "<script type=\"application/ld&#43;json\">{\"datePublished\":\"2020-01-02\"}</script><p>x</p>",
    "<a href=\"x\" hidden aria-hidden=true role=navigation style=\"display:none\">t</a>",
    "<meta name=author content=\"A B\"><meta property=og:title content=T><time datetime=2020-01-01>d</time>",
    "<_x><script>s</script>t",
    "a < b <script>s</script> c",
    "<p>&amp;<script>&lt;</script>&#60;</p>",
    "<div class='unterminated>text<script>s</script><p>x</p>",
    "<div class=\"unterminated>text",
    "<p>é<script>ü</script>ß</p><div title=é class=ü>t</div>",
    "\u{FEFF}<!DOCTYPE html></div><script>s</script>",
    "<html><body><body class=b><script>s</script>x</body></html>",
    "<table><tr><td><script>s</script>cell</td></tr></table>",
    "<textarea><script>s</script></textarea><title><script>t</script></title>",
    "<svg><path d=\"M0 0L10 10\" class=p/><style>.p{}</style></svg>",
    "<noscript><img src=x></noscript><script>s</script>",
  ])
  func sameTreeOnTrickyMarkup(_ page: String) {
    let filtered = HTMLPrefilter.filtered(Array(page.utf8))
    #expect(Self.tree(page) == Self.tree(String(decoding: filtered, as: UTF8.self)), "\(page)")
  }

  /// Random token soup: markup, quotes, comments, declarations and raw-text elements in any
  /// order. `NEWSINDEX_PREFILTER_CASES` and `NEWSINDEX_PREFILTER_SEED` make longer local runs.
  @Test func sameTreeOnRandomMarkup() {
    let tokens = [
      "<script>", "<script type=\"application/ld+json\">", "<SCRIPT src=x>", "</script>", "</SCRIPT >",
      "</scripts>", "<style>", "</style>", "<script/>", "<!--", "-->", "--!>", "<!DOCTYPE html>",
      "<!doctype x PUBLIC \"a>b\" 'c'>", "<?php x ?>", "<?", "<div", "<p>", "</p>", "</div>",
      " class=\"a b\"", " id=main", " data-x='1>2'", " href=x/", " hidden", " style=\"display:none\"",
      "/>", ">", "\"", "'", "=", " ", "\n", "&amp;", "&#60;", "&", "<", "</", "text", "é", "<_x>",
      "<a", "<br/>", "<![CDATA[", "]]>", "<title>", "<meta name=author content=X>", "<body>",
      "<html>", "<head>", "</body>", "<table>", "<td>", "<noscript>", "<textarea>", "<svg>",
      " é=1", " data-é='x'", " x=\"é>\"", "<!DOCTYPE é>", "<?é ?>", "<!DOCTYPE", " SYSTEM", "\t",
    ]
    let cases = ProcessInfo.processInfo.environment["NEWSINDEX_PREFILTER_CASES"].flatMap(Int.init) ?? 3_000
    let seed = ProcessInfo.processInfo.environment["NEWSINDEX_PREFILTER_SEED"].flatMap { UInt64($0) } ?? 0x5EED_0F41
    var random = SeededRandom(seed: seed)
    var failures = 0
    for _ in 0..<cases {
      var page = ""
      for _ in 0..<Int.random(in: 1...40, using: &random) { page += tokens.randomElement(using: &random)! }
      let filtered = String(decoding: HTMLPrefilter.filtered(Array(page.utf8)), as: UTF8.self)
      if Self.tree(page) != Self.tree(filtered) {
        failures += 1
        if failures <= 3 { Issue.record("different tree for \(page.debugDescription)") }
      }
    }
    #expect(failures == 0)
  }

  @Test func pagesWithNULBytesAreLeftAlone() {
    let page: [UInt8] = Array("<script>a\0b</script><p class=x data-y=1>t</p>".utf8)
    #expect(HTMLPrefilter.filtered(page) == page)
  }

  /// The real pages give the same extraction with and without the filter.
  @Test(
    .enabled(
      if: SharedCorpora.exists(SharedCorpora.readabilityPages),
      "skipped: shared corpus folder \(SharedCorpora.readabilityPages) is absent"))
  func sharedPagesExtractTheSame() throws {
    let folder = SharedCorpora.readabilityPages
    var pages = 0
    for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
      guard let data = FileManager.default.contents(atPath: folder + "/" + name + "/source.html") else { continue }
      let bytes = Array(data)
      let utf8 = CharsetDecoder.utf8Bytes(bytes, declared: CharsetDecoder.declaredHTMLCharset(bytes))
      let filtered = HTMLPrefilter.filtered(utf8)
      #expect(filtered.count < utf8.count, "\(name)")
      #expect(Self.tree(utf8) == Self.tree(filtered), "\(name)")
      pages += 1
    }
    #expect(pages >= 30)
  }

  static func tree(_ page: String) -> String { ParsedTree.of(Array(page.utf8)) }

  static func tree(_ page: [UInt8]) -> String { ParsedTree.of(page) }
}
