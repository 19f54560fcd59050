import NewsIndexAnalysis
import NewsIndexCore
import Testing

@Suite struct AnalyzerTests {
  /// The tokenizer alone (no stemming, no stop words): what these tokenization tests pin.
  static let tokenizerOnly = AnalyzerSettings(
    name: "standard", version: 2, lowercase: true, foldAccents: true, cjkBigrams: true, maxTokenBytes: 64)
  let analyzer = Analyzer(settings: tokenizerOnly)

  @Test func lowercasesAndSplitsOnPunctuation() {
    #expect(analyzer.terms(in: "Free Trade, AGREEMENT! (Korea)") == ["free", "trade", "agreement", "korea"])
  }

  @Test func foldsCaseAndAccentsBeyondASCII() {
    #expect(analyzer.terms(in: "Zürich São Paulo CAFÉ résumé Ærø straße") == [
      "zurich", "sao", "paulo", "cafe", "resume", "ærø", "strasse",
    ])
    #expect(analyzer.terms(in: "ΑΘΗΝΑ Москва") == ["αθηνα", "москва"])
  }

  @Test func keepsNumbersSearchable() {
    #expect(analyzer.terms(in: "In 2025 it rose to 298.9 points, 2,500 more; 4.25%.") == [
      "in", "2025", "it", "rose", "to", "298.9", "points", "2500", "more", "4.25",
    ])
  }

  @Test func treatsApostrophesAlikeWhateverTheGlyph() {
    #expect(analyzer.terms(in: "Korea's O'Neill don't") == ["korea", "oneill", "dont"])
    #expect(analyzer.terms(in: "Korea’s O’Neill don’t") == ["korea", "oneill", "dont"])
    #expect(analyzer.terms(in: "the 'quoted' word") == ["the", "quoted", "word"])
  }

  @Test func splitsHyphenatedWordsAtAdjacentPositions() {
    let tokens = analyzer.tokens(in: "a free-trade deal")
    #expect(tokens.map(\.term) == ["a", "free", "trade", "deal"])
    #expect(tokens.map(\.position) == [0, 1, 2, 3])
  }

  @Test func indexesCJKRunsAsOverlappingBigrams() {
    #expect(analyzer.terms(in: "자유무역협정") == ["자유", "유무", "무역", "역협", "협정"])
    #expect(analyzer.terms(in: "人工智能芯片") == ["人工", "工智", "智能", "能芯", "芯片"])
    #expect(analyzer.terms(in: "韩 Korea's FTA와") == ["韩", "korea", "fta", "와"])
    #expect(analyzer.terms(in: "カタカナ") == ["カタ", "タカ", "カナ"])
  }

  @Test func reportsSourceByteRangesForHighlighting() {
    let text = "Zürich, free-trade"
    let tokens = analyzer.tokens(in: text)
    let utf8 = Array(text.utf8)
    let sources = tokens.map { String(decoding: utf8[$0.byteRange], as: UTF8.self) }
    #expect(sources == ["Zürich", "free", "trade"])
  }

  @Test func survivesInvalidUTF8AndDropsOverlongTokens() {
    let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xC3, 0x28, 0x20] + Array(repeating: 0x7A, count: 100) + [0x20, 0x63]
    var terms: [String] = []
    _ = bytes.withUnsafeBytes { raw in
      analyzer.forEachToken(in: raw) { terms.append(String(decoding: $0.term, as: UTF8.self)) }
    }
    #expect(terms == ["a", "b", "c"])
  }

  @Test func continuesPositionsAcrossCalls() {
    var positions: [Int] = []
    let next = Array("one two".utf8).withUnsafeBytes { raw in
      analyzer.forEachToken(in: raw, firstPosition: 10) { positions.append($0.position) }
    }
    #expect(positions == [10, 11])
    #expect(next == 12)
  }

  @Test func emptyAndSeparatorOnlyTextGivesNoTokens() {
    #expect(analyzer.terms(in: "").isEmpty)
    #expect(analyzer.terms(in: " -- ... ''' ").isEmpty)
  }
}
