#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import NewsIndexCore
import NewsIndexAnalysis
package import NewsIndexFormat

/// More like this: stories that share a story's most distinctive terms.
package struct SimilarStories: Sendable {
  /// The terms searched, most distinctive first, with their tf·idf.
  package var terms: [(term: String, weight: Double)]
  /// The hits: never the story itself nor a copy of it.
  package var result: SearchResult
}

extension Searcher {
  /// Lucene MoreLikeThis's defaults: at most 25 query terms, each in the story at least twice
  /// and in at least 5 documents.
  package static let similarTermCount = 25
  static let similarMinimumTermFrequency = 2
  static let similarMinimumDocFreq = 5
  /// Tokens of the story analyzed at most (Lucene's maxNumTokensParsed).
  static let similarMaximumTokens = 5_000

  /// The stories most like document `docNumber`: its title and body re-analyzed (at most
  /// ``similarMaximumTokens`` tokens), each term weighted by its frequency in the story times
  /// the classic idf `1 + ln(N / (df + 1))`, the best ``similarTermCount`` (occurring twice or
  /// more, in five documents or more) searched as a ranked OR with the searcher's ranking,
  /// unboosted: Lucene MoreLikeThis's defaults. (Boosting each term by its weight lowered the
  /// TOPICS measure on Reuters from 0.673 to 0.615.) The story itself and its duplicates are left
  /// out, and copies among the hits collapse as in `search` when ``collapseDuplicates`` is on.
  package func similar(to docNumber: Int, k: Int) throws(FormatError) -> SimilarStories {
    let document = try reader.storedDocument(docNumber)
    var counts: [[UInt8]: Int] = [:]
    var tokens = 0
    for text in [document.title, document.body] {
      var copy = text
      _ = copy.withUTF8 { utf8 in
        reader.analyzer.forEachToken(in: UnsafeRawBufferPointer(utf8)) { token in
          guard tokens < Self.similarMaximumTokens else { return }
          tokens += 1
          counts[Array(token.term), default: 0] += 1
        }
      }
    }
    let documentCount = reader.documentCount
    var scored: [(term: [UInt8], weight: Double)] = []
    for (term, count) in counts where count >= Self.similarMinimumTermFrequency {
      let docFreq = TermStates(reader: reader, wordStreamOf: term).docFreq
      guard docFreq >= Self.similarMinimumDocFreq else { continue }
      // MoreLikeThis's weight: tf times the classic idf, 1 + ln(N / (df + 1)).
      scored.append((term, Double(count) * (1 + log(Double(documentCount) / Double(docFreq + 1)))))
    }
    scored.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term.lexicographicallyPrecedes($1.term) }
    let chosen = scored.prefix(Self.similarTermCount)
    let terms = chosen.map { (String(decoding: $0.term, as: UTF8.self), $0.weight) }
    guard !chosen.isEmpty else {
      return SimilarStories(terms: terms, result: SearchResult(hits: [], matchCount: 0, highlightTerms: []))
    }
    let weights = chosen.map { term, _ in
      Weight(
        terms: [term], offsets: [0], field: nil, reader: reader, bm25: bm25, mu: queryLikelihoodMu,
        boost: 1)
    }
    let weight: Weight = weights.count == 1 ? weights[0] : .boolean(must: [], should: weights, mustNot: [])
    // The story and its copies are excluded after collecting: ask for that many more.
    let group = reader.duplicates.group(of: docNumber)
    let excludedCount = 1 + reader.duplicates.copies(of: docNumber)
    let context = ScoringContext(bm25: bm25, averageFieldLengths: reader.averageFieldLengths)
    var result = collect(weight, k: k + excludedCount, context: context)
    result.hits.removeAll { hit in
      hit.docNumber == docNumber || (group >= 0 && reader.duplicates.group(of: hit.docNumber) == group)
    }
    if result.hits.count > k { result.hits.removeSubrange(k...) }
    result.statistics = context.work.statistics
    return SimilarStories(terms: terms, result: result)
  }
}
