import Foundation
import Synchronization

/// Where output goes and how it may look: colors only on a terminal without `NO_COLOR`.
enum Terminal {
  static let standardOutputIsTerminal = isatty(STDOUT_FILENO) == 1
  static let standardErrorIsTerminal = isatty(STDERR_FILENO) == 1

  /// ANSI styling is used when stdout is a terminal and `NO_COLOR` is unset or empty.
  static var useColor: Bool {
    let noColor = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
    return standardOutputIsTerminal && noColor.isEmpty && ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }

  static func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}

/// Buffered writes to stdout (results can be many megabytes).
struct StandardOutput {
  private var buffer: [UInt8] = []

  init() { buffer.reserveCapacity(1 << 16) }

  mutating func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  mutating func write(bytes: [UInt8]) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { flush() }
  }

  mutating func flush() {
    var offset = 0
    buffer.withUnsafeBytes { raw in
      while offset < raw.count {
        let n = Foundation.write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
        if n <= 0 {
          if n < 0 && errno == EINTR { continue }
          return
        }
        offset += n
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }
}

/// A one-line progress bar on stderr, redrawn at most ten times a second, only on a terminal.
final class ProgressBar: Sendable {
  private let total: Int
  private let enabled: Bool
  private let state = Mutex<(last: UInt64, drawn: Bool)>((0, false))

  init(total: Int, label: String) {
    self.total = total
    enabled = Terminal.standardErrorIsTerminal && total > 0
  }

  func update(done: Int, documents: Int) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    let draw = state.withLock { state -> Bool in
      guard now - state.last > 100_000_000 || done == total else { return false }
      state.last = now
      state.drawn = true
      return true
    }
    guard draw else { return }
    let width = 30
    let filled = total == 0 ? width : width * done / total
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    Terminal.standardError("\r\(bar) \(done)/\(total) files, \(documents) documents")
  }

  func finish() {
    guard enabled, state.withLock({ $0.drawn }) else { return }
    Terminal.standardError("\r\u{1B}[K")
  }
}
