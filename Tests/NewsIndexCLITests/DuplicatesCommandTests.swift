import Foundation
import NewsIndexTestSupport
import Testing

/// `newsindex duplicates`: the groups searches collapse, on a fixture and on the shared corpora.
@Suite(.serialized) final class DuplicatesCommandTests {
  let cli = CommandRunner()
  let folder = TemporaryDirectory("newsindex-cli-duplicates")
  var index: String { folder.file("index") }
  let buildOutput: CommandRunner.Output

  /// A 300-word story of distinct words, with word `k` replaced by `replace[k]`.
  static func story(_ seed: Int, replace: [Int: String] = [:]) -> String {
    (0..<300).map { replace[$0] ?? "w\(seed)x\($0 % 97)y\($0 % 13)" }.joined(separator: " ")
  }

  /// One JSON Lines record, as the dates-and-duplicates fixture writes them.
  static func line(_ id: String, _ title: String, _ date: String, _ body: String) -> String {
    DatesAndDuplicatesTests.line(id, title, date, body)
  }

  init() throws {
    let lines = [
      // An exact copy under a new headline, a day later.
      Self.line("wire-1", "Reserves added", "2025-03-03T14:00:00Z", Self.story(1)),
      Self.line("wire-2", "Fed adds reserves", "2025-03-04T09:00:00Z", Self.story(1)),
      // A templated report, its corrected version the same day, and the next one three weeks on:
      // all three within 3 SimHash bits, but only the first two are one story.
      Self.line("report-1", "Money market", "2025-03-03T08:00:00Z", Self.story(2)),
      Self.line(
        "report-1b", "Money market", "2025-03-03T11:00:00Z", Self.story(2, replace: [80: "revised"])
      ),
      Self.line(
        "report-2", "Money market", "2025-03-24T08:00:00Z", Self.story(2, replace: [80: "forecast"])
      ),
      Self.line("other", "Harvest", "2025-03-05T08:00:00Z", "farmers harvest early"),
    ]
    folder.write("news.jsonl", lines.joined(separator: "\n") + "\n")
    buildOutput = try CommandRunner().run(["build", folder.path, "--index", folder.file("index")])
  }

  deinit { folder.remove() }

  /// The groups as sets of ids, from `duplicates --format tsv`.
  static func groups(_ tsv: String) -> Set<Set<String>> {
    var groups: [String: Set<String>] = [:]
    for line in tsv.split(separator: "\n") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count == 4 else { continue }
      groups[String(fields[0]), default: []].insert(String(fields[1]))
    }
    return Set(groups.values)
  }

  @Test func listsExactAndNearCopiesButNotNextWeeksReport() throws {
    #expect(buildOutput.status == 0, "\(buildOutput.stderr)")
    let output = try cli.run(["duplicates", "--index", index, "--format", "tsv"])
    #expect(output.status == 0, "\(output.stderr)")
    #expect(Self.groups(output.stdout) == [["wire-1", "wire-2"], ["report-1", "report-1b"]])
    // The later report is a near duplicate by signature alone: the date window keeps it apart.
    let search = try cli.run(
      ["search", "money market", "--index", index, "--format", "jsonl", "--no-rm3"])
    #expect(search.stdout.split(separator: "\n").count == 2, "\(search.stdout)")
  }

  @Test func textAndJSONLinesFormats() throws {
    let text = try cli.run(["duplicates", "--index", index])
    #expect(text.status == 0)
    #expect(text.stdout.hasPrefix("group 1: 2 documents\n"), "\(text.stdout)")
    #expect(text.stdout.contains("  2025-03-03T08:00:00Z  report-1  Money market\n"))
    let jsonl = try cli.run(["duplicates", "--index", index, "--format", "jsonl", "--limit", "1"])
    let lines = jsonl.stdout.split(separator: "\n")
    #expect(lines.count == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(object["group"] as? Int == 1)
    #expect(object["size"] as? Int == 2)
    let documents = try #require(object["documents"] as? [[String: String]])
    #expect(documents.map { $0["id"] } == ["wire-1", "wire-2"])
    #expect(documents[1]["title"] == "Fed adds reserves")
  }

  @Test func anIndexWithoutCopiesExitsOneAndBadLimitsAreUsageErrors() throws {
    let single = TemporaryDirectory("newsindex-cli-no-duplicates")
    defer { single.remove() }
    single.write("a.txt", "Harvest starts early\n\nFarmers began the harvest a week early.\n")
    _ = try cli.run(["build", single.path, "--index", single.file("index")])
    let none = try cli.run(["duplicates", "--index", single.file("index")])
    #expect(none.status == 1)
    #expect(none.stdout.isEmpty)
    #expect(none.stderr.contains("no duplicate stories"), "\(none.stderr)")
    #expect(try cli.run(["duplicates", "--index", index, "--limit", "-1"]).status == 64)
    let missing = try cli.run(["duplicates", "--index", single.file("nothing")])
    #expect(missing.status == 2)
  }

  // MARK: - Shared corpora

  static let corpora = CommandRunner.repositoryRoot
    .appendingPathComponent("../shared/corpora").standardizedFileURL
  static let bbc = corpora.appendingPathComponent("bbc-news/bbc").path
  static let rss = corpora.appendingPathComponent("xml-news/rss-feeds").path

  /// Every pair of byte-identical BBC articles (98 in the collection) is in one group.
  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: bbc),
      "skipped: shared corpus folder \(bbc) is absent"))
  func identicalBBCArticlesAreGrouped() throws {
    let root = URL(fileURLWithPath: Self.bbc)
    var byContent: [Data: [String]] = [:]
    let walker = try #require(FileManager.default.enumerator(atPath: Self.bbc))
    for case let path as String in walker where path.hasSuffix(".txt") {
      let data = try Data(contentsOf: root.appendingPathComponent(path))
      byContent[data, default: []].append(path)
    }
    let copies = byContent.values.filter { $0.count >= 2 }.map(Set.init)
    #expect(copies.reduce(0) { $0 + $1.count - 1 } >= 98)
    let grouped = try groupsOfCorpus(Self.bbc, name: "bbc")
    for copy in copies {
      #expect(grouped.contains { copy.isSubset(of: $0) }, "not grouped: \(copy.sorted())")
    }
  }

  /// Every RSS item repeated across the feed snapshots with the same title and text is in one
  /// group (what `extract` prints for each item is the oracle).
  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: rss),
      "skipped: shared corpus folder \(rss) is absent"))
  func repeatedRSSItemsAreGrouped() throws {
    let extract = try cli.run(["extract", Self.rss, "--format", "json"])
    #expect(extract.status == 0)
    let items = try #require(
      try JSONSerialization.jsonObject(with: Data(extract.stdout.utf8)) as? [String: [String: Any]])
    var byText: [String: Set<String>] = [:]
    for (id, item) in items {
      let body = item["articleBody"] as? String ?? ""
      guard body.split(separator: " ").count >= 3 else { continue }
      byText["\(item["title"] as? String ?? "")\n\(body)", default: []].insert(id)
    }
    let repeated = byText.values.filter { $0.count >= 2 }
    #expect(repeated.count >= 100, "\(repeated.count) repeated items")
    let grouped = try groupsOfCorpus(Self.rss, name: "rss")
    for copies in repeated {
      #expect(grouped.contains { copies.isSubset(of: $0) }, "not grouped: \(copies.sorted())")
    }
  }

  /// Builds `corpus` into a temporary index and returns its duplicate groups.
  func groupsOfCorpus(_ corpus: String, name: String) throws -> Set<Set<String>> {
    let index = folder.file("index-\(name)")
    let build = try cli.run(["build", corpus, "--index", index, "-q"])
    #expect(build.status == 0, "\(build.stderr)")
    let output = try cli.run(["duplicates", "--index", index, "--format", "tsv"])
    #expect(output.status == 0, "\(output.stderr)")
    return Self.groups(output.stdout)
  }
}
