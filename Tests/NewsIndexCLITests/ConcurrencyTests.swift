import Foundation
import NewsIndexFormat
import NewsIndexTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Readers during a build see one whole commit; a writer killed with SIGKILL leaves no lock behind.
@Suite(.serialized) struct ConcurrencyTests {
  let cli = TimedCommand(seconds: 60)

  /// A corpus big enough that a build lasts a while: copies of corpus/ under distinct names.
  static func writeCorpus(_ folder: TemporaryDirectory, name: String, copies: Int, marker: String)
    throws
  {
    let corpus = CommandRunner.repositoryRoot.appendingPathComponent("corpus").path
    for copy in 0..<copies {
      try FileManager.default.copyItem(atPath: corpus, toPath: folder.file("\(name)/copy-\(copy)"))
    }
    folder.write("\(name)/marker.txt", "Marker headline\n\nthe \(marker) story")
  }

  @Test func searchesDuringABuildSeeOneCommitOrTheOther() throws {
    let folder = TemporaryDirectory("newsindex-concurrent")
    defer { folder.remove() }
    try Self.writeCorpus(folder, name: "a", copies: 2, marker: "aardwolf")
    try Self.writeCorpus(folder, name: "b", copies: 30, marker: "bonobo")
    let index = folder.file("index")
    #expect(try cli.run(["build", folder.file("a"), "--index", index, "-q"]).status == 0)
    // A phrase keeps RM3 feedback off: its scores vary in the last digits from run to run.
    let query = [
      "search", "\"interest rates\" OR aardwolf OR bonobo", "--index", index, "--format", "tsv", "-k",
      "5",
    ]
    let before = try cli.run(query)
    #expect(before.status == 0)

    let (build, _, _) = try TimedCommand.start([
      "build", folder.file("b"), "--index", index, "-q", "--threads", "1",
    ])
    var answers: [String: Int] = [:]
    var searches = 0
    while build.isRunning && searches < 200 {
      let output = try cli.run(query)
      searches += 1
      #expect(output.status == 0, "search during the build failed: \(output.stderr)")
      #expect(output.stderr.isEmpty, "\(output.stderr)")
      answers[output.stdout, default: 0] += 1
    }
    build.waitUntilExit()
    #expect(build.terminationStatus == 0)
    let after = try cli.run(query)
    #expect(after.stdout != before.stdout)
    // The reader really ran during the build: at least one search answered before its commit.
    #expect(searches >= 1, "the build finished before any search ran")
    #expect(answers[before.stdout, default: 0] >= 1, "no search during the build saw the old commit")
    let unexpected = answers.keys.filter { $0 != before.stdout && $0 != after.stdout }
    #expect(unexpected.isEmpty, "answers from neither commit: \(unexpected)")
    print(
      "concurrent searches: \(searches) during the build; \(answers[before.stdout] ?? 0) saw the old commit, \(answers[after.stdout] ?? 0) the new"
    )
  }

  @Test func aBuildKilledWithSIGKILLLeavesNoStaleLock() throws {
    let folder = TemporaryDirectory("newsindex-stale-lock")
    defer { folder.remove() }
    try Self.writeCorpus(folder, name: "a", copies: 1, marker: "aardwolf")
    try Self.writeCorpus(folder, name: "b", copies: 20, marker: "bonobo")
    let index = folder.file("index")
    #expect(try cli.run(["build", folder.file("a"), "--index", index, "-q"]).status == 0)
    let (build, _, _) = try TimedCommand.start([
      "build", folder.file("b"), "--index", index, "-q", "--threads", "1",
    ])
    // Wait until it holds the lock, then check that a second writer is refused at once, then kill it.
    var sawLock = false
    for _ in 0..<1_000 where build.isRunning {
      do {
        let probe = try WriteLock(directory: IndexDirectory(path: index))
        probe.release()
        usleep(5_000)
      } catch {
        sawLock = error == .locked(path: index + "/write.lock")
        break
      }
    }
    let second = try cli.run(["build", folder.file("a"), "--index", index, "-q"])
    #expect(
      second.status == 2 && second.stderr.contains("write.lock") && second.seconds < 5,
      "\(second.stderr)")
    kill(build.processIdentifier, SIGKILL)
    build.waitUntilExit()
    #expect(sawLock, "the build ended before a second writer could see its lock")
    #expect(
      FileManager.default.fileExists(atPath: index + "/write.lock"), "the lock file stays behind")
    #expect(
      try cli.run(["search", "aardwolf", "--index", index]).status == 0,
      "the previous commit survives")
    #expect(try cli.run(["check", "--index", index]).status == 0)
    let rebuild = try cli.run(["build", folder.file("b"), "--index", index, "-q"])
    #expect(rebuild.status == 0, "the lock of the killed writer is recovered: \(rebuild.stderr)")
    #expect(try cli.run(["search", "bonobo", "--index", index]).status == 0)
    #expect(try cli.run(["check", "--index", index]).status == 0)
  }
}
