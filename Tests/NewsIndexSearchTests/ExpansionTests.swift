import NewsIndexAnalysis
import NewsIndexCore
import NewsIndexFormat
import NewsIndexSearch
import NewsIndexTestSupport
import Testing

/// Wildcard and fuzzy expansion against brute force over the whole dictionary, and its bounds.
@Suite struct ExpansionTests {
  /// Documents of random words over a 4-letter alphabet (so that most words have neighbours a
  /// few edits away), cut into several segments; no stemming or stop words.
  static func fixture(seed: UInt64 = 7, letters: String = "abcdé", roots: Int = 0) throws -> IndexFixture {
    var random = SeededRandom(seed: seed)
    let letters = Array(letters)
    func randomWord(_ length: ClosedRange<Int>) -> String {
      String((0..<Int.random(in: length, using: &random)).map { _ in letters[Int.random(in: 0..<letters.count, using: &random)] })
    }
    // With roots, words are a root and a short ending (`trade`, `trader`, `trades`…), so that
    // the dictionary clusters as a real one does.
    let stems = (0..<roots).map { _ in randomWord(5...5) }
    var documents: [ExtractedDocument] = []
    for i in 0..<1_200 {
      let words = (0..<12).map { _ in
        stems.isEmpty ? randomWord(2...7) : stems[Int.random(in: 0..<stems.count, using: &random)] + randomWord(0...3)
      }
      documents.append(ExtractedDocument(id: "d\(i)", path: "d\(i)", title: "", date: "", body: words.joined(separator: " ")))
    }
    return try IndexFixture(documents, minimumDocumentsPerSegment: 400, settings: Self.plainSettings)
  }

  static var plainSettings: AnalyzerSettings {
    var settings = AnalyzerSettings.standard
    settings.stemmer = "none"
    settings.stopWordList = "none"
    settings.stopWords = []
    return settings
  }

  /// Every word-stream term of the index with its document frequency (summed over segments).
  static func dictionary(_ reader: IndexReader) throws -> [[UInt8]: Int] {
    var terms: [[UInt8]: Int] = [:]
    for segment in reader.segments {
      try segment.forEachWord { term, info in
        terms[Array(term), default: 0] += info.docFreq
        return true
      }
    }
    return terms
  }

  /// Optimal string alignment distance over Unicode scalars (the brute-force oracle).
  static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    let x = Array(String(decoding: a, as: UTF8.self).unicodeScalars)
    let y = Array(String(decoding: b, as: UTF8.self).unicodeScalars)
    var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in 0...x.count { d[i][0] = i }
    for j in 0...y.count { d[0][j] = j }
    for i in stride(from: 1, through: x.count, by: 1) {
      for j in stride(from: 1, through: y.count, by: 1) {
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        if i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
      }
    }
    return d[x.count][y.count]
  }

  @Test func fuzzyExpansionEqualsBruteForceEditDistance() throws {
    let fixture = try Self.fixture()
    defer { fixture.remove() }
    let dictionary = try Self.dictionary(fixture.reader)
    #expect(fixture.reader.segments.count >= 2)
    var random = SeededRandom(seed: 11)
    let words = Array(dictionary.keys).sorted { $0.lexicographicallyPrecedes($1) }
    var nonEmpty = 0
    for trial in 0..<60 {
      // Dictionary words and words that are not in it (a letter changed or added).
      var word = words[Int.random(in: 0..<words.count, using: &random)]
      if trial % 2 == 1 { word.insert(UInt8(ascii: "a") + UInt8(trial % 4), at: Int.random(in: 0...word.count, using: &random)) }
      for maxEdits in 0...2 {
        let expansion = TermExpansion.fuzzy(word, maxEdits: maxEdits, field: nil, reader: fixture.reader, limit: .max)
        let expected = dictionary.filter { Self.distance($0.key, word) <= maxEdits }
        #expect(Set(expansion.matches.map(\.term)) == Set(expected.keys), "\(String(decoding: word, as: UTF8.self))~\(maxEdits)")
        for match in expansion.matches {
          #expect(match.docFreq == expected[match.term], "docFreq of \(match.term)")
          #expect(match.distance == Self.distance(match.term, word))
        }
        if !expected.isEmpty { nonEmpty += 1 }
      }
    }
    #expect(nonEmpty > 100)
  }

  @Test func fuzzyWalkSkipsMostOfTheDictionary() throws {
    // A sparse dictionary (26 letters), as real vocabularies are: prefixes too far from the word
    // are passed over whole.
    let fixture = try Self.fixture(letters: "abcdefghijklmnopqrstuvwxyz", roots: 10)
    defer { fixture.remove() }
    let everything = TermExpansion.wildcard(Array("*".utf8), field: nil, reader: fixture.reader, limit: .max)
    let dictionary = try Self.dictionary(fixture.reader)
    let word = try #require(dictionary.keys.sorted { $0.lexicographicallyPrecedes($1) }.first { $0.count == 7 })
    let fuzzy = TermExpansion.fuzzy(word, maxEdits: 1, field: nil, reader: fixture.reader, limit: .max)
    #expect(Set(fuzzy.matches.map(\.term)) == Set(dictionary.keys.filter { Self.distance($0, word) <= 1 }))
    #expect(fuzzy.blocksRead * 3 < everything.blocksRead, "\(fuzzy.blocksRead) of \(everything.blocksRead) blocks")
    // Edit distances are computed for a few of the terms only (the rest are jumped over).
    #expect(fuzzy.termsCompared * 4 < dictionary.count, "\(fuzzy.termsCompared) of \(dictionary.count) terms")
  }

  @Test(arguments: ["ab*", "*cd", "a?c*", "?", "*é*", "b*a", "dddd*", "abc"])
  func wildcardExpansionEqualsBruteForceMatching(pattern: String) throws {
    let fixture = try Self.fixture()
    defer { fixture.remove() }
    let dictionary = try Self.dictionary(fixture.reader)
    let expansion = TermExpansion.wildcard(Array(pattern.utf8), field: nil, reader: fixture.reader, limit: .max)
    let regex = try Regex("^" + pattern.replacingOccurrences(of: "*", with: ".*").replacingOccurrences(of: "?", with: ".") + "$")
    let expected = dictionary.filter { String(decoding: $0.key, as: UTF8.self).wholeMatch(of: regex) != nil }
    #expect(Set(expansion.matches.map(\.term)) == Set(expected.keys), "\(pattern)")
    #expect(expansion.matchedCount == expected.count)
    for match in expansion.matches { #expect(match.docFreq == expected[match.term]) }
  }

  @Test func prefixWalkReadsOnlyTheBlocksOfItsRange() throws {
    let fixture = try Self.fixture()
    defer { fixture.remove() }
    let everything = TermExpansion.wildcard(Array("*".utf8), field: nil, reader: fixture.reader, limit: .max)
    let prefix = TermExpansion.wildcard(Array("dcb*".utf8), field: nil, reader: fixture.reader, limit: .max)
    #expect(!prefix.matches.isEmpty)
    // One or two blocks per segment, not the whole dictionary.
    #expect(prefix.blocksRead <= 2 * fixture.reader.segments.count, "\(prefix.blocksRead)")
    #expect(everything.blocksRead > 4 * prefix.blocksRead)
  }

  @Test func boundKeepsTheMostFrequentTermsAndSaysSo() throws {
    let fixture = try Self.fixture()
    defer { fixture.remove() }
    let all = TermExpansion.wildcard(Array("a*".utf8), field: nil, reader: fixture.reader, limit: .max)
    let bounded = TermExpansion.wildcard(Array("a*".utf8), field: nil, reader: fixture.reader, limit: 5)
    #expect(all.matches.count > 5 && !all.truncated)
    #expect(bounded.matches.count == 5 && bounded.truncated && bounded.matchedCount == all.matches.count)
    #expect(bounded.matches == Array(all.matches.prefix(5)))
    #expect(bounded.matches.map(\.docFreq) == bounded.matches.map(\.docFreq).sorted(by: >))
    // The search reports the bound in its statistics.
    var searcher = fixture.searcher()
    searcher.pruning = false
    let result = try searcher.search("a*", k: 10)
    #expect(result.statistics.expansions.count == 1)
    #expect(result.statistics.expansions[0].hasPrefix("a*: \(min(all.matches.count, TermExpansion.wildcardLimit)) terms"))
  }

  @Test func wildcardAndFuzzySearchesFindTheExpansions() throws {
    let fixture = try Self.fixture()
    defer { fixture.remove() }
    let dictionary = try Self.dictionary(fixture.reader)
    let expected = dictionary.filter { $0.key.starts(with: Array("dcb".utf8)) }.values.reduce(0, +)
    let result = try fixture.searcher().search("dcb*", k: 2_000)
    // Every document holding one of the expansions, once (document frequencies may overlap).
    #expect(result.hits.count <= expected && result.hits.count > 0)
    let ids = Set(try result.hits.map { try fixture.reader.storedID($0.docNumber) })
    let brute = Set(
      try (0..<fixture.reader.documentCount).filter { number in
        try fixture.reader.storedDocument(number).body.split(separator: " ").contains { $0.hasPrefix("dcb") }
      }.map { try fixture.reader.storedID($0) })
    #expect(ids == brute)
    let fuzzy = try fixture.searcher().search("dcba~1", k: 2_000)
    #expect(!fuzzy.hits.isEmpty)
  }
}
