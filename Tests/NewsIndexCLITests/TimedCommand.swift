import Foundation
import NewsIndexTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the built `newsindex` with a deadline: a run that outlives it is killed and reported as
/// hung, so a hang fails one test instead of stalling the suite.
struct TimedCommand {
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
    var timedOut: Bool
    var seconds: Double

    /// Stderr lines with the progress bar's carriage return and erase-line prefix removed.
    var stderrLines: [String] {
      stderr.split(separator: "\n").map { line in
        var text = String(line)
        if let erase = text.range(of: "\u{1B}[K", options: .backwards) {
          text = String(text[erase.upperBound...])
        }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
      }.filter { !$0.isEmpty }
    }
  }

  var seconds: Double = 60

  /// Starts `newsindex arguments…` and returns the running process and its output pipes.
  static func start(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
    let process = Process()
    process.executableURL = CommandRunner.binary
    process.arguments = arguments
    process.currentDirectoryURL = CommandRunner.repositoryRoot
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return (process, out, err)
  }

  func run(_ arguments: [String]) throws -> Output {
    let started = Date()
    let (process, out, err) = try Self.start(arguments)
    let collected = Collected()
    let group = DispatchGroup()
    for (pipe, isOut) in [(out, true), (err, false)] {
      group.enter()
      DispatchQueue.global().async {
        collected.set(pipe.fileHandleForReading.readDataToEndOfFile(), isOut: isOut)
        group.leave()
      }
    }
    var timedOut = false
    while process.isRunning {
      if Date().timeIntervalSince(started) > seconds {
        timedOut = true
        kill(process.processIdentifier, SIGKILL)
        break
      }
      usleep(10_000)
    }
    process.waitUntilExit()
    group.wait()
    let (stdout, stderr) = collected.get()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self), timedOut: timedOut,
      seconds: Date().timeIntervalSince(started))
  }
}

private final class Collected: @unchecked Sendable {
  private let lock = NSLock()
  private var out = Data()
  private var err = Data()
  func set(_ data: Data, isOut: Bool) {
    lock.withLock { if isOut { out = data } else { err = data } }
  }
  func get() -> (Data, Data) { lock.withLock { (out, err) } }
}
