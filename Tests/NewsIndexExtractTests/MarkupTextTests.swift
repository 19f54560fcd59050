import Foundation
import Testing

@testable import NewsIndexExtract

@Suite struct MarkupTextTests {
  @Test func stripsTagsCommentsScriptsAndDeclarations() {
    let html = """
      <!DOCTYPE html [<!ENTITY x "EXPANDED">]><html><head><title>T</title></head>
      <body><!-- note --><p>caf&eacute; &amp; &#x41;&#66; &x; <b a=">">bold</b></p>
      <script>var hidden = 1;</script><STYLE>p{}</STYLE><div>next</div></body></html>
      """
    #expect(MarkupText.visibleText(Array(html.utf8), html: true) == "café & AB &x; bold\nnext")
    let xml = "<?xml version=\"1.0\"?><!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a><t>one</t><![CDATA[<two>]]></a>"
    #expect(MarkupText.visibleText(Array(xml.utf8), html: false) == "one <two>")
  }

  /// 100,000 levels: libxml2 stops at 256 and drops the rest; extraction falls back to the flat
  /// scan, in linear time and without recursion.
  @Test func textNestedBelowLibxml2sLimitIsKept() throws {
    let depth = 100_000
    let started = Date()
    let html = try single(
      "<html><head><title>Deep html</title></head><body>" + String(repeating: "<div>", count: depth)
        + "wallaby" + String(repeating: "</div>", count: depth) + "</body></html>", name: "deep.html")
    #expect(html.title == "Deep html")
    #expect(html.body.contains("wallaby"))
    let xml = try single(
      "<?xml version=\"1.0\"?>\n<article><title>Deep xml</title><body>" + String(repeating: "<p>", count: depth)
        + "koala" + String(repeating: "</p>", count: depth) + "</body></article>", name: "deep.xml")
    #expect(xml.title == "Deep xml")
    #expect(xml.body.contains("koala"))
    let unclosed = try single(
      "<html><body>" + String(repeating: "<span><b>", count: depth / 2) + "unclosed possum", name: "u.html")
    #expect(unclosed.body.contains("unclosed possum"))
    #expect(Date().timeIntervalSince(started) < 20)
  }

  /// A page within the limit is extracted by libxml2's tree as before (no fallback).
  @Test func shallowPagesDoNotUseTheScan() throws {
    let page = try single(
      "<html><body><nav>Menu links</nav><article><p>The article text stays.</p></article></body></html>",
      name: "p.html")
    #expect(!page.body.contains("Menu"))
  }
}
