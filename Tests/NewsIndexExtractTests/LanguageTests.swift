import Testing

@testable import NewsIndexExtract

@Suite struct LanguageTests {
  func articles(_ text: String, name: String) throws -> [ExtractedArticle] {
    try DocumentExtractor().extractArticles(
      from: Array(text.utf8), path: "/tmp/" + name, relativePath: name)
  }

  @Test func htmlLangAndMetaAreRead() throws {
    #expect(
      try articles(#"<html lang="pt-BR"><body><p>Olá</p></body></html>"#, name: "a.html")[0]
        .language == "pt")
    let meta = #"<html><head><meta http-equiv="content-language" content="de"></head><body><p>Hallo</p></body></html>"#
    #expect(try articles(meta, name: "b.html")[0].language == "de")
  }

  @Test func undeclaredLanguageIsGuessed() throws {
    let cases = [
      ("The minister said that the plan was approved and that the work is to start.", "en"),
      ("Der Minister sagte, dass der Plan nicht mit den anderen und auch ein Teil ist.", "de"),
      ("Le ministre a dit que les travaux pour la ville est une priorité dans le pays.", "fr"),
      ("Правительство сообщило, что не будет повышать налоги, и это как и было обещано.", "ru"),
      ("北京时间昨天晚上，中国国家统计局发布了最新的经济数据。", "zh"),
      ("東京都は今日、来年度の予算案を発表しました。", "ja"),
      ("서울시는 오늘 내년부터 대중교통 요금을 인상한다고 발표했다.", "ko"),
    ]
    for (text, expected) in cases {
      let language = try articles("<html><body><p>\(text)</p></body></html>", name: "x.html")[0]
        .language
      #expect(language == expected, "\(text)")
    }
    #expect(try articles("12345", name: "n.txt")[0].language == "")
  }

  @Test func feedsDeclareLanguages() throws {
    let rss = """
      <?xml version="1.0"?><rss version="2.0"><channel><language>es-ES</language>
      <item><guid>1</guid><title>Hola</title></item></channel></rss>
      """
    #expect(try articles(rss, name: "f.rss").map(\.language) == ["es"])
    let atom = """
      <?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
      <entry><id>1</id><title>One</title></entry>
      <entry xml:lang="fr"><id>2</id><title>Deux</title></entry></feed>
      """
    #expect(try articles(atom, name: "f.atom").map(\.language) == ["en", "fr"])
  }

  @Test func tagsAreNormalized() {
    #expect(LanguageGuess.normalizedTag("en-US") == "en")
    #expect(LanguageGuess.normalizedTag("ZH_hans") == "zh")
    #expect(LanguageGuess.normalizedTag("x") == "")
    #expect(LanguageGuess.normalizedTag("") == "")
  }
}
