import Foundation
import NewsIndexTestSupport
import Testing

/// One `--format` vocabulary (docs/OUTPUT.md): every command lists names from it in `--help`,
/// accepts each one it lists, and `jsonl` output parses line by line, `json` as one document.
@Suite(.serialized) final class OutputFormatTests {
  static let vocabulary: Set<String> = ["text", "jsonl", "json", "tsv", "trec"]

  let cli = CommandRunner()
  let folder = TemporaryDirectory("newsindex-formats")
  var index: String { folder.file("index") }

  init() throws {
    // Two more copies of a story, so that `duplicates` has a group to print.
    let copies = folder.file("copies")
    try FileManager.default.createDirectory(atPath: copies, withIntermediateDirectories: true)
    let story = CommandRunner.repositoryRoot.appendingPathComponent("corpus/text/korea-canada-free-trade-agreement.txt")
    for name in ["a.txt", "b.txt"] {
      try FileManager.default.copyItem(atPath: story.path, toPath: copies + "/" + name)
    }
    let build = try CommandRunner().run(
      ["build", "corpus", copies, "--index", folder.file("index"), "--threads", "2"])
    precondition(build.status == 0, build.stderr)
    let queries = "q1\tcocoa exports\nq2\tinterest rates\n"
    try queries.write(toFile: folder.file("queries.tsv"), atomically: true, encoding: .utf8)
    let run = try CommandRunner().run(["batch", folder.file("queries.tsv"), "--index", folder.file("index")])
    try run.stdout.write(toFile: folder.file("run.txt"), atomically: true, encoding: .utf8)
    let judged = run.stdout.split(separator: "\n").prefix(3).map { line in
      let columns = line.split(separator: " ")
      return "\(columns[0]) 0 \(columns[2]) 1\n"
    }.joined()
    try judged.write(toFile: folder.file("qrels.txt"), atomically: true, encoding: .utf8)
  }

  deinit { folder.remove() }

  /// Each command with the arguments of one run that prints something.
  var commands: [(name: String, arguments: [String])] {
    [
      ("search", ["search", "cocoa", "--index", index]),
      ("batch", ["batch", folder.file("queries.tsv"), "--index", index]),
      ("duplicates", ["duplicates", "--index", index]),
      ("extract", ["extract", "corpus/text"]),
      ("stats", ["stats", "--index", index]),
      ("check", ["check", "--index", index]),
      ("eval", ["eval", folder.file("qrels.txt"), folder.file("run.txt"), "-q"]),
    ]
  }

  /// The values `--help` lists for `--format` ("(values: a, b; default: a)").
  func listedFormats(_ command: String) throws -> [String] {
    let help = try cli.run([command, "--help"]).stdout
    guard let option = help.range(of: "  --format <format>") else { return [] }
    let rest = help[option.upperBound...]
    guard let values = rest.range(of: "(values:"), let end = rest[values.upperBound...].firstIndex(of: ";") else {
      return []
    }
    return rest[values.upperBound..<end].split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
  }

  @Test func everyCommandListsFormatsOfTheOneVocabulary() throws {
    for (name, _) in commands {
      let formats = try listedFormats(name)
      #expect(!formats.isEmpty, "\(name) --help lists no formats")
      #expect(Set(formats).isSubset(of: Self.vocabulary), "\(name): \(formats)")
    }
    #expect(try listedFormats("search") == ["text", "jsonl", "json", "tsv"])
    #expect(try listedFormats("batch") == ["trec", "jsonl", "json", "tsv"])
    #expect(try listedFormats("duplicates") == ["text", "tsv", "jsonl", "json"])
  }

  @Test func everyCommandWritesEveryFormatItLists() throws {
    for (name, arguments) in commands {
      for format in try listedFormats(name) {
        let output = try cli.run(arguments + ["--format", format])
        let label = "\(name) --format \(format)"
        #expect(output.status == 0, "\(label): \(output.stderr)")
        #expect(!output.stdout.isEmpty, "\(label)")
        // search's json is still the old spelling of jsonl this release (with a notice).
        let lines = name == "search" && format == "json" ? "jsonl" : format
        switch lines {
        case "jsonl":
          let rows = output.stdout.split(separator: "\n")
          #expect(!rows.isEmpty, "\(label)")
          for row in rows {
            #expect(
              (try? JSONSerialization.jsonObject(with: Data(row.utf8))) is [String: Any], "\(label): \(row.prefix(200))")
          }
        case "json":
          let document = try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
          #expect(document != nil, "\(label): \(output.stdout.prefix(200))")
          // The extract predictions layout is keyed by document id (../shared/bench/extract).
          if name != "extract" { #expect(document?["schema_version"] as? Int == 1, "\(label)") }
        case "tsv":
          #expect(output.stdout.split(separator: "\n").allSatisfy { $0.contains("\t") }, "\(label)")
        case "trec":
          #expect(output.stdout.split(separator: "\n").allSatisfy { $0.split(separator: " ").count == 6 }, "\(label)")
        default:
          break
        }
      }
    }
  }

  @Test func searchJSONKeepsItsOldOutputForOneReleaseWithANotice() throws {
    let old = try cli.run(["search", "cocoa", "--index", index, "--format", "json"])
    let new = try cli.run(["search", "cocoa", "--index", index, "--format", "jsonl"])
    #expect(old.stdout == new.stdout)
    #expect(old.stderr.contains("use --format jsonl"), "\(old.stderr)")
    #expect(old.stderr.split(separator: "\n").count == 1)
    #expect(new.stderr.isEmpty)
  }

  @Test func theSameFieldNamesAcrossCommands() throws {
    let hit = try cli.run(["search", "cocoa", "--index", index, "--format", "jsonl", "-k", "1"]).stdout
    let searchHit = try #require(try JSONSerialization.jsonObject(with: Data(hit.utf8)) as? [String: Any])
    let batch = try cli.run(["batch", folder.file("queries.tsv"), "--index", index, "--format", "json", "-k", "1"]).stdout
    let result = try #require(try JSONSerialization.jsonObject(with: Data(batch.utf8)) as? [String: Any])
    let queries = try #require(result["queries"] as? [[String: Any]])
    #expect(queries.count == 2)
    let batchHit = try #require((queries[0]["hits"] as? [[String: Any]])?.first)
    for key in ["rank", "id", "score", "duplicates"] {
      #expect(searchHit[key] != nil && batchHit[key] != nil, "\(key)")
    }
    let document = try cli.run(["extract", "corpus/text", "--format", "jsonl"]).stdout.split(separator: "\n")[0]
    let extracted = try #require(try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any])
    for key in ["id", "title", "date", "byline", "source", "path"] {
      #expect(searchHit[key] != nil && extracted[key] != nil, "\(key)")
    }
  }
}
