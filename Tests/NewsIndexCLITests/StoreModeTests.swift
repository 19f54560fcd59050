import Foundation
import NewsIndexTestSupport
import Testing

/// `build --store none|compact|full`: a smaller store, the same hits, and output that says what
/// is not stored instead of showing empty stories; another mode re-indexes.
@Suite struct StoreModeTests {
  let cli = CommandRunner()

  func storeBytes(_ index: String) throws -> Int {
    let stats = try cli.run(["stats", "--index", index, "--format", "json"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
    let kinds = try #require(object["bytes_by_kind"] as? [String: Int])
    #expect(object["store"] as? String != nil)
    return try #require(kinds["store"])
  }

  func ids(_ output: CommandRunner.Output) -> [String] {
    output.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[1]) }
  }

  @Test func smallerStoresGiveTheSameHitsAndSayWhatIsMissing() throws {
    let folder = TemporaryDirectory("newsindex-store")
    defer { folder.remove() }
    var bytes: [String: Int] = [:]
    var hits: [String: [String]] = [:]
    for mode in ["full", "compact", "none"] {
      let index = folder.file(mode)
      let build = try cli.run(["build", "corpus", "--index", index, "--store", mode, "-q"])
      #expect(build.status == 0, "\(build.stderr)")
      #expect(try cli.run(["check", "--index", index]).status == 0)
      bytes[mode] = try storeBytes(index)
      hits[mode] = ids(try cli.run(["search", "interest rates", "--index", index, "--format", "tsv", "-k", "20"]))
      let text = try cli.run(["search", "interest rates", "--index", index, "-k", "3"]).stdout
      let json = try cli.run(["search", "interest rates", "--index", index, "-k", "1", "--format", "jsonl"]).stdout
      switch mode {
      case "compact":
        #expect(text.contains("(no snippet: the body is not stored, index built with --store compact)"), "\(text)")
        #expect(!text.contains("(title not stored)"))
        #expect(json.contains("\"store\":\"compact\""), "\(json)")
      case "none":
        #expect(text.contains("(not stored: index built with --store none)") && text.contains("(title not stored)"))
        #expect(json.contains("\"store\":\"none\""), "\(json)")
      default:
        #expect(!text.contains("not stored") && !json.contains("\"store\""), "\(text)")
      }
    }
    #expect(hits["full"]!.count >= 5)
    #expect(hits["compact"] == hits["full"] && hits["none"] == hits["full"])
    #expect(bytes["compact"]! < bytes["full"]! / 2, "\(bytes)")
    #expect(bytes["none"]! < bytes["compact"]!, "\(bytes)")
  }

  @Test func anotherModeReindexesEveryFile() throws {
    let folder = TemporaryDirectory("newsindex-store")
    defer { folder.remove() }
    let index = folder.file("index")
    #expect(try cli.run(["build", "corpus", "--index", index, "--store", "none", "-q"]).status == 0)
    let again = try cli.run(["build", "corpus", "--index", index, "--store", "none", "-q"])
    #expect(again.stdout.hasPrefix("nothing to do"), "\(again.stdout)")
    let full = try cli.run(["build", "corpus", "--index", index, "-q"])
    #expect(full.status == 0 && full.stdout.contains("29 added"), "\(full.stdout)")
    let text = try cli.run(["search", "interest rates", "--index", index, "-k", "3"]).stdout
    #expect(!text.contains("not stored"), "\(text)")
    #expect(try storeBytes(index) > 0)
    #expect(try cli.run(["build", "corpus", "--index", index, "--store", "bogus"]).status == 64)
  }
}
