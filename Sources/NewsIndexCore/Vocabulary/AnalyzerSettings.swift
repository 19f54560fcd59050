/// Everything that decides how text becomes terms, written into every index.
///
/// It lives in Core because the commit metadata (Format) records it and Search reads it back;
/// the tokenizer that honours it is `Analyzer` in NewsIndexAnalysis.
///
/// A query is analyzed with the settings stored in the index it searches, never with the
/// binary's defaults, so an index built by an older or differently configured binary is still
/// searched correctly; an analyzer name or version this binary does not know is refused.
package struct AnalyzerSettings: Codable, Sendable, Hashable, CustomStringConvertible {
  /// The tokenizer family; only `"standard"` exists so far.
  package var name: String
  /// Bumped whenever the same settings would produce different terms.
  package var version: Int
  /// Unicode case folding (not ASCII-only lowercasing).
  package var lowercase: Bool
  /// Compatibility decomposition with combining marks removed: `Zürich` → `zurich`, `ﬁ` → `fi`.
  package var foldAccents: Bool
  /// Han, Hiragana, Katakana and Hangul runs become overlapping bigrams (`자유무역` → `자유 유무 무역`).
  package var cjkBigrams: Bool
  /// Longer tokens are dropped (they are almost always base64, URLs or garbage).
  package var maxTokenBytes: Int

  /// The analyzer this binary builds with.
  package static let standard = AnalyzerSettings(
    name: "standard", version: 1, lowercase: true, foldAccents: true, cjkBigrams: true,
    maxTokenBytes: 64)

  /// Analyzer names and versions this binary can reproduce exactly.
  package static let supported: Set<String> = ["standard/1"]

  package var isSupported: Bool { Self.supported.contains("\(name)/\(version)") }

  package var description: String {
    var parts = ["\(name)/\(version)"]
    if lowercase { parts.append("casefold") }
    if foldAccents { parts.append("accent-fold") }
    if cjkBigrams { parts.append("cjk-bigrams") }
    parts.append("max-token-bytes=\(maxTokenBytes)")
    return parts.joined(separator: " ")
  }
}
