import Testing

@testable import NewsIndexExtract

@Suite struct EscapedPathTests {
  @Test func plainNamesAreTheirOwnText() {
    for name in ["story.txt", "a/b/c.html", "café/東京.xml", "", "with space.txt"] {
      #expect(EscapedPath.text(Array(name.utf8)) == name)
      #expect(EscapedPath.rawBytes(name) == Array(name.utf8))
    }
  }

  @Test func invalidBytesControlsAndBackslashesAreEscaped() {
    #expect(EscapedPath.text(Array("caf".utf8) + [0xE9] + Array(".txt".utf8)) == "caf\\xE9.txt")
    #expect(EscapedPath.text(Array("two\nlines\t\r.txt".utf8)) == "two\\nlines\\t\\r.txt")
    #expect(EscapedPath.text(Array("a\\b".utf8)) == "a\\\\b")
    #expect(EscapedPath.text([0x01, 0x7F]) == "\\x01\\x7F")
    #expect(EscapedPath.text(Array("a\u{2028}b\u{85}".utf8)) == "a\\xE2\\x80\\xA8b\\xC2\\x85")
    // A truncated multi-byte sequence, an overlong form, a lone continuation byte.
    #expect(EscapedPath.text([0xE2, 0x82, 0x41]) == "\\xE2\\x82A")
    #expect(EscapedPath.text([0xC0, 0xAF]) == "\\xC0\\xAF")
    #expect(EscapedPath.text([0x80]) == "\\x80")
  }

  @Test func escapedTextNeverHoldsALineBreak() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      let bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in
        UInt8.random(in: 0...255, using: &generator)
      }
      let text = EscapedPath.text(bytes)
      #expect(!text.contains { $0.isNewline }, "\(bytes)")
      #expect(EscapedPath.rawBytes(text) == bytes, "\(bytes) -> \(text)")
    }
  }

  /// A literal `caf\xE9.txt` and the raw Latin-1 name `café.txt` must not share a text form
  /// (incremental builds key their catalog by it).
  @Test func namesThatLookAlikeStayDistinct() {
    let literal = Array("caf\\xE9.txt".utf8)
    let raw = Array("caf".utf8) + [0xE9] + Array(".txt".utf8)
    let replaced = Array("caf\u{FFFD}.txt".utf8)
    let texts = Set([literal, raw, replaced].map { EscapedPath.text($0) })
    #expect(texts.count == 3)
    for bytes in [literal, raw, replaced] {
      #expect(EscapedPath.rawBytes(EscapedPath.text(bytes)) == bytes)
    }
  }

  @Test func absolutePathsAreLexicallyNormalized() {
    let cwd = Array("/home/user".utf8)
    func absolute(_ path: String) -> String {
      String(decoding: EscapedPath.absolute(Array(path.utf8), workingFolder: cwd), as: UTF8.self)
    }
    #expect(absolute("docs/a.txt") == "/home/user/docs/a.txt")
    #expect(absolute("./docs//a.txt") == "/home/user/docs/a.txt")
    #expect(absolute("../x/./a.txt") == "/home/x/a.txt")
    #expect(absolute("/srv/news/") == "/srv/news")
    #expect(absolute("/../..") == "/")
  }
}
