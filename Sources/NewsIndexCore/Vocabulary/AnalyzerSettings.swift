/// Everything that decides how text becomes terms, written into every index.
///
/// It lives in Core because the commit metadata (Format) records it and Search reads it back;
/// the tokenizer that honours it is `Analyzer` in NewsIndexAnalysis.
///
/// A query is analyzed with the settings stored in the index it searches, never with the
/// binary's defaults, so an index built by an older or differently configured binary is still
/// searched correctly; an analyzer name or version this binary does not know is refused.
///
/// Version history: 1 = tokenizer only; 2 adds ``stemmer`` and ``stopWords`` (an index written
/// as version 1 has neither and is read with `stemmer = "none"` and no stop words, which gives
/// exactly version 1's terms); 3 indexes hyphenated words also as their parts written together
/// (`Jae-ho` → `jae`, `ho` and `jaeho`), queries analyzed as in version 2.
package struct AnalyzerSettings: Codable, Sendable, Hashable, CustomStringConvertible {
  /// The tokenizer family; only `"standard"` exists so far.
  package var name: String
  /// Bumped whenever the same settings would produce different terms: 2 stemming and stop
  /// words, 3 hyphenated words also indexed joined, 4 letters without decompositions folded to
  /// ASCII (`ø`, `ł`, `ß`, `æ`…, Lucene's ASCIIFoldingFilter) and `AT&T`-style words kept whole.
  /// An index records the version it was built with and is queried with it; a build over an
  /// index of an older version starts over.
  package var version: Int
  /// Unicode case folding (not ASCII-only lowercasing).
  package var lowercase: Bool
  /// Compatibility decomposition with combining marks removed: `Zürich` → `zurich`, `ﬁ` → `fi`.
  package var foldAccents: Bool
  /// Han, Hiragana, Katakana and Hangul runs become overlapping bigrams (`자유무역` → `자유 유무 무역`).
  package var cjkBigrams: Bool
  /// Longer tokens are dropped (they are almost always base64, URLs or garbage).
  package var maxTokenBytes: Int
  /// The Snowball algorithm applied to every word without digits (`"english"`, `"german"`, …),
  /// or `"none"`.
  package var stemmer: String
  /// Where ``stopWords`` came from: a built-in list's name (`"lucene"`, `"english"`), `"none"`,
  /// or `"file:NAME"` for a list read from a file.
  package var stopWordList: String
  /// The stop words themselves, already case- and accent-folded as the tokenizer folds words (not
  /// stemmed). They are dropped before stemming, at index and query time, and leave a position gap.
  package var stopWords: [String]

  /// The analyzer this binary builds with: Snowball English stemming and Snowball's English stop
  /// list, the best of the combinations measured on Cranfield, CISI, MED, CACM and NPL (see
  /// `docs/RELEVANCE.md`).
  package static let standard = AnalyzerSettings(
    name: "standard", version: 4, lowercase: true, foldAccents: true, cjkBigrams: true,
    maxTokenBytes: 64, stemmer: "english", stopWordList: "english", stopWords: StopWordLists.english)

  /// Analyzer names and versions this binary can reproduce exactly.
  package static let supported: Set<String> = ["standard/1", "standard/2", "standard/3", "standard/4"]

  package init(
    name: String, version: Int, lowercase: Bool, foldAccents: Bool, cjkBigrams: Bool, maxTokenBytes: Int,
    stemmer: String = "none", stopWordList: String = "none", stopWords: [String] = []
  ) {
    self.name = name
    self.version = version
    self.lowercase = lowercase
    self.foldAccents = foldAccents
    self.cjkBigrams = cjkBigrams
    self.maxTokenBytes = maxTokenBytes
    self.stemmer = stemmer
    self.stopWordList = stopWordList
    self.stopWords = stopWords
  }

  private enum CodingKeys: String, CodingKey {
    case name, version, lowercase, foldAccents, cjkBigrams, maxTokenBytes, stemmer, stopWordList, stopWords
  }

  /// Reads version 1 settings (no stemmer, no stop words) as well as version 2.
  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(String.self, forKey: .name)
    version = try c.decode(Int.self, forKey: .version)
    lowercase = try c.decode(Bool.self, forKey: .lowercase)
    foldAccents = try c.decode(Bool.self, forKey: .foldAccents)
    cjkBigrams = try c.decode(Bool.self, forKey: .cjkBigrams)
    maxTokenBytes = try c.decode(Int.self, forKey: .maxTokenBytes)
    stemmer = try c.decodeIfPresent(String.self, forKey: .stemmer) ?? "none"
    stopWordList = try c.decodeIfPresent(String.self, forKey: .stopWordList) ?? "none"
    stopWords = try c.decodeIfPresent([String].self, forKey: .stopWords) ?? []
  }

  package var isSupported: Bool { Self.supported.contains("\(name)/\(version)") }

  package var description: String {
    var parts = ["\(name)/\(version)"]
    if lowercase { parts.append("casefold") }
    if foldAccents { parts.append("accent-fold") }
    if cjkBigrams { parts.append("cjk-bigrams") }
    parts.append("max-token-bytes=\(maxTokenBytes)")
    parts.append("stemmer=\(stemmer)")
    parts.append("stopwords=\(stopWordList)(\(stopWords.count))")
    return parts.joined(separator: " ")
  }
}
