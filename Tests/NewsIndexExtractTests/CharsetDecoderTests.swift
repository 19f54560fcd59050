import Testing

@testable import NewsIndexExtract

@Suite struct CharsetDecoderTests {
  @Test func validUTF8PassesUnchanged() {
    let bytes = Array("Café “quoted” €5".utf8)
    #expect(CharsetDecoder.utf8Bytes(bytes, declared: "iso-8859-1") == bytes)
  }

  @Test func windows1252DecodesHighBytes() {
    // "Café – €5 ‘a’ “b”" in windows-1252.
    let bytes: [UInt8] = [
      0x43, 0x61, 0x66, 0xE9, 0x20, 0x96, 0x20, 0x80, 0x35, 0x20, 0x91, 0x61, 0x92, 0x20, 0x93,
      0x62, 0x94,
    ]
    let text = String(
      decoding: CharsetDecoder.utf8Bytes(bytes, declared: "windows-1252"), as: UTF8.self)
    #expect(text == "Café – €5 ‘a’ “b”")
    let latin1 = String(
      decoding: CharsetDecoder.utf8Bytes(bytes, declared: "ISO-8859-1"), as: UTF8.self)
    #expect(latin1 == text)
    let undeclared = String(decoding: CharsetDecoder.utf8Bytes(bytes, declared: nil), as: UTF8.self)
    #expect(undeclared == text)
  }

  @Test func invalidUTF8IsRepairedWhenMostlyUTF8() {
    var bytes = Array("naïve ".utf8)
    bytes.append(0xFF)
    bytes += Array(" text".utf8)
    let text = String(decoding: CharsetDecoder.utf8Bytes(bytes, declared: nil), as: UTF8.self)
    #expect(text == "naïve \u{FFFD} text")
  }

  @Test func utf16WithBOMDecodes() {
    var little: [UInt8] = [0xFF, 0xFE]
    var big: [UInt8] = [0xFE, 0xFF]
    for unit in "Grüße".utf16 {
      little += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
      big += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
    }
    #expect(
      String(decoding: CharsetDecoder.utf8Bytes(little, declared: nil), as: UTF8.self) == "Grüße")
    #expect(
      String(decoding: CharsetDecoder.utf8Bytes(big, declared: nil), as: UTF8.self) == "Grüße")
  }

  @Test func otherEncodingsGoThroughIconv() {
    // "Привет" in KOI8-R and "한국" in EUC-KR.
    let koi8: [UInt8] = [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4]
    #expect(
      String(decoding: CharsetDecoder.utf8Bytes(koi8, declared: "koi8-r"), as: UTF8.self)
        == "Привет")
    let eucKR: [UInt8] = [0xC7, 0xD1, 0xB1, 0xB9]
    #expect(
      String(decoding: CharsetDecoder.utf8Bytes(eucKR, declared: "EUC-KR"), as: UTF8.self) == "한국")
  }

  @Test func unknownEncodingFallsBackToRepair() {
    let bytes: [UInt8] = [0x61, 0xC3, 0xA9, 0xFF]
    let text = String(
      decoding: CharsetDecoder.utf8Bytes(bytes, declared: "no-such-charset"), as: UTF8.self)
    #expect(text == "aé\u{FFFD}")
  }

  @Test func findsDeclarations() {
    let meta = Array(
      #"<html><head><meta http-equiv="Content-Type" content="text/html; charset=GB2312">"#.utf8)
    #expect(CharsetDecoder.declaredHTMLCharset(meta) == "GB2312")
    #expect(CharsetDecoder.declaredHTMLCharset(Array(#"<meta charset='utf-8'>"#.utf8)) == "utf-8")
    let xml = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><rss/>"#.utf8)
    #expect(CharsetDecoder.declaredXMLEncoding(xml) == "ISO-8859-1")
  }

  @Test func fastValidatorAgreesWithTheStandardLibrary() {
    let cases: [[UInt8]] = [
      Array("plain ascii text that is longer than eight bytes".utf8),
      Array("Grüße 東京 😀 end".utf8),
      [0xC0, 0xAF],  // overlong "/"
      [0xE0, 0x80, 0xAF],  // overlong
      [0xED, 0xA0, 0x80],  // surrogate
      [0xF4, 0x90, 0x80, 0x80],  // past U+10FFFF
      Array("abcdefgh".utf8) + [0xE6, 0x9D],  // truncated after an ASCII block
      [0x61, 0xFF, 0x62],
    ]
    for bytes in cases {
      #expect(
        CharsetDecoder.isValidUTF8(bytes) == (String(validating: bytes, as: UTF8.self) != nil),
        "\(bytes)")
    }
  }
}
