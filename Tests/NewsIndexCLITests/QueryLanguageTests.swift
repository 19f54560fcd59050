import Foundation
import NewsIndexTestSupport
import Testing

/// The query language through the binary: strict errors, suggestions, `explain`, `similar`.
@Suite(.serialized) final class QueryLanguageTests {
  let cli = CommandRunner()
  let folder = TemporaryDirectory("newsindex-query-language")
  var index: String { folder.file("index") }

  init() throws {
    let build = try CommandRunner().run(["build", "corpus", "--index", folder.file("index"), "--threads", "2"])
    precondition(build.status == 0, build.stderr)
  }

  deinit { folder.remove() }

  func run(_ arguments: [String]) throws -> CommandRunner.Output {
    try cli.run(arguments + ["--index", index])
  }

  @Test func malformedQueriesExit64WithOneLineNamingThePosition() throws {
    for (query, character) in [("(trade OR korea", 1), ("trade AND", 7), ("headline:korea", 1), ("\"free trade", 1)] {
      let output = try run(["search", query])
      #expect(output.status == 64, "\(query): \(output.stderr)")
      #expect(output.stderr.hasPrefix("newsindex: error: "), "\(query): \(output.stderr)")
      #expect(output.stderr.contains("character \(character) "), "\(query): \(output.stderr)")
      // Not a terminal: one line, no caret.
      #expect(output.stderr.split(separator: "\n").count == 1, "\(query): \(output.stderr)")
      #expect(output.stdout.isEmpty)
      let lenient = try run(["search", query, "--lenient"])
      #expect(lenient.status == 0 || lenient.status == 1, "\(query) --lenient: \(lenient.stderr)")
    }
    let batch = try cli.run(["batch", "--index", index, "--strict", "--format", "tsv"], stdin: "q1\ttrade AND\nq2\ttrade\n")
    #expect(batch.stderr.contains("line 1"), "\(batch.stderr)")
    #expect(batch.stdout.contains("q2\t1\t"), "\(batch.stdout)")
    let forgiving = try cli.run(["batch", "--index", index, "--format", "tsv"], stdin: "q1\ttrade AND\n")
    #expect(forgiving.stdout.contains("q1\t1\t"), "\(forgiving.stdout)")
  }

  @Test func stopWordQueriesSaySo() throws {
    let output = try run(["search", "the of"])
    #expect(output.status == 1)
    #expect(output.stderr.contains("stop word (the, of)"), "\(output.stderr)")
  }

  @Test func misspellingsGetDidYouMean() throws {
    let text = try run(["search", "tarde"])
    #expect(text.status == 1)
    #expect(text.stderr.contains("did you mean: trade"), "\(text.stderr)")
    let json = try run(["search", "tarde", "--format", "jsonl"])
    #expect(json.stdout == "{\"suggestions\":[\"trade\"]}\n", "\(json.stdout)")
    let withHits = try run(["search", "tarde korea", "--format", "jsonl"])
    #expect(withHits.status == 0)
    #expect(withHits.stdout.split(separator: "\n").allSatisfy { $0.contains("\"suggestions\":[\"trade korea\"]") }, "\(withHits.stdout)")
    let plain = try run(["search", "trade", "--format", "jsonl", "-k", "1"])
    #expect(plain.stdout.contains("\"suggestions\":[]"), "\(plain.stdout)")
  }

  @Test func wildcardsFuzzyAndSlopFromTheCommandLine() throws {
    let prefix = try run(["search", "expor*", "--stats", "--format", "tsv"])
    #expect(prefix.status == 0, "\(prefix.stderr)")
    #expect(prefix.stderr.contains("stats: expanded expor*: "), "\(prefix.stderr)")
    let fuzzy = try run(["search", "tarde~1", "--format", "tsv"])
    #expect(fuzzy.status == 0, "\(fuzzy.stderr)")
    let exact = try run(["search", "trade", "--format", "tsv", "-k", "100"]).stdout
    #expect(Set(fuzzy.stdout.split(separator: "\n").map { $0.split(separator: "\t")[1] })
      .isSuperset(of: exact.split(separator: "\n").map { $0.split(separator: "\t")[1] }))
    let sloppy = try run(["search", "\"trade free\"~2", "--format", "tsv"])
    #expect(sloppy.status == 0, "\(sloppy.stderr)")
    #expect(try run(["search", "\"trade free\"", "--format", "tsv"]).status == 1)
  }

  @Test func explainRootIsTheSearchScore() throws {
    for query in ["free trade korea", "\"free trade\"~3 +korea", "expor* chips"] {
      let hits = try run(["search", query, "--format", "tsv", "-k", "3"]).stdout.split(separator: "\n")
      #expect(!hits.isEmpty, "\(query)")
      for hit in hits {
        let columns = hit.split(separator: "\t", omittingEmptySubsequences: false)
        let id = String(columns[1])
        let score = try #require(Double(columns[2]))
        let json = try run(["explain", query, id, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let value = try #require(object["score"] as? Double)
        #expect(abs(value - score) < 1e-5, "\(query) \(id): \(value) vs \(score)")
        let text = try run(["explain", query, id])
        #expect(text.stdout.hasPrefix(String(format: "%.4f", value)), "\(text.stdout)")
      }
    }
    let missing = try run(["explain", "trade", "no-such-id"])
    #expect(missing.status == 2 && missing.stderr.contains("no document with id"), "\(missing.stderr)")
  }

  @Test func similarNeverListsTheStoryItself() throws {
    let id = "text/korea-canada-free-trade-agreement.txt"
    let output = try run(["similar", id, "--format", "tsv", "--terms"])
    #expect(output.status == 0, "\(output.stderr)")
    let ids = output.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[1]) }
    #expect(!ids.isEmpty && !ids.contains(id), "\(ids)")
    #expect(output.stderr.hasPrefix("terms: "), "\(output.stderr)")
  }
}
