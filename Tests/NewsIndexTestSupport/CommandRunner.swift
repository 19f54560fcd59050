import Foundation

/// Runs the built `newsindex` binary and captures what it prints.
package struct CommandRunner: Sendable {
  package struct Output: Sendable {
    package var status: Int32
    package var stdout: String
    package var stderr: String
  }

  /// The binary next to the test bundle (`.build/<config>/newsindex`).
  package static let binary: URL = {
    var url = Bundle.main.bundleURL
    for _ in 0..<4 {
      let candidate = url.appendingPathComponent("newsindex")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      url = url.deletingLastPathComponent()
    }
    return Bundle.main.bundleURL.appendingPathComponent("newsindex")
  }()

  /// The repository root (holds `corpus/`), found from this source file's location.
  package static let repositoryRoot: URL = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }()

  package init() {}

  /// Runs `newsindex arguments…` with `stdin` as input; `environment` entries are added.
  package func run(
    _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
    directory: URL = CommandRunner.repositoryRoot
  ) throws -> Output {
    let process = Process()
    process.executableURL = Self.binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so a full pipe never blocks the child.
    let errData = LockedData()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData.set(err.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData.get(), as: UTF8.self))
  }
}

private final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()
  func set(_ value: Data) { lock.withLock { data = value } }
  func get() -> Data { lock.withLock { data } }
}
