import Foundation
import NewsIndexCore
import Testing

@Suite struct VocabularyTests {
  @Test func fieldRawValuesArePartOfTheFormat() {
    #expect(Field.title.rawValue == 0)
    #expect(Field.body.rawValue == 1)
    #expect(Field.byline.rawValue == 2)
    #expect(Field.source.rawValue == 3)
    #expect(Field.allCases == [.title, .body, .byline, .source])
    // The default query ranks over title and body only.
    #expect(Field.ranked == [.title, .body])
    #expect(Field(name: "author") == .byline && Field(name: "AGENCY") == .source)
  }

  @Test func fieldLooksUpQueryNamesIgnoringCase() {
    #expect(Field(name: "title") == .title)
    #expect(Field(name: "TITLE") == .title)
    #expect(Field(name: "Body") == .body)
    #expect(Field(name: "text") == .body)
    #expect(Field(name: "byline") == .byline)
    #expect(Field(name: "place") == nil)
    #expect(Field(name: "") == nil)
    #expect(Field.body.description == "body")
  }

  @Test func standardAnalyzerIsSupportedAndDescribed() {
    #expect(AnalyzerSettings.standard.isSupported)
    #expect(
      AnalyzerSettings.standard.description
        == "standard/4 casefold accent-fold cjk-bigrams max-token-bytes=64 stemmer=english stopwords=english(127)")
    var other = AnalyzerSettings.standard
    other.version = 1
    #expect(other.isSupported)
    other.version = 2
    #expect(other.isSupported)
    other.version = 3
    #expect(other.isSupported)
    other.version = 5
    #expect(!other.isSupported)
    other = .standard
    other.name = "whitespace"
    #expect(!other.isSupported)
  }

  @Test func analyzerSettingsRoundTripThroughJSON() throws {
    var settings = AnalyzerSettings.standard
    settings.foldAccents = false
    settings.maxTokenBytes = 128
    let data = try JSONEncoder().encode(settings)
    #expect(try JSONDecoder().decode(AnalyzerSettings.self, from: data) == settings)
  }

  @Test func versionOneSettingsDecodeWithoutStemmerOrStopWords() throws {
    let json = #"{"name":"standard","version":1,"lowercase":true,"foldAccents":true,"cjkBigrams":true,"maxTokenBytes":64}"#
    let settings = try JSONDecoder().decode(AnalyzerSettings.self, from: Data(json.utf8))
    #expect(settings.isSupported)
    #expect(settings.stemmer == "none" && settings.stopWordList == "none" && settings.stopWords.isEmpty)
  }

  @Test func extractedDocumentFieldsDefaultToEmpty() {
    let document = ExtractedDocument(id: "a.txt#1", path: "a.txt")
    #expect(
      document.title.isEmpty && document.date.isEmpty && document.byline.isEmpty
        && document.body.isEmpty)
  }
}
