import Foundation
import NewsIndexBuild
import NewsIndexCore
import NewsIndexFormat
import NewsIndexSearch
import NewsIndexTestSupport
import Testing

/// A build never builds on damage: bytes flipped in every kind of index file (each segment file
/// kind, the source catalog, the duplicate table, `meta.json`) and truncations are all reported
/// by `check`, and a plain incremental build over them either refuses with
/// ``BuildError/damaged(_:generation:)`` writing nothing, or repairs (the duplicate table, which
/// it recomputes from the segments) and leaves a clean index. It never succeeds keeping damage.
@Suite struct BuildOnDamageTests {
  typealias Corpus = FaultInjectionTests.Corpus

  /// What happened to one damaged copy.
  enum Outcome: Equatable { case refused, repaired, keptDamage(String), otherError(String) }

  static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

  /// The damaged copies of one file: flips spread over it (header and footer included), and
  /// truncations. In `meta.json` only bytes that carry meaning are flipped, to bytes that are no
  /// whitespace: its checksum covers the commit's values, so a layout change (a space turned into
  /// a tab) is no damage.
  static func damagedCopies(of original: Data, name: String, random: inout SeededRandom) -> [(String, Data)] {
    var copies: [(String, Data)] = []
    // Header (magic, kind, version, reserved) and footer (length, CRC, magic) fields, then a spread.
    var positions = Set([0, 4, 8, 10, 12, 15].map { min($0, original.count - 1) })
    positions.formUnion([16, 8, 5, 1].map { max(0, original.count - $0) })
    for k in 0..<16 { positions.insert(k * original.count / 16) }
    for position in positions.sorted() {
      if name == "meta.json" && isWhitespace(original[position]) { continue }
      var bytes = original
      repeat {
        bytes[position] = original[position] ^ UInt8.random(in: 1...255, using: &random)
      } while name == "meta.json" && isWhitespace(bytes[position])
      copies.append(("byte \(position) flipped", bytes))
    }
    for length in Set([0, 1, original.count / 2, original.count - 1]) where length < original.count {
      copies.append(("truncated to \(length)", original.prefix(length)))
    }
    return copies
  }

  static func contents(_ path: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: path) where name != "write.lock" {
      files[name] = FileManager.default.contents(atPath: path + "/" + name)
    }
    return files
  }

  @Test func damageInEveryFileKindIsDetectedAndNeverBuiltOn() throws {
    let folder = TemporaryDirectory("newsindex-build-damage")
    defer { folder.remove() }
    let pristine = folder.file("pristine")
    try FaultInjectionTests.build(.first, into: pristine)
    let work = folder.file("index")
    try FaultInjectionTests.copy(pristine, to: work)
    let directory = IndexDirectory(path: work)
    #expect(IndexCheck.run(directory: directory).isClean)
    let answers = try FaultInjectionTests.answers(work)
    let names = try FileManager.default.contentsOfDirectory(atPath: pristine).filter { $0 != "write.lock" }.sorted()
    let kinds = Set(names.map { name in
      name == "meta.json" ? "meta" : name.hasPrefix("files-") ? "catalog" : String(name.split(separator: ".").last!)
    })
    #expect(kinds == Set(IndexFileKind.allCases.map(\.fileExtension) + ["meta", "catalog", "dups"]), "\(kinds)")

    var random = SeededRandom(seed: 14)
    var outcomes: [String: [Outcome]] = [:]
    var undetected: [String] = []
    for name in names {
      let original = try #require(FileManager.default.contents(atPath: pristine + "/" + name))
      for (what, bytes) in Self.damagedCopies(of: original, name: name, random: &random) {
        try FaultInjectionTests.copy(pristine, to: work)
        try bytes.write(to: URL(fileURLWithPath: directory.filePath(name)))
        let report = IndexCheck.run(directory: directory)
        if !report.problems.contains(where: { $0.path == directory.filePath(name) }) {
          undetected.append("\(name) \(what): \(report.problems)")
        }
        let before = try Self.contents(work)
        let outcome: Outcome
        do throws(BuildError) {
          try FaultInjectionTests.build(.first, into: work)
          let after = IndexCheck.run(directory: directory)
          outcome = after.isClean && (try? FaultInjectionTests.answers(work).dropFirst()) == answers.dropFirst()
            ? .repaired : .keptDamage("\(name) \(what): \(after.problems)")
        } catch {
          if case .damaged = error {
            outcome = try Self.contents(work) == before ? .refused : .keptDamage("\(name) \(what): refused but wrote")
          } else {
            outcome = .otherError("\(name) \(what): \(error)")
          }
        }
        outcomes[name, default: []].append(outcome)
      }
    }
    let all = outcomes.values.flatMap { $0 }
    let repaired = outcomes.filter { $0.value.contains(.repaired) }.keys.sorted()
    print(
      "build-on-damage: \(all.count) damaged copies of \(names.count) files; check missed \(undetected.count); "
        + "build refused \(all.filter { $0 == .refused }.count), repaired \(all.filter { $0 == .repaired }.count) (in \(repaired))"
    )
    #expect(all.count >= 500)
    #expect(undetected.isEmpty, "\(undetected.prefix(5))")
    #expect(all.allSatisfy { $0 == .refused || $0 == .repaired }, "\(all.filter { $0 != .refused && $0 != .repaired }.prefix(5))")
    // Only the duplicate table, derived data, is repaired; everything else stops the build.
    #expect(repaired.allSatisfy { $0.hasPrefix("dups-") }, "\(repaired)")
    #expect(outcomes.filter { !$0.key.hasPrefix("dups-") }.values.allSatisfy { $0.allSatisfy { $0 == .refused } })
  }

  /// `--rebuild` starts over from the sources whatever is damaged, the commit included, and
  /// leaves a clean index answering as before.
  @Test func aRebuildReplacesADamagedIndex() throws {
    let folder = TemporaryDirectory("newsindex-build-damage")
    defer { folder.remove() }
    let path = folder.file("index")
    try FaultInjectionTests.build(.first, into: path)
    let answers = try FaultInjectionTests.answers(path)
    let directory = IndexDirectory(path: path)
    let pick: [(Commit) -> String] = [{ _ in IndexDirectory.commitFileName }, { $0.catalogFile! }, { $0.segments[1].fileName(.postings) }]
    for choose in pick {
      let name = choose(try #require(try directory.readCommit()))
      var bytes = try #require(FileManager.default.contents(atPath: directory.filePath(name)))
      bytes[bytes.count / 2] ^= 0x10
      try bytes.write(to: URL(fileURLWithPath: directory.filePath(name)))
      #expect(throws: BuildError.self) { try FaultInjectionTests.build(.first, into: path) }
      var build = IndexBuild(directory: directory, threads: 1, maxSegmentCount: 1_000)
      build.maxDocumentsPerSegment = 5
      let documents = Corpus.first.documents
      _ = try build.run(sources: Corpus.first.sources, rebuild: true, contentHash: { _ in 1 }, extract: { [documents[$0]] })
      #expect(IndexCheck.run(directory: directory).isClean, "after damage to \(name)")
      #expect(try FaultInjectionTests.answers(path).dropFirst() == answers.dropFirst())
    }
  }

  /// The refusal is one line naming the damaged file and the way out.
  @Test func theRefusalNamesTheFileAndTheWayOut() throws {
    let folder = TemporaryDirectory("newsindex-build-damage")
    defer { folder.remove() }
    let path = folder.file("index")
    try FaultInjectionTests.build(.first, into: path)
    let directory = IndexDirectory(path: path)
    let commit = try #require(try directory.readCommit())
    let name = commit.segments[0].fileName(.terms)
    var bytes = try #require(FileManager.default.contents(atPath: directory.filePath(name)))
    bytes[20] ^= 0x01
    try bytes.write(to: URL(fileURLWithPath: directory.filePath(name)))
    do {
      try FaultInjectionTests.build(.first, into: path)
      Issue.record("the build went on")
    } catch {
      let text = error.description
      #expect(text.contains(directory.filePath(name)) && text.contains("checksum mismatch"), "\(text)")
      #expect(text.contains("generation \(commit.generation)") && text.contains("--rebuild"), "\(text)")
      #expect(!text.contains("\n"))
    }
  }
}
