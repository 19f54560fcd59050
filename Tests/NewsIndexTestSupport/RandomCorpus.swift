package import NewsIndexCore

/// Seeded random news-like documents over a small vocabulary, so that terms repeat, co-occur and
/// form phrases often enough for every query type to have matches.
package struct RandomCorpus: Sendable {
  /// Words drawn with a skewed (Zipf-like) distribution; the first are the most frequent.
  package static let vocabulary = [
    "trade", "rates", "bank", "korea", "cocoa", "exports", "election", "vote", "flood", "farmers",
    "oil", "prices", "vaccine", "trial", "chip", "market", "agreement", "free", "central", "inflation",
    "Zürich", "café", "2025", "298.9", "drought", "space", "moon", "rover", "자유무역", "人工智能",
  ]

  package let documents: [ExtractedDocument]

  package init(seed: UInt64, documentCount: Int) {
    var random = SeededRandom(seed: seed)
    var documents: [ExtractedDocument] = []
    for i in 0..<documentCount {
      let titleLength = Int.random(in: 0...6, using: &random)
      let bodyLength = Int.random(in: 0...60, using: &random)
      documents.append(
        ExtractedDocument(
          id: "doc-\(i)", path: "random/\(i).txt",
          title: Self.text(words: titleLength, using: &random),
          date: "2025-01-\(String(format: "%02d", i % 28 + 1))",
          body: Self.text(words: bodyLength, using: &random)))
    }
    self.documents = documents
  }

  /// A word with a skewed distribution: index = floor(n * u^2).
  package static func word(using random: inout SeededRandom) -> String {
    let u = Double.random(in: 0..<1, using: &random)
    return vocabulary[min(vocabulary.count - 1, Int(Double(vocabulary.count) * u * u))]
  }

  static func text(words: Int, using random: inout SeededRandom) -> String {
    var parts: [String] = []
    for _ in 0..<words {
      var word = word(using: &random)
      if Int.random(in: 0..<10, using: &random) == 0 { word = word.uppercased() }
      parts.append(word)
      if Int.random(in: 0..<12, using: &random) == 0 { parts.append(",") }
    }
    return parts.joined(separator: " ")
  }
}
