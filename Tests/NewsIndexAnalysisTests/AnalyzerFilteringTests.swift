import NewsIndexAnalysis
import NewsIndexCore
import Testing

/// Stemming and stop words on top of the tokenizer (the default analyzer).
@Suite struct AnalyzerFilteringTests {
  let standard = Analyzer()

  static func settings(stemmer: String, stopWords: [String] = [], list: String = "none") -> AnalyzerSettings {
    AnalyzerSettings(
      name: "standard", version: 2, lowercase: true, foldAccents: true, cjkBigrams: true, maxTokenBytes: 64,
      stemmer: stemmer, stopWordList: list, stopWords: stopWords)
  }

  @Test func defaultStemsEnglishAndDropsSnowballStopWords() {
    #expect(AnalyzerSettings.standard.stemmer == "english")
    #expect(AnalyzerSettings.standard.stopWordList == "english")
    #expect(standard.terms(in: "The running dogs were jumping over fences") == ["run", "dog", "jump", "fenc"])
  }

  @Test func stopWordsLeavePositionGaps() {
    let tokens = standard.tokens(in: "department of the defense")
    #expect(tokens.map(\.term) == ["depart", "defens"])
    #expect(tokens.map(\.position) == [0, 3])
  }

  @Test func possessivesHyphensAndNumbersAreConsistent() {
    // The possessive goes before stemming; each hyphenated part is stemmed; numbers stay whole.
    #expect(standard.terms(in: "Korea's exports") == standard.terms(in: "Korea exports"))
    #expect(standard.terms(in: "cross-sections") == standard.terms(in: "cross sections"))
    #expect(standard.terms(in: "In 1990s, 2,500 B52s rose 298.9 points") == [
      "1990s", "2500", "b52s", "rose", "298.9", "point",
    ])
  }

  @Test func stopWordsAreMatchedAfterFoldingAndBeforeStemming() {
    // "Was" is a stop word whatever its case; "wasting" stems to "wast", not a stop word.
    #expect(standard.terms(in: "WAS wasting") == ["wast"])
    // "doing" is a stop word; its stem "do" would be one too, but "does" → "doe" is never checked.
    #expect(standard.terms(in: "doing") == [])
  }

  @Test func stemmerCanBeOtherLanguagesOrNone() {
    let german = Analyzer(settings: Self.settings(stemmer: "german"))
    #expect(german.terms(in: "Häuser Katzen") == ["haus", "katz"])
    let none = Analyzer(settings: Self.settings(stemmer: "none"))
    #expect(none.terms(in: "running dogs") == ["running", "dogs"])
    #expect(SnowballStemmer.languages.contains("english"))
    #expect(SnowballStemmer.languages.contains("french"))
    #expect(SnowballStemmer.isAvailable("english"))
    #expect(!SnowballStemmer.isAvailable("klingon"))
  }

  @Test func cjkBigramsAreNeitherStemmedNorStopped() {
    let analyzer = Analyzer(settings: Self.settings(stemmer: "english", stopWords: ["자유"], list: "custom"))
    #expect(analyzer.terms(in: "자유무역") == ["자유", "유무", "무역"])
  }

  @Test func stopWordFilesAreFoldedLikeWords() {
    let folded = Analyzer.foldedWords(["Don't", "ÜBER", "#x"], settings: .standard)
    #expect(folded == ["dont", "uber", "x"])
  }

  @Test func stopWordListsHaveTheirPublishedSizes() {
    #expect(StopWordLists.lucene.count == 33)
    #expect(StopWordLists.english.count == 127)
  }

  @Test func analysisIsTheSameAcrossThreads() async {
    let text = String(repeating: "The quick brown foxes jumped over lazy dogs; ", count: 50)
    let expected = standard.terms(in: text)
    let analyzer = standard
    await withTaskGroup(of: [String].self) { group in
      for _ in 0..<8 { group.addTask { analyzer.terms(in: text) } }
      for await terms in group { #expect(terms == expected) }
    }
  }
}
