import Foundation
import NewsIndexCore
import NewsIndexSearch
import NewsIndexTestSupport
import Testing

/// Single words are pruned by their block bounds like ORs, and a pruned query's match count is
/// exact or labelled an estimate: never the number of documents MaxScore happened to score.
@Suite struct MatchCountTests {
  static let corpus = RandomCorpus(seed: 21, documentCount: 3_000)

  @Test func singleWordsArePrunedWithTheExhaustiveResults() throws {
    let fixture = try IndexFixture(
      Self.corpus.documents, threads: 2, minimumDocumentsPerSegment: 1_200)
    defer { fixture.remove() }
    var pruned = QueryStatistics()
    var exhaustive = QueryStatistics()
    // Words the analyzer keeps as one token (CJK text is cut into bigrams: a phrase).
    for word in RandomCorpus.vocabulary where word.unicodeScalars.allSatisfy({ $0.value < 0x1100 })
    {
      for query in [word, "title:\(word)", "body:\(word)"] {
        for k in [1, 3, 10] {
          let (a, b) = try fixture.searchPrunedAndExhaustive(query, k: k)
          #expect(a.hits == b.hits, "\(query), k \(k)")
          #expect(a.statistics.pruned || b.matchCount == 0, "\(query), k \(k)")
          #expect(!b.statistics.pruned)
          // One word: the dictionary's document frequency is the exact count.
          #expect(a.matchCount == b.matchCount && a.matchCountIsExact, "\(query), k \(k)")
          pruned.documentsScored += a.statistics.documentsScored
          exhaustive.documentsScored += b.statistics.documentsScored
        }
      }
    }
    #expect(
      pruned.documentsScored * 5 < exhaustive.documentsScored * 4, "\(pruned) vs \(exhaustive)")
  }

  /// A clause boosted by 0 scores nothing but still matches: pruning may pass over its
  /// zero-scored documents, never over them when they are counted or needed for the top k.
  @Test func zeroBoostedClausesStillMatchAndCount() throws {
    let fixture = try IndexFixture(
      Self.corpus.documents, threads: 2, minimumDocumentsPerSegment: 1_200)
    defer { fixture.remove() }
    for text in ["cocoa^0", "cocoa^0 moon", "(cocoa OR rover)^0 moon^2", "title:cocoa^0 body:moon^0.5"] {
      for k in [1, 10, 5_000] {
        var slow = fixture.searcher()
        slow.pruning = false
        var exact = fixture.searcher()
        exact.counting = .exact
        let truth = try slow.search(text, k: k)
        let counted = try exact.search(text, k: k)
        #expect(counted.hits == truth.hits, "\(text), k \(k)")
        #expect(counted.matchCount == truth.matchCount && counted.matchCountIsExact, "\(text), k \(k)")
        let estimated = try fixture.searcher().search(text, k: k)
        #expect(estimated.hits == truth.hits, "\(text), k \(k)")
      }
      var slow = fixture.searcher()
      slow.pruning = false
      let all = try slow.search(text, k: 5_000)
      let plain = try slow.search(text.replacingOccurrences(of: "^0.5", with: "").replacingOccurrences(of: "^0", with: "")
        .replacingOccurrences(of: "^2", with: ""), k: 5_000)
      // The same documents match as without the boosts.
      #expect(Set(all.hits.map(\.docNumber)) == Set(plain.hits.map(\.docNumber)), "\(text)")
      #expect(all.matchCount == plain.matchCount && all.matchCount > 0, "\(text)")
    }
  }

  @Test func prunedOrsAreCountedExactlyOnRequestOrLabelledAsEstimates() throws {
    let fixture = try IndexFixture(
      Self.corpus.documents, threads: 2, minimumDocumentsPerSegment: 1_200)
    defer { fixture.remove() }
    var random = SeededRandom(seed: 21)
    var estimates = 0
    for _ in 0..<40 {
      let text = PruningTests.randomOr(&random)
      var slow = fixture.searcher()
      slow.pruning = false
      var exact = fixture.searcher()
      exact.counting = .exact
      let estimating = fixture.searcher()
      let truth = try slow.search(text, k: 10)
      #expect(truth.matchCountIsExact)
      let counted = try exact.search(text, k: 10)
      #expect(counted.hits == truth.hits, "\(text)")
      #expect(counted.matchCount == truth.matchCount && counted.matchCountIsExact, "\(text)")
      let estimated = try estimating.search(text, k: 10)
      #expect(estimated.hits == truth.hits, "\(text)")
      if estimated.matchCountIsExact {
        #expect(estimated.matchCount == truth.matchCount, "\(text)")
      } else {
        estimates += 1
        #expect(estimated.matchCount >= estimated.statistics.documentsScored, "\(text)")
        #expect(estimated.matchCount <= fixture.reader.documentCount, "\(text)")
        // Independent words: within a factor of two of the truth on this corpus (a word
        // repeated, or excluded as well as wanted, is not independent of itself).
        let words = text.split(separator: " ").map { $0.trimmingPrefix("-") }
        guard Set(words).count == words.count else { continue }
        #expect(
          estimated.matchCount * 2 >= truth.matchCount
            && estimated.matchCount <= truth.matchCount * 2,
          "\(text): about \(estimated.matchCount), truly \(truth.matchCount)")
      }
    }
    #expect(estimates > 20)
  }

  @Test func aQueryWhoseMatchesAllFitInTheTopKIsCountedExactly() throws {
    let fixture = try IndexFixture(Array(Self.corpus.documents.prefix(200)))
    defer { fixture.remove() }
    let searcher = fixture.searcher()
    var slow = fixture.searcher()
    slow.pruning = false
    let result = try searcher.search("rover moon", k: 1_000)
    #expect(result.statistics.pruned)
    #expect(result.matchCountIsExact)
    #expect(result.matchCount == (try slow.search("rover moon", k: 1_000)).matchCount)
    #expect(result.matchCount == result.hits.count)
  }

  @Test func dateFiltersAreCountedAmongTheDocumentsTheyAccept() throws {
    let fixture = try IndexFixture(Self.corpus.documents, minimumDocumentsPerSegment: 1_200)
    defer { fixture.remove() }
    let text = "oil prices date:[2025-01-01 TO 2025-01-07]"
    var slow = fixture.searcher()
    slow.pruning = false
    var exact = fixture.searcher()
    exact.counting = .exact
    let truth = try slow.search(text, k: 5)
    #expect(try exact.search(text, k: 5).matchCount == truth.matchCount)
    let estimated = try fixture.searcher().search(text, k: 5)
    #expect(!estimated.matchCountIsExact)
    // A quarter of the documents are dated in that week: the estimate is scaled to them.
    #expect(
      estimated.matchCount * 2 >= truth.matchCount && estimated.matchCount <= truth.matchCount * 2)
  }
}
