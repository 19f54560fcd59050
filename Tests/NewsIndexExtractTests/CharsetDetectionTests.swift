import Foundation
import Glibc
import Testing

@testable import NewsIndexExtract

/// Encodes UTF-8 text into a legacy charset with glibc iconv (the fixtures' writer).
func encode(_ text: String, as charset: String) throws -> [UInt8] {
  let converter = iconv_open(charset, "UTF-8")
  try #require(Int(bitPattern: converter) != -1, "iconv lacks \(charset)")
  defer { iconv_close(converter) }
  var input = Array(text.utf8)
  var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
  let produced = input.withUnsafeMutableBufferPointer { inBuffer in
    output.withUnsafeMutableBufferPointer { outBuffer in
      var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!)
        .assumingMemoryBound(to: CChar.self)
      var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(
        outBuffer.baseAddress!
      ).assumingMemoryBound(to: CChar.self)
      var inLeft = inBuffer.count
      var outLeft = outBuffer.count
      let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
      return result == -1 ? -1 : outBuffer.count - outLeft
    }
  }
  try #require(produced >= 0, "cannot encode in \(charset)")
  return Array(output.prefix(produced))
}

@Suite struct CharsetDetectionTests {
  /// Each sample is a few sentences, as detection needs some text.
  static let samples: [(charset: String, text: String)] = [
    ("GBK", "北京时间昨天晚上，中国国家统计局发布了最新的经济数据。专家表示，今年的经济增长速度基本符合预期，消费和投资保持稳定。"),
    ("GB18030", "上海证券交易所今天宣布，将进一步完善市场制度，保护投资者的合法权益。市场人士认为，这一措施有利于资本市场的长期健康发展。"),
    ("BIG5", "台北市政府今天宣布，明年將擴大公共運輸的補助範圍。市長表示，這項政策可以減少交通壅塞，並改善空氣品質。"),
    ("EUC-KR", "서울시는 오늘 내년부터 대중교통 요금을 인상한다고 발표했다. 시 관계자는 운영 적자를 줄이기 위해 불가피한 결정이라고 설명했다."),
    ("SHIFT_JIS", "東京都は今日、来年度の予算案を発表しました。教育と福祉の分野に重点的に配分され、子育て支援が大幅に拡充されます。"),
    ("KOI8-R", "Правительство России сегодня объявило о новых мерах поддержки экономики. По словам министра, эти меры помогут малому бизнесу."),
    ("WINDOWS-1251", "Центральный банк сохранил ключевую ставку без изменений. Аналитики ожидали такого решения, учитывая замедление инфляции."),
    ("ISO-8859-7", "Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία. Ο υπουργός δήλωσε ότι τα μέτρα θα βοηθήσουν τις μικρές επιχειρήσεις."),
  ]

  @Test(arguments: samples)
  func undeclaredLegacyCharsetsAreDetected(_ sample: (charset: String, text: String)) throws {
    var bytes = Array("<html><head><title>x</title></head><body><p>".utf8)
    bytes += try encode(sample.text, as: sample.charset)
    bytes += Array("</p></body></html>".utf8)
    let document = try single(bytes: bytes, name: "page.html")
    #expect(document.body == sample.text, "\(sample.charset)")
  }

  @Test(arguments: samples)
  func declaredLegacyCharsetsAreDecoded(_ sample: (charset: String, text: String)) throws {
    let label =
      ["GBK": "gb2312", "BIG5": "big5", "EUC-KR": "euc-kr", "SHIFT_JIS": "shift_jis"][
        sample.charset] ?? sample.charset.lowercased()
    var bytes = Array(
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=\(label)\"></head><body><p>"
        .utf8)
    bytes += try encode(sample.text, as: sample.charset)
    bytes += Array("</p></body></html>".utf8)
    #expect(try single(bytes: bytes, name: "page.html").body == sample.text, "\(sample.charset)")
  }

  @Test func wrongLatin1DeclarationIsOverruledByDetection() throws {
    let text = Self.samples[0].text
    var bytes = Array(#"<html><head><meta charset="iso-8859-1"></head><body><p>"#.utf8)
    bytes += try encode(text, as: "GBK")
    bytes += Array("</p></body></html>".utf8)
    #expect(try single(bytes: bytes, name: "wrong.html").body == text)
  }

  /// Undeclared text whose bytes are all Latin-1 is read as windows-1252 even where the detector
  /// would guess another Latin-family charset (here a Baltic one, which turns "în" into "īn").
  @Test func undeclaredLatin1TextIsNotReadAsAnotherLatinCharset() throws {
    var bytes = Array("Title line\n\n?tiin?? ?i tehnologie ".utf8)
    bytes += try encode("în România", as: "windows-1252")
    bytes += Array(", ?ar? frumoas?.\n".utf8)
    let document = try single(bytes: bytes, name: "ro.txt")
    #expect(document.body.contains("în România"), "\(document.body)")
  }

  @Test func xmlDeclarationNamesTheFeedCharset() throws {
    let title = "Новости дня: правительство объявило о мерах поддержки экономики"
    var bytes = Array(#"<?xml version="1.0" encoding="KOI8-R"?><rss version="2.0"><channel><item><title>"#.utf8)
    bytes += try encode(title, as: "KOI8-R")
    bytes += Array("</title><guid>a</guid></item></channel></rss>".utf8)
    #expect(try single(bytes: bytes, name: "feed.xml").title == title)
  }

  @Test func iso8859_2AndWindows1252AreDecodedWhenDeclared() throws {
    let polish = "Zażółć gęślą jaźń"
    var bytes = Array(#"<html><head><meta charset="iso-8859-2"></head><body><p>"#.utf8)
    bytes += try encode(polish, as: "ISO-8859-2")
    bytes += Array("</p></body></html>".utf8)
    #expect(try single(bytes: bytes, name: "pl.html").body == polish)
  }

  @Test func mixedFolderIndexesEveryDocumentReadably() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    for (index, sample) in Self.samples.enumerated() {
      var bytes = Array("<html><body><p>".utf8)
      bytes += try encode(sample.text, as: sample.charset)
      bytes += Array("</p></body></html>".utf8)
      try folder.write("mixed/\(index).html", bytes: bytes)
    }
    try folder.write(
      "mixed/latin.txt", bytes: Array("Headline\n\n".utf8) + [0x43, 0x61, 0x66, 0xE9, 0x20, 0x96, 0x20, 0x80, 0x35])
    let (files, problems) = FileWalker.sourceFiles(under: [folder.path + "/mixed"])
    #expect(problems.isEmpty)
    var bodies: [String] = []
    for file in files {
      bodies += try DocumentExtractor().extractDocuments(from: file).map(\.body)
    }
    #expect(bodies.count == Self.samples.count + 1)
    for sample in Self.samples { #expect(bodies.contains(sample.text), "\(sample.charset)") }
    #expect(bodies.contains("Café – €5"))
    #expect(!bodies.contains { $0.contains("\u{FFFD}") })
  }
}
