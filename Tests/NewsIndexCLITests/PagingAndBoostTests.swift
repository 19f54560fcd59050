import Foundation
import NewsIndexTestSupport
import Testing

/// `--offset` paging and `^` boosts through the binary, on the committed sample corpus.
@Suite(.serialized) final class PagingAndBoostTests {
  let cli = CommandRunner()
  let folder = TemporaryDirectory("newsindex-paging")
  var index: String { folder.file("index") }

  init() throws {
    let build = try CommandRunner().run(["build", "corpus", "--index", folder.file("index"), "--threads", "2"])
    precondition(build.status == 0, build.stderr)
  }

  deinit { folder.remove() }

  func search(_ query: String, _ extra: [String] = []) throws -> CommandRunner.Output {
    try cli.run(["search", query, "--index", index] + extra)
  }

  /// `rank<TAB>id<TAB>score` of each hit, from `--format tsv`.
  func rows(_ query: String, _ extra: [String]) throws -> [String] {
    try search(query, ["--format", "tsv"] + extra).stdout.split(separator: "\n").map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).prefix(3).joined(separator: "\t")
    }
  }

  @Test func aPageIsTheSliceOfTheDeeperRanking() throws {
    for extra in [[], ["--sort", "date"], ["--no-collapse"], ["--since", "1987"]] {
      let top = try rows("trade OR oil OR market OR prices", ["-k", "9"] + extra)
      #expect(top.count == 9, "\(extra)")
      let page = try rows("trade OR oil OR market OR prices", ["-k", "3", "--offset", "6"] + extra)
      #expect(page == Array(top.suffix(3)), "\(extra)")
    }
    let text = try search("trade OR oil OR market OR prices", ["-k", "3", "--offset", "3"]).stdout
    #expect(text.hasPrefix("4. "), "\(text)")
    #expect(text.contains("hits 4–6 of "), "\(text)")
    let batch = try cli.run(
      ["batch", "--index", index, "--format", "trec", "-k", "2", "--offset", "1"], stdin: "q1\ttrade OR oil\n")
    let all = try cli.run(["batch", "--index", index, "--format", "trec", "-k", "3"], stdin: "q1\ttrade OR oil\n")
    #expect(batch.stdout.split(separator: "\n") == Array(all.stdout.split(separator: "\n").suffix(2)))
    #expect(batch.stdout.hasPrefix("q1 Q0 ") && batch.stdout.contains(" 2 "), "\(batch.stdout)")
    let past = try search("cocoa", ["--offset", "1000"])
    #expect(past.status == 1)
    #expect(past.stderr.contains("after the first 1000"), "\(past.stderr)")
    #expect(try search("cocoa", ["--offset", "-1"]).status == 64)
  }

  @Test func boostsChangeTheRankingAndNeverDropTheWord() throws {
    let alone = try rows("exports", ["-k", "50", "--exhaustive"])
    let boosted = try rows("cocoa^2 exports", ["-k", "50", "--exhaustive"])
    #expect(boosted != alone)
    let cocoa = try search("cocoa^2")
    #expect(cocoa.status == 0, "\(cocoa.stderr)")
    let plain = try rows("cocoa", ["-k", "50"])
    let twice = try rows("cocoa^2", ["-k", "50"])
    #expect(plain.count == twice.count && !plain.isEmpty)
    for (a, b) in zip(plain, twice) {
      let scoreA = Double(a.split(separator: "\t")[2])!
      let scoreB = Double(b.split(separator: "\t")[2])!
      #expect(abs(scoreB - 2 * scoreA) < 1e-4, "\(a) vs \(b)")
    }
    // ^0 still matches, with score 0.
    let zero = try rows("cocoa^0", ["-k", "50"])
    #expect(zero.count == plain.count)
    #expect(zero.allSatisfy { $0.hasSuffix("\t0.000000") }, "\(zero)")
    for bad in ["cocoa^-2", "cocoa^x", "cocoa^"] {
      let output = try search(bad)
      #expect(output.status == 64, "\(bad): \(output.stderr)")
      #expect(output.stderr.contains("character 6"), "\(bad): \(output.stderr)")
    }
  }
}
