import Foundation
import NewsIndexTestSupport
import Testing

/// A sample of damaged indexes through the binary: `check` reports and exits 2; `search` exits 2
/// with one stderr line and prints no hit. The bulk (over 1,000 positions) runs in process in
/// `Tests/NewsIndexSearchTests/IndexCorruptionTests.swift`.
@Suite struct CorruptionTests {
  let cli = TimedCommand(seconds: 60)

  @Test func damagedFilesAreReportedByCheckAndRefusedBySearch() throws {
    let folder = TemporaryDirectory("newsindex-corrupt")
    defer { folder.remove() }
    let index = folder.file("index")
    let corpus = CommandRunner.repositoryRoot.appendingPathComponent("corpus").path
    #expect(try cli.run(["build", corpus, "--index", index, "-q"]).status == 0)
    #expect(try cli.run(["check", "--index", index]).status == 0)
    let names = try FileManager.default.contentsOfDirectory(atPath: index)
      .filter { $0.hasPrefix("seg-") || $0 == "meta.json" }.sorted()
    var random = SeededRandom(seed: 5)
    var tried = 0
    for name in names {
      let path = index + "/" + name
      let original = try #require(FileManager.default.contents(atPath: path))
      defer { try? original.write(to: URL(fileURLWithPath: path)) }
      var variants: [(String, Data)] = [
        ("truncated to \(original.count / 2)", original.prefix(original.count / 2))
      ]
      // meta.json: JSON punctuation, and a digit (a count) turned into another digit, which only
      // the commit's checksum reveals.
      let digit = original.firstIndex { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "8") } ?? 1
      let positions =
        name == "meta.json"
        ? [0, original.firstIndex(of: UInt8(ascii: ":")) ?? 1, digit, original.count - 1]
        : [0, 9, original.count / 3, original.count / 2, original.count - 10, original.count - 1]
      for position in positions {
        var bytes = original
        bytes[position] ^= name == "meta.json" && position == digit ? 1 : UInt8.random(in: 1...255, using: &random)
        variants.append(("byte \(position) flipped", bytes))
      }
      for (what, bytes) in variants {
        try bytes.write(to: URL(fileURLWithPath: path))
        tried += 1
        let check = try cli.run(["check", "--index", index])
        #expect(
          check.status == 2 && !check.stderr.isEmpty, "\(name) \(what): check said \(check.stdout)")
        let search = try cli.run(["search", "interest rates OR korea", "--index", index])
        #expect(!search.timedOut)
        #expect(search.status == 2, "\(name) \(what): search exited \(search.status)")
        #expect(search.stderrLines.count == 1, "\(name) \(what): \(search.stderr)")
        #expect(search.stdout.isEmpty, "\(name) \(what): search printed hits")
      }
    }
    #expect(tried >= 30)
  }

  /// `build` over a damaged segment file, source catalog or `meta.json` exits 2 with one line
  /// naming the file and `--rebuild`, writing nothing; `check` reports each; `--rebuild` repairs.
  @Test func aBuildOverDamageStopsAndARebuildRepairs() throws {
    let folder = TemporaryDirectory("newsindex-corrupt")
    defer { folder.remove() }
    let index = folder.file("index")
    let corpus = CommandRunner.repositoryRoot.appendingPathComponent("corpus").path
    #expect(try cli.run(["build", corpus, "--index", index, "-q"]).status == 0)
    let names = try FileManager.default.contentsOfDirectory(atPath: index)
    let damaged = [
      try #require(names.first { $0.hasSuffix(".doc") }), try #require(names.first { $0.hasPrefix("files-") }),
      "meta.json",
    ]
    for name in damaged {
      let path = index + "/" + name
      let original = try #require(FileManager.default.contents(atPath: path))
      var bytes = original
      let position = name == "meta.json" ? try #require(bytes.firstIndex(of: UInt8(ascii: "["))) : bytes.count / 2
      bytes[position] ^= 0x04
      try bytes.write(to: URL(fileURLWithPath: path))
      let check = try cli.run(["check", "--index", index])
      #expect(check.status == 2 && (check.stdout + check.stderr).contains(name), "\(name): \(check.stdout)")
      let build = try cli.run(["build", corpus, "--index", index, "-q"])
      #expect(build.status == 2, "\(name): build exited \(build.status)")
      #expect(build.stderrLines.count == 1, "\(name): \(build.stderr)")
      #expect(build.stderr.contains(name) && build.stderr.contains("--rebuild"), "\(name): \(build.stderr)")
      #expect(FileManager.default.contents(atPath: path) == bytes, "\(name): the build left the file as it was")
      try original.write(to: URL(fileURLWithPath: path))
    }
    let path = index + "/meta.json"
    var bytes = try #require(FileManager.default.contents(atPath: path))
    bytes[bytes.count - 2] ^= 0x01
    try bytes.write(to: URL(fileURLWithPath: path))
    #expect(try cli.run(["build", corpus, "--index", index, "-q"]).status == 2)
    #expect(try cli.run(["build", corpus, "--index", index, "-q", "--rebuild"]).status == 0)
    #expect(try cli.run(["check", "--index", index]).status == 0)
  }
}
