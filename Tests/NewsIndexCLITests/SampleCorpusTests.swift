import Foundation
import NewsIndexTestSupport
import Testing

/// End to end on the committed sample corpus: build once, then search, batch and stats.
@Suite(.serialized) final class SampleCorpusTests {
  let cli = CommandRunner()
  let folder = TemporaryDirectory("newsindex-cli")
  var index: String { folder.file("index") }
  let buildOutput: CommandRunner.Output

  init() throws {
    buildOutput = try CommandRunner().run(["build", "corpus", "--index", folder.file("index"), "--threads", "2"])
  }

  deinit { folder.remove() }

  func search(_ query: String, _ extra: [String] = []) throws -> CommandRunner.Output {
    try cli.run(["search", query, "--index", index] + extra)
  }

  func jsonHits(_ query: String, k: Int = 50) throws -> [[String: Any]] {
    let output = try search(query, ["--format", "jsonl", "-k", String(k)])
    return output.stdout.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  @Test func buildIndexesEveryArticleAndSummarizes() throws {
    #expect(buildOutput.status == 0, "\(buildOutput.stderr)")
    #expect(buildOutput.stdout.contains("50 documents"), "\(buildOutput.stdout)")
    #expect(buildOutput.stdout.contains("0 skipped"))
    #expect(buildOutput.stdout.contains("indexed 29 files"))
    #expect(FileManager.default.fileExists(atPath: folder.file("index/meta.json")))
  }

  @Test func keywordSearchPrintsRankedHitsAndExitsZero() throws {
    let output = try search("interest rates")
    #expect(output.status == 0)
    #expect(output.stdout.contains("1. "))
    #expect(output.stdout.contains("score "))
    #expect(!output.stdout.contains("\u{1B}["), "no ANSI codes when piped")
  }

  @Test func phraseSearchReturnsOnlyDocumentsWithThePhrase() throws {
    let hits = try jsonHits("\"free trade agreement\"")
    let ids = Set(hits.compactMap { $0["id"] as? String })
    #expect(ids == ["text/korea-canada-free-trade-agreement.txt", "html/eu-mercosur-free-trade-agreement.html"])
    let free = try jsonHits("\"free trade\" -agreement")
    #expect(free.count == 1)
  }

  @Test func searchRanksPlainBM25FUnlessRM3IsAskedFor() throws {
    let plain = try search("cocoa", ["-k", "20", "--format", "tsv"])
    #expect(plain.status == 0)
    #expect(try search("cocoa", ["-k", "20", "--format", "tsv", "--no-rm3"]).stdout == plain.stdout)
    // Every plain hit contains the word; expansion brings in documents that do not.
    let withWord = plain.stdout.split(separator: "\n").count
    for hit in try jsonHits("cocoa") {
      let text = ((hit["title"] as? String ?? "") + " " + (hit["snippet"] as? String ?? "")).lowercased()
      #expect(text.contains("cocoa"), "\(hit)")
    }
    let expanded = try search("cocoa", ["-k", "20", "--format", "tsv", "--rm3"])
    #expect(expanded.status == 0)
    #expect(expanded.stdout.split(separator: "\n").count > withWord, "\(expanded.stdout)")
  }

  @Test func theFooterCountsExactlyOrSaysAbout() throws {
    let all = try search("interest rates", ["-k", "100", "--exhaustive", "--format", "tsv"]).stdout
    let total = all.split(separator: "\n").count
    #expect(total > 1)
    let estimated = try search("interest rates", ["-k", "1"]).stdout
    #expect(estimated.contains("1 of about "), "\(estimated)")
    #expect(!estimated.contains("at least"))
    let exact = try search("interest rates", ["-k", "1", "--count", "exact"]).stdout
    #expect(exact.hasSuffix("1 of \(total) matching documents\n"), "\(exact)")
    let word = try search("cocoa", ["-k", "1"]).stdout
    let cocoa = try search("cocoa", ["-k", "100", "--format", "tsv"]).stdout.split(separator: "\n").count
    #expect(word.hasSuffix("1 of \(cocoa) matching documents\n"), "\(word)")
    let hit = try #require(try jsonHits("interest rates", k: 1).first)
    #expect(hit["matches"] is Int)
    #expect(hit["matches_exact"] as? Bool == false)
    let batch = try cli.run(
      ["batch", "-", "--index", index, "--format", "jsonl", "-k", "1", "--count", "exact"],
      stdin: "q1\tinterest rates\n")
    let line = try #require(
      try JSONSerialization.jsonObject(with: Data(batch.stdout.utf8)) as? [String: Any])
    #expect(line["matches"] as? Int == total)
    #expect(line["matches_exact"] as? Bool == true)
  }

  @Test func jsonLinesCarryEveryField() throws {
    let hits = try jsonHits("cocoa exports", k: 3)
    #expect(hits.count == 3)
    for (rank, hit) in hits.enumerated() {
      #expect(hit["rank"] as? Int == rank + 1)
      for key in ["id", "title", "date", "path", "snippet"] { #expect(hit[key] is String, "\(key)") }
      #expect(hit["score"] is Double)
    }
    let scores = hits.compactMap { $0["score"] as? Double }
    #expect(scores == scores.sorted(by: >))
  }

  @Test func requiredExcludedBooleanAndFieldQueries() throws {
    let required = try jsonHits("cocoa +exports")
    #expect(!required.isEmpty)
    #expect(required.count < (try jsonHits("cocoa exports")).count)
    let titleOnly = try jsonHits("title:election")
    #expect(!titleOnly.isEmpty)
    for hit in titleOnly { #expect(((hit["title"] as? String) ?? "").lowercased().contains("election")) }
    let grouped = try jsonHits("(flood OR drought) AND farmers")
    #expect(!grouped.isEmpty)
    let excluded = try jsonHits("vaccine -trial")
    #expect(!excluded.contains { ($0["id"] as? String ?? "").contains("malaria-vaccine-trial") })
  }

  @Test func boilerplateTextIsNotIndexed() throws {
    for word in ["zzscriptonly", "zzstyleonly", "zznavonly", "zzcookieonly", "zzfooteronly", "Examplewire"] {
      let output = try search(word)
      #expect(output.status == 1, "\(word) should not be indexed")
    }
  }

  @Test func charsetsAreDecoded() throws {
    let cafe = try jsonHits("café")
    #expect(cafe.contains { ($0["id"] as? String) == "html/windows-1252-zurich-cafe-prices.html" })
    let wrong = try jsonHits("zürich")
    let page = wrong.first { ($0["id"] as? String ?? "").hasPrefix("html/wrong-charset") }
    #expect(page != nil)
    let title = (page?["title"] as? String) ?? ""
    #expect(!title.contains("Ã"), "no mojibake in the title")
  }

  @Test func chineseAndKoreanAreSearchable() throws {
    #expect(try jsonHits("자유무역협정").contains { ($0["id"] as? String) == "text/korea-chile-fta-ko.txt" })
    #expect(try jsonHits("人工智能").contains { ($0["id"] as? String ?? "").contains("zh") })
  }

  @Test func noHitsExitsOneAndErrorsExitTwoOrSixtyFour() throws {
    #expect(try search("qwertyuiopnothing").status == 1)
    let missing = try cli.run(["search", "korea", "--index", folder.file("nowhere")])
    #expect(missing.status == 2)
    #expect(missing.stderr.split(separator: "\n").count == 1)
    #expect(missing.stderr.contains("no index here"))
    #expect(try cli.run(["search", "korea", "--index", index, "-k", "-1"]).status == 64)
    #expect(try cli.run(["search", "  ", "--index", index]).status == 64)
    #expect(try cli.run(["search", "a)", "--index", index]).status == 64)
    #expect(try cli.run(["frobnicate"]).status == 64)
  }

  /// util-linux `script`, which runs a command on a pseudo-terminal.
  static let script = "/usr/bin/script"

  /// Runs `newsindex arguments…` with stdout on a pseudo-terminal (through `script`).
  func onTerminal(_ arguments: [String], noColor: String?) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.script)
    let command = ([CommandRunner.binary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
    process.arguments = ["-qec", command, "/dev/null"]
    process.currentDirectoryURL = CommandRunner.repositoryRoot
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = noColor
    environment["TERM"] = "xterm"
    process.environment = environment
    let out = Pipe()
    process.standardOutput = out
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  @Test func colorOnlyOnATerminal() throws {
    let piped = try cli.run(["search", "korea", "--index", index])
    #expect(piped.status == 0 && !piped.stdout.isEmpty)
    #expect(!piped.stdout.contains("\u{1B}["), "no ANSI codes when piped")
    let output = try cli.run(["search", "korea", "--index", index], environment: ["NO_COLOR": "1"])
    #expect(!output.stdout.contains("\u{1B}["))
  }

  @Test(
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: script),
      "skipped: \(script) (util-linux) is absent, so no pseudo-terminal to test colours on"))
  func colorOnATerminalUnlessNoColorIsSet() throws {
    let colored = try onTerminal(["search", "korea", "--index", index], noColor: nil)
    #expect(colored.contains("korea") || colored.contains("Korea"), "\(colored.prefix(300))")
    #expect(colored.contains("\u{1B}[1m"), "bold titles on a terminal: \(colored.prefix(300))")
    let plain = try onTerminal(["search", "korea", "--index", index], noColor: "1")
    #expect(plain.contains("korea") || plain.contains("Korea"), "\(plain.prefix(300))")
    #expect(!plain.contains("\u{1B}["), "NO_COLOR turns colours off on a terminal too")
  }

  @Test func batchWritesTrecRunsInInputOrder() throws {
    let output = try cli.run(["batch", "corpus/queries.tsv", "--index", index, "--format", "trec", "-k", "5", "--run-tag", "demo"])
    #expect(output.status == 0, "\(output.stderr)")
    let lines = output.stdout.split(separator: "\n").map { $0.split(separator: " ") }
    #expect(!lines.isEmpty)
    #expect(lines.allSatisfy { $0.count == 6 && $0[1] == "Q0" && $0[5] == "demo" })
    var order: [String] = []
    for line in lines where order.last != String(line[0]) { order.append(String(line[0])) }
    let expected = try String(contentsOfFile: "corpus/queries.tsv", encoding: .utf8).split(separator: "\n")
      .map { String($0.split(separator: "\t")[0]) }.filter { order.contains($0) }
    #expect(order == expected)
    #expect(Set(order).count == order.count)
    // Ranks count from 1 within each query, scores never rise.
    for qid in order {
      let rows = lines.filter { String($0[0]) == qid }
      #expect(rows.map { String($0[3]) } == (1...rows.count).map(String.init), "\(qid)")
      let scores = rows.compactMap { Double($0[4]) }
      #expect(scores.count == rows.count && zip(scores, scores.dropFirst()).allSatisfy { $0 >= $1 }, "\(qid)")
    }
  }

  @Test func batchReadsStdinAndWritesJSONLinesAndTSV() throws {
    let input = "a1\tinterest rates\ncocoa\n\n# comment\nb2\t\"free trade agreement\"\n"
    let jsonl = try cli.run(["batch", "-", "--index", index, "--format", "jsonl", "-k", "2"], stdin: input)
    #expect(jsonl.status == 0)
    let objects = jsonl.stdout.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    #expect(objects.map { $0["qid"] as? String } == ["a1", "2", "b2"])
    #expect(objects.allSatisfy { $0["took_us"] is Int && $0["hits"] is [Any] })
    let tsv = try cli.run(["batch", "--index", index, "--format", "tsv", "-k", "1", "--threads", "1"], stdin: input)
    #expect(tsv.status == 0)
    // qid, rank, id, score: each query's best hit, the same as the JSON lines' first.
    let rows = tsv.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
    let best = objects.compactMap { object -> [String]? in
      guard let qid = object["qid"] as? String, let first = (object["hits"] as? [[String: Any]])?.first,
        let id = first["id"] as? String, let score = first["score"] as? Double
      else { return nil }
      return [qid, "1", id, "\(score)"]
    }
    #expect(best.count == 3)
    #expect(rows.map { Array($0.prefix(3)) } == best.map { Array($0.prefix(3)) })
    // RM3 feedback (on for "cocoa") varies in the last digits from run to run.
    #expect(
      zip(rows, best).allSatisfy { $0.count == 4 && abs((Double($0[3]) ?? 0) - (Double($1[3]) ?? 1)) < 1e-9 },
      "\(rows) vs \(best)")
  }

  @Test func batchSameOutputWhateverTheThreads() throws {
    let one = try cli.run(["batch", "corpus/queries.tsv", "--index", index, "--threads", "1", "-k", "20"])
    let four = try cli.run(["batch", "corpus/queries.tsv", "--index", index, "--threads", "4", "-k", "20"])
    #expect(one.stdout == four.stdout)
    #expect(!one.stdout.isEmpty)
  }

  @Test func statsReportsCountsAsJSON() throws {
    let output = try cli.run(["stats", "--index", index, "--format", "json"])
    #expect(output.status == 0)
    let stats = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
    #expect(stats?["documents"] as? Int == 50)
    #expect((stats?["distinct_terms"] as? Int ?? 0) > 1000)
    #expect((stats?["analyzer"] as? [String: Any])?["name"] as? String == "standard")
    #expect(try cli.run(["stats", "--index", index]).stdout.contains("documents"))
  }

  @Test func helpAndVersion() throws {
    let help = try cli.run(["search", "--help"])
    #expect(help.stdout.contains("k1") && help.stdout.contains("BM25"))
    #expect(try cli.run(["--version"]).stdout.hasPrefix("newsindex "))
  }
}
