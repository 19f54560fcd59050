import Foundation
import NewsIndexTestSupport
import Testing

/// `--model bm25` (the default), `--model bm25p`, `--pair-weight`, `--rm3-rerank` and the
/// byline/source weights through the binary, on the committed sample corpus.
@Suite(.serialized) final class RankingOptionsTests {
  let cli = CommandRunner()
  let folder = TemporaryDirectory("newsindex-ranking")
  var index: String { folder.file("index") }

  init() throws {
    let build = try CommandRunner().run(["build", "corpus", "--index", folder.file("index"), "--threads", "2"])
    precondition(build.status == 0, build.stderr)
  }

  deinit { folder.remove() }

  /// `id<TAB>score` of each hit.
  func rows(_ query: String, _ extra: [String]) throws -> [String] {
    let output = try cli.run(["search", query, "--index", index, "--format", "tsv", "--no-collapse", "-k", "10000"] + extra)
    return output.stdout.split(separator: "\n").map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).dropFirst().prefix(2).joined(separator: "\t")
    }
  }

  func ids(_ rows: [String]) -> Set<String> { Set(rows.map { String($0.split(separator: "\t")[0]) }) }

  @Test func plainBM25FIsTheDefaultAndProximityAddsNoMatches() throws {
    let query = "oil prices"
    let byDefault = try rows(query, [])
    let proximity = try rows(query, ["--model", "bm25p"])
    let plain = try rows(query, ["--model", "bm25"])
    #expect(!byDefault.isEmpty)
    #expect(byDefault == plain)
    #expect(ids(proximity) == ids(plain))
    #expect(proximity != plain, "the pairs change no score")
    // Pair weight 0 is plain BM25F.
    #expect(try rows(query, ["--model", "bm25p", "--pair-weight", "0"]) == plain)
  }

  @Test func badRankingOptionsAreUsageErrors() throws {
    for extra in [["--pair-weight", "-1"], ["--byline-weight", "-0.5"], ["--source-weight", "nan"], ["--model", "sdm"]] {
      let output = try cli.run(["search", "oil", "--index", index] + extra)
      #expect(output.status == 64, "\(extra): \(output.status) \(output.stderr)")
      #expect(output.stderr.split(separator: "\n").count >= 1)
    }
  }

  @Test func rerankingFeedbackReturnsOnlyMatches() throws {
    let plain = ids(try rows("cocoa", ["--model", "bm25"]))
    let reranked = ids(try rows("cocoa", ["--rm3-rerank"]))
    #expect(!plain.isEmpty)
    #expect(reranked.isSubset(of: plain))
  }
}
