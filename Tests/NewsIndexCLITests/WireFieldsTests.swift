import Foundation
import NewsIndexTestSupport
import Testing

/// End to end on the wire-copy fixtures (`Tests/Fixtures/wire`): `byline:` and `source:` find
/// the stories their bylines and datelines name, search output shows them, the default search
/// over title and body does not see them, and an index of the previous format asks for a rebuild.
@Suite(.serialized) final class WireFieldsTests {
  let cli = CommandRunner()
  let folder = TemporaryDirectory("newsindex-wire")
  var index: String { folder.file("index") }
  static let fixtures = CommandRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/wire")
    .path

  init() throws {
    let output = try CommandRunner().run([
      "build", Self.fixtures, "--index", folder.file("index"), "--threads", "1",
    ])
    #expect(output.status == 0, "\(output.stderr)")
  }

  deinit { folder.remove() }

  func hits(_ query: String) throws -> [[String: Any]] {
    let output = try cli.run(["search", query, "--index", index, "--format", "jsonl", "-k", "20"])
    return output.stdout.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  func ids(_ query: String) throws -> [String] {
    try hits(query).compactMap { $0["id"] as? String }
  }

  @Test func bylineQueriesFindTheReporters() throws {
    #expect(try ids("byline:\"zhang can\"") == ["xinhua-byline-first-yearless.txt"])
    #expect(try ids("byline:\"john smith\"") == ["ap-byline-caps.txt"])
    // Named in the Reuters credit trailer, which fills the empty byline.
    #expect(try ids("byline:\"ro jae-hun\"") == ["reuters-dateline-first.txt"])
    #expect(try ids("author:dubois") == ["afp-headline-byline-date.txt"])
    #expect(try ids("byline:\"zhang wei\"").isEmpty)
  }

  @Test func sourceQueriesFindTheAgencies() throws {
    #expect(try ids("source:xinhua") == ["xinhua-byline-first-yearless.txt"])
    #expect(try ids("source:ap") == ["ap-byline-caps.txt"])
    #expect(try ids("source:reuters") == ["reuters-dateline-first.txt"])
    #expect(
      Set(try ids("source:yonhap OR source:kyodo"))
        == ["yonhap-headline-full-date.txt", "kyodo-em-dash-lone-square.txt"])
    #expect(try ids("+ferry +source:xinhua") == ["xinhua-byline-first-yearless.txt"])
    #expect(try ids("ferry -source:xinhua").isEmpty)
  }

  @Test func searchOutputShowsBylineAndSource() throws {
    let hit = try #require(try hits("source:xinhua").first)
    #expect(hit["byline"] as? String == "Zhang Can")
    #expect(hit["source"] as? String == "Xinhua")
    let text = try cli.run(
      ["search", "source:xinhua", "--index", index], environment: ["NO_COLOR": "1"])
    #expect(text.stdout.contains("by Zhang Can, Xinhua"), "\(text.stdout)")
  }

  @Test func theDefaultSearchDoesNotSeeBylines() throws {
    // `Zhang` is only in the Xinhua story's byline, `Dubois` only in the AFP one's.
    #expect(try ids("zhang").isEmpty)
    #expect(try ids("dubois").isEmpty)
  }

  @Test func extractPrintsTheWireFields() throws {
    let output = try cli.run(["extract", Self.fixtures + "/xinhua-byline-first-yearless.txt"])
    #expect(output.status == 0)
    let json =
      try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: [String: Any]]
    let entry = try #require(json?.values.first)
    #expect(entry["byline"] as? String == "Zhang Can")
    #expect(entry["source"] as? String == "Xinhua")
    #expect(entry["place"] as? String == "SEOUL")
    #expect(entry["date"] as? String == "2025-12-24")
    #expect(entry["dateInferred"] as? Bool == true)
    #expect(entry["titleDerived"] as? Bool == true)
  }

  @Test func hyphenatedNamesAreFoundAsPartsJoinedAndPhrase() throws {
    // `Hwang Jae-ho` is in the Xinhua and the Yonhap story, `Lee Jae-myung` in the Yonhap one.
    // (The top hits: RM3's feedback may add weaker ones sharing other words.)
    let both: Set = ["xinhua-byline-first-yearless.txt", "yonhap-headline-full-date.txt"]
    for query in ["jae-ho", "jaeho", "\"jae ho\"", "\"hwang jae-ho\"", "\"hwang jaeho\"", "JaeHo"] {
      #expect(Set(try ids(query).prefix(2)) == both, "\(query)")
    }
    for query in [
      "jaemyung", "jae-myung", "\"jae myung\"", "\"lee jae-myung\"", "\"lee jaemyung\"",
    ] {
      #expect(try ids(query).first == "yonhap-headline-full-date.txt", "\(query)")
    }
    let exact = try cli.run(["search", "jaemyung", "--index", index, "--no-rm3", "--format", "tsv"])
    #expect(exact.stdout.split(separator: "\n").count == 1, "\(exact.stdout)")
    // The Reuters credit names Ro Jae-hun: the trailer left the body, so only byline: finds him.
    #expect(try ids("jaehun").isEmpty)
    #expect(try ids("byline:jaehun") == ["reuters-dateline-first.txt"])
    // A phrase across the joined word and the next part's neighbour keeps the parts' positions.
    #expect(try ids("\"jae ho said\"") == ["xinhua-byline-first-yearless.txt"])
  }

  @Test func anIndexOfTheOldFormatAsksForARebuild() throws {
    let old = folder.file("old")
    try FileManager.default.copyItem(atPath: index, toPath: old)
    let meta = old + "/meta.json"
    let text = try String(contentsOfFile: meta, encoding: .utf8)
    try text.replacingOccurrences(of: "\"formatVersion\" : 3", with: "\"formatVersion\" : 2")
      .write(toFile: meta, atomically: true, encoding: .utf8)
    let output = try cli.run(["search", "ferry", "--index", old])
    #expect(output.status == 2)
    #expect(output.stderr.split(separator: "\n").count == 1, "\(output.stderr)")
    #expect(
      output.stderr.contains("format version 2") && output.stderr.contains("rebuild"),
      "\(output.stderr)")
  }
}
