import Foundation
import NewsIndexTestSupport
import Testing

/// `--since`, `--until`, `date:[…]`, `--sort`, `--recency`, and duplicate collapsing, end to end.
@Suite(.serialized) final class DatesAndDuplicatesTests {
  let cli = CommandRunner()
  let folder = TemporaryDirectory("newsindex-cli-dates")
  var index: String { folder.file("index") }
  let buildOutput: CommandRunner.Output

  /// A long story: copies of it are duplicates whatever their headline.
  static func story(_ seed: Int) -> String {
    (0..<300).map { "w\(seed)x\($0 % 97)y\($0 % 13)" }.joined(separator: " ") + " pipeline"
  }

  static func line(_ id: String, _ title: String, _ date: String, _ body: String) -> String {
    "{\"id\":\"\(id)\",\"title\":\"\(title)\",\"date\":\"\(date)\",\"body\":\"\(body)\"}"
  }

  init() throws {
    let lines = [
      Self.line("wire-1", "Pipeline deal signed", "2025-03-01T08:00:00Z", Self.story(1)),
      Self.line("wire-2", "Pipeline deal signed in Baku", "2025-03-02T08:00:00Z", Self.story(1)),
      Self.line("wire-3", "Deal signed", "2025-03-03T08:00:00Z", Self.story(1)),
      Self.line("other", "Pipeline protest", "2025-03-05T08:00:00Z", "pipeline protest downtown"),
      Self.line(
        "old", "Pipeline history", "2024-06-01", "the pipeline was planned in pipeline meetings"),
      Self.line("undated", "Pipeline rumour", "", "a pipeline rumour"),
    ]
    folder.write("news.jsonl", lines.joined(separator: "\n") + "\n")
    buildOutput = try CommandRunner().run(["build", folder.path, "--index", folder.file("index")])
  }

  deinit { folder.remove() }

  func ids(_ arguments: [String]) throws -> [String] {
    let output = try cli.run(
      ["search"] + arguments + ["--index", index, "--format", "jsonl", "--no-rm3"])
    return output.stdout.split(separator: "\n").compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String
    }
  }

  @Test func copiesCollapseToTheBestHitWithTheirCount() throws {
    #expect(buildOutput.status == 0, "\(buildOutput.stderr)")
    let output = try cli.run(["search", "pipeline", "--index", index, "--no-rm3"])
    #expect(output.status == 0)
    #expect(output.stdout.contains("(+2 similar)"), "\(output.stdout)")
    let collapsed = try ids(["pipeline"])
    #expect(collapsed.filter { $0.hasPrefix("wire-") }.count == 1)
    #expect(collapsed.count == 4)
    let all = try ids(["pipeline", "--no-collapse"])
    #expect(all.count == 6)
    let json = try cli.run(["search", "pipeline", "--index", index, "--format", "jsonl", "--no-rm3"])
      .stdout
    let objects = json.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    #expect(objects.compactMap { $0["duplicates"] as? Int }.sorted() == [0, 0, 0, 2])
  }

  @Test func datesFilterAndOrder() throws {
    #expect(
      Set(try ids(["pipeline", "--since", "2025-03-02", "--no-collapse"])) == [
        "wire-2", "wire-3", "other",
      ])
    #expect(try ids(["pipeline", "--until", "2024"]) == ["old"])
    #expect(Set(try ids(["pipeline date:[2025-03 TO *]"])).count == 2)
    #expect(
      try ids(["pipeline", "--sort", "date", "--no-collapse"]) == [
        "other", "wire-3", "wire-2", "wire-1", "old", "undated",
      ])
    #expect(try ids(["pipeline", "--sort", "date"]) == ["other", "wire-3", "old", "undated"])
    let recent = try ids(["pipeline", "--recency", "1d"])
    #expect(recent.first == "other")
  }

  @Test func badDatesAndHalfLivesAreUsageErrors() throws {
    for arguments in [
      ["--since", "soon"], ["--until", "2025-02-30"], ["--recency", "fast"], ["--sort", "size"],
    ] {
      let output = try cli.run(["search", "pipeline", "--index", index] + arguments)
      #expect(output.status == 64, "\(arguments): \(output.stderr)")
    }
    let output = try cli.run(["search", "pipeline date:[2025-13 TO *]", "--index", index])
    #expect(output.status == 64)
    #expect(output.stderr.contains("not a date"))
  }

  @Test func batchAppliesTheOptionsAndReportsDuplicates() throws {
    let input = "q1\tpipeline\nq2\tpipeline date:[* TO 2025-03-01]\n"
    let output = try cli.run(
      ["batch", "-", "--index", index, "--format", "jsonl", "--no-rm3", "--since", "2025-03-01"],
      stdin: input)
    #expect(output.status == 0, "\(output.stderr)")
    let lines = output.stdout.split(separator: "\n")
    #expect(lines.count == 2)
    // Not collapsed by default: all three copies, each saying it has two others.
    #expect(lines[0].components(separatedBy: "\"duplicates\":2").count == 4)
    #expect(lines[1].contains("\"id\":\"wire-1\"") && !lines[1].contains("wire-2"))
    let collapsed = try cli.run(
      ["batch", "-", "--index", index, "--format", "jsonl", "--no-rm3", "--collapse"], stdin: input)
    #expect(
      collapsed.stdout.split(separator: "\n")[0].components(separatedBy: "\"duplicates\":2").count
        == 2)
    let check = try cli.run(["check", "--index", index])
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
  }

  @Test func statsCountsTheDuplicateGroups() throws {
    let output = try cli.run(["stats", "--index", index, "--format", "json"])
    let stats = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
    #expect(stats?["duplicate_groups"] as? Int == 1)
    #expect(stats?["documents_in_duplicate_groups"] as? Int == 3)
    #expect(try cli.run(["stats", "--index", index]).stdout.contains("1 groups of 3 documents"))
  }
}
