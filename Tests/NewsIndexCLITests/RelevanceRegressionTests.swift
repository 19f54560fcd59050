import Foundation
import NewsIndexTestSupport
import Testing

/// Ranking quality must not regress: `scripts/relevance.sh` runs the built binary on the test
/// collections in `../shared/corpora` and every MAP must reach the value recorded in
/// `scripts/relevance-baseline.tsv` (minus 0.0005, the rounding of the recorded 4 decimals).
///
/// In a debug build the five classic collections take about a minute, so by default MED, CACM
/// and NPL run (~15–25 s); `NEWSINDEX_RELEVANCE_ALL=1` adds Cranfield and CISI. The news
/// collection (Reuters-21578 with the reuters21578-topics queries) is its own test. Skipped,
/// saying why, when the corpora, the harness's converters or python3 are absent.
@Suite struct RelevanceRegressionTests {
  static let root = CommandRunner.repositoryRoot
  static let corpora = root.appendingPathComponent("../shared/corpora").standardizedFileURL
  static let peers = root.appendingPathComponent("../shared/bench/peers").standardizedFileURL

  static var missing: String? {
    if !FileManager.default.fileExists(atPath: corpora.path) { return "\(corpora.path) is absent" }
    if !FileManager.default.fileExists(atPath: peers.appendingPathComponent("convert_smart.py").path) {
      return "\(peers.path)/convert_smart.py is absent"
    }
    if !hasPython { return "python3 is not on PATH" }
    return nil
  }

  static var hasPython: Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", ""]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  static var missingNews: String? {
    if let missing { return missing }
    for path in [
      corpora.appendingPathComponent("reuters21578/distribution"),
      corpora.appendingPathComponent("reuters21578-topics/qrels.txt"),
      peers.appendingPathComponent("convert_reuters.py"),
    ] where !FileManager.default.fileExists(atPath: path.path) {
      return "\(path.path) is absent"
    }
    return nil
  }

  /// collection → recorded MAP.
  static func baseline() throws -> [String: Double] {
    let text = try String(contentsOf: root.appendingPathComponent("scripts/relevance-baseline.tsv"), encoding: .utf8)
    var values: [String: Double] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let columns = line.split(separator: "\t")
      if columns.count >= 2, let map = Double(columns[1]) { values[String(columns[0])] = map }
    }
    return values
  }

  @Test(.enabled(if: Self.missing == nil, "skipped: \(Self.missing ?? "")"))
  func mapStaysAtOrAboveTheRecordedBaseline() throws {
    let all = ProcessInfo.processInfo.environment["NEWSINDEX_RELEVANCE_ALL"] == "1"
    try Self.check(all ? ["cranfield", "cisi", "med", "cacm", "npl"] : ["med", "cacm", "npl"])
  }

  @Test(.enabled(if: Self.missingNews == nil, "skipped: \(Self.missingNews ?? "")"))
  func newsMapStaysAtOrAboveTheRecordedBaseline() throws {
    try Self.check(["reuters21578-topics"])
  }

  /// Runs relevance.sh on `collections` and compares each MAP with the baseline.
  static func check(_ collections: [String]) throws {
    let baseline = try Self.baseline()
    let work = TemporaryDirectory("newsindex-relevance")
    defer { work.remove() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [Self.root.appendingPathComponent("scripts/relevance.sh").path, "--bin", CommandRunner.binary.path]
      + collections
    var environment = ProcessInfo.processInfo.environment
    environment["WORK"] = work.path
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let table = String(decoding: data, as: UTF8.self)
    try #require(process.terminationStatus == 0, "relevance.sh exited \(process.terminationStatus):\n\(table)")
    var seen: Set<String> = []
    for line in table.split(separator: "\n").dropFirst() {
      let columns = line.split(separator: " ")
      guard columns.count >= 2, let map = Double(columns[1]) else { continue }
      let name = String(columns[0])
      let recorded = try #require(baseline[name], "no baseline for \(name)")
      #expect(map >= recorded - 0.0005, "\(name): MAP \(map) fell below the recorded \(recorded)")
      seen.insert(name)
    }
    #expect(seen == Set(collections), "missing rows in:\n\(table)")
  }
}
