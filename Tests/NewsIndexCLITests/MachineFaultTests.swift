import Foundation
import NewsIndexFormat
import NewsIndexTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Faults of the machine through the built binary: a full disk and an I/O error (injected with
/// `NEWSINDEX_FAULT_PLAN`, debug builds only) give one line and exit 2 and leave the index as it
/// was; SIGINT and SIGTERM stop a build with exit 130 / 143 and one line, leaving only the
/// commit's files; `search` and `batch` stop at once on Ctrl-C. Every fault point of the
/// library's writers is covered in process by `FaultInjectionTests`.
@Suite(.serialized) struct MachineFaultTests {
  let cli = CommandRunner()
  let timed = TimedCommand(seconds: 120)

  /// Stderr without blank lines.
  static func lines(_ text: String) -> [String] {
    text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
  }

  /// `check` is clean and names no stray file, and the folder holds only the commit's files.
  func expectOnlyTheCommit(_ index: String, _ comment: Comment) throws {
    let check = try cli.run(["check", "--index", index])
    #expect(check.status == 0 && check.stderr.isEmpty, "\(comment): \(check.stderr)")
    let directory = IndexDirectory(path: index)
    #expect(directory.unreferencedFiles(of: try directory.readCommit()).isEmpty, comment)
  }

  @Test(.enabled(if: isDebugBinary())) func aFullDiskIsOneLineAndTheRetrySucceeds() throws {
    let folder = TemporaryDirectory("newsindex-full-disk")
    defer { folder.remove() }
    let index = folder.file("index")
    #expect(try cli.run(["build", "corpus", "--index", index, "-q"]).status == 0)
    let query = ["search", "\"free trade agreement\" OR rates", "--index", index, "--format", "tsv"]
    let before = try cli.run(query)
    for (n, fault) in [(1, "nospace"), (9, "nospace"), (24, "nospace"), (12, "eio"), (22, "eio")] {
      let comment: Comment = "write \(n) failing with \(fault)"
      let failed = try cli.run(
        ["build", "corpus", "--index", index, "-q", "--rebuild"], environment: ["NEWSINDEX_FAULT_PLAN": "write:\(n):\(fault)"])
      #expect(failed.status == 2, "\(comment): \(failed.stdout) \(failed.stderr)")
      let lines = Self.lines(failed.stderr)
      #expect(lines.count == 1, "\(comment): \(failed.stderr)")
      if fault == "nospace" {
        #expect(
          lines.first?.hasPrefix("newsindex: error: \(index): no space left on device after the build wrote ") == true,
          "\(comment): \(failed.stderr)")
        #expect(lines.first?.contains("now removed; the index is unchanged, generation 1") == true, comment)
      } else {
        #expect(lines.first?.contains("cannot write (Input/output error)") == true, "\(comment): \(failed.stderr)")
      }
      #expect(try cli.run(query).stdout == before.stdout, comment)
      try expectOnlyTheCommit(index, comment)
    }
    let retry = try cli.run(["build", "corpus", "--index", index, "-q", "--rebuild"])
    #expect(retry.status == 0 && retry.stdout.contains("indexed 29 files"), "\(retry.stderr)")
    try expectOnlyTheCommit(index, "after the retry")
    let shown = try cli.run(
      ["build", "corpus", "--index", index, "-q", "--rebuild"], environment: ["NEWSINDEX_FAULT_PLAN": "write:20:nospace"])
    print("full disk: \(Self.lines(shown.stderr).joined())")
  }

  /// A real full disk: a small tmpfs (when this user may mount one). The failed build leaves
  /// nothing, so the retry succeeds with room for the new files alone.
  @Test(.enabled(if: SmallDisk.canMount())) func aRealFullDiskLeavesNothingAndTheRetryNeedsOnlyRoomForTheNewFiles()
    throws
  {
    let folder = TemporaryDirectory("newsindex-tmpfs")
    defer { folder.remove() }
    let disk = try #require(SmallDisk(at: folder.file("disk"), kilobytes: 512))
    defer { disk.unmount() }
    let index = disk.path + "/index"
    #expect(try cli.run(["build", "corpus", "--index", index, "-q"]).status == 0)
    let indexBytes = try FileManager.default.contentsOfDirectory(atPath: index).reduce(0) { total, name in
      total + ((try FileManager.default.attributesOfItem(atPath: index + "/" + name)[.size] as? Int) ?? 0)
    }
    let filler = disk.path + "/filler"
    disk.fill(filler, leavingBytes: 40 << 10)
    let failed = try cli.run(["build", "corpus", "--index", index, "-q", "--rebuild"])
    #expect(failed.status == 2)
    let lines = Self.lines(failed.stderr)
    #expect(lines.count == 1, "\(failed.stderr)")
    #expect(lines.first?.hasPrefix("newsindex: error: \(index): no space left on device after the build wrote ") == true)
    #expect(lines.first?.contains("now removed; the index is unchanged, generation 1") == true, "\(failed.stderr)")
    try expectOnlyTheCommit(index, "after the full disk")
    // Room for the new files (and the 4 KB pages they round up to), not for any debris besides.
    disk.fill(filler, leavingBytes: indexBytes + (48 << 10))
    let retry = try cli.run(["build", "corpus", "--index", index, "-q", "--rebuild"])
    #expect(retry.status == 0, "\(retry.stderr)")
    try expectOnlyTheCommit(index, "after the retry")
    print("real full disk: \(lines.joined())")
  }

  @Test func aBuildWithNothingToDoSaysSo() throws {
    let folder = TemporaryDirectory("newsindex-nothing")
    defer { folder.remove() }
    let index = folder.file("index")
    #expect(try cli.run(["build", "corpus", "--index", index, "-q"]).status == 0)
    let names = try FileManager.default.contentsOfDirectory(atPath: index).sorted()
    let again = try cli.run(["build", "corpus", "--index", index, "-q"])
    #expect(again.status == 0)
    #expect(
      again.stdout.hasPrefix(
        "nothing to do: 29 files (0 added, 0 updated, 0 deleted, 29 unchanged); index \(index) stays at generation 1"),
      "\(again.stdout)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: index).sorted() == names)
  }

  /// Starts a build of a corpus big enough to last, waits until it writes its segment files,
  /// sends `signals` and returns the output, the seconds from the first signal to the exit, and
  /// the index folder.
  func interruptedBuild(_ folder: TemporaryDirectory, signals: [Int32]) throws -> (
    TimedCommand.Output, Double, String
  ) {
    try ConcurrencyTests.writeCorpus(folder, name: "big", copies: 40, marker: "bonobo")
    let index = folder.file("index")
    #expect(try cli.run(["build", "corpus", "--index", index, "-q"]).status == 0)
    let (build, out, err) = try TimedCommand.start([
      "build", folder.file("big"), "--index", index, "-q", "--threads", "1",
    ])
    for _ in 0..<2_000 where build.isRunning {
      if FileManager.default.fileExists(atPath: index + "/seg-000002-0_0.store") { break }
      usleep(5_000)
    }
    usleep(200_000)
    #expect(build.isRunning, "the build ended before the signal")
    let sent = Date()
    for signal in signals {
      kill(build.processIdentifier, signal)
      usleep(20_000)
    }
    build.waitUntilExit()
    let seconds = Date().timeIntervalSince(sent)
    let output = TimedCommand.Output(
      status: build.terminationStatus,
      stdout: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
      stderr: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), timedOut: false,
      seconds: seconds)
    return (output, seconds, index)
  }

  @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
  func aSignalStopsTheBuildAndLeavesTheIndexAsItWas(signal: Int32, status: Int32) throws {
    let folder = TemporaryDirectory("newsindex-signal")
    defer { folder.remove() }
    let (output, seconds, index) = try interruptedBuild(folder, signals: [signal])
    #expect(output.status == status, "\(output.stderr)")
    #expect(output.stderrLines == ["newsindex: interrupted: the index is unchanged, generation 1"], "\(output.stderr)")
    #expect(seconds < 3, "stopped \(seconds) s after the signal")
    try expectOnlyTheCommit(index, "after signal \(signal)")
    #expect(try cli.run(["search", "bonobo", "--index", index]).status == 1)
    #expect(try cli.run(["build", "corpus", "--index", index, "-q"]).stdout.hasPrefix("nothing to do"))
    let delay = String(format: "%.2f", seconds)
    print("signal \(signal): exit \(output.status) \(delay) s after it: \(output.stderrLines.joined())")
  }

  @Test func aSecondCtrlCExitsAtOnceAndTheNextBuildClearsWhatItLeft() throws {
    let folder = TemporaryDirectory("newsindex-signal-twice")
    defer { folder.remove() }
    let (output, _, index) = try interruptedBuild(folder, signals: [SIGINT, SIGINT])
    #expect(output.status == 130, "\(output.stderr)")
    let check = try cli.run(["check", "--index", index])
    #expect(check.status == 0, "\(check.stderr)")
    let next = try cli.run(["build", "corpus", "--index", index, "-q"])
    #expect(next.status == 0 && next.stdout.hasPrefix("nothing to do"), "\(next.stdout) \(next.stderr)")
    try expectOnlyTheCommit(index, "after the next build")
  }

  @Test(.timeLimit(.minutes(1))) func batchStopsAtOnceOnCtrlC() throws {
    let folder = TemporaryDirectory("newsindex-batch-signal")
    defer { folder.remove() }
    let index = folder.file("index")
    #expect(try cli.run(["build", "corpus", "--index", index, "-q"]).status == 0)
    // Batch waits for queries on a stdin that never ends.
    let process = Process()
    process.executableURL = CommandRunner.binary
    process.arguments = ["batch", "-", "--index", index]
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    usleep(300_000)
    let sent = Date()
    process.interrupt()
    process.waitUntilExit()
    #expect(Date().timeIntervalSince(sent) < 2)
    #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGINT)
    try? input.fileHandleForWriting.close()
  }
}

/// A tmpfs of a few hundred KB, mounted for one test.
struct SmallDisk {
  let path: String

  /// Whether `mount -t tmpfs` works here (root in a container that allows it).
  static func canMount() -> Bool {
    guard getuid() == 0 else { return false }
    let folder = TemporaryDirectory("newsindex-tmpfs-probe")
    defer { folder.remove() }
    guard let disk = SmallDisk(at: folder.file("disk"), kilobytes: 64) else { return false }
    disk.unmount()
    return true
  }

  init?(at path: String, kilobytes: Int) {
    self.path = path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path]) else { return nil }
  }

  func unmount() { _ = Self.run("/bin/umount", [path]) }

  /// Sizes the file at `filler` so that `bytes` stay free.
  func fill(_ filler: String, leavingBytes bytes: Int) {
    if !FileManager.default.fileExists(atPath: filler) {
      _ = FileManager.default.createFile(atPath: filler, contents: nil)
    }
    var info = statvfs()
    guard statvfs(path, &info) == 0 else { return }
    let free = Int(info.f_bavail) * Int(info.f_frsize)
    let current = ((try? FileManager.default.attributesOfItem(atPath: filler)[.size]) as? Int) ?? 0
    let target = max(0, current + free - bytes) / 4096 * 4096
    guard let handle = FileHandle(forWritingAtPath: filler) else { return }
    defer { try? handle.close() }
    if target < current {
      try? handle.truncate(atOffset: UInt64(target))
    } else {
      _ = try? handle.seekToEnd()
      try? handle.write(contentsOf: Data(count: target - current))
    }
  }

  private static func run(_ tool: String, _ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}

/// Whether the binary under test is a debug build (it reads `NEWSINDEX_FAULT_PLAN`).
func isDebugBinary() -> Bool {
  CommandRunner.binary.path.contains("/debug/")
}
