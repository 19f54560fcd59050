import Synchronization

/// The request to stop writing, set by a signal handler (SIGINT, SIGTERM) and polled at every
/// write of an index file (``FileIO/writeAll(_:to:path:)``) and between sources by a build.
///
/// Setting and reading it are single lock-free atomic operations, safe in a signal handler; a
/// poll costs one relaxed load, so a build is no slower for it. Once requested, every further
/// write throws ``FormatError/interrupted(signal:)``: the build stops at its next write, removes
/// what it wrote and leaves the previous commit as it was.
package enum WriteInterruption {
  private static let signalNumber = Atomic<Int32>(0)
  private static let requestCount = Atomic<Int>(0)

  /// Records a request for `signal` and returns how many requests there have been (a second
  /// Ctrl-C can then exit at once). Async-signal-safe once ``prepare()`` has run.
  @discardableResult
  package static func request(signal: Int32) -> Int {
    _ = signalNumber.compareExchange(expected: 0, desired: signal, ordering: .relaxed)
    return requestCount.add(1, ordering: .relaxed).newValue
  }

  /// Initializes the flags outside of any signal handler (a static's first use may take a lock).
  package static func prepare() {
    _ = signalNumber.load(ordering: .relaxed)
    _ = requestCount.load(ordering: .relaxed)
  }

  /// The signal of the first request, nil while none was made.
  @inline(__always)
  package static var requestedSignal: Int32? {
    let signal = signalNumber.load(ordering: .relaxed)
    return signal == 0 ? nil : signal
  }

  /// Throws ``FormatError/interrupted(signal:)`` once a stop was requested.
  @inline(__always)
  package static func check() throws(FormatError) {
    if let signal = requestedSignal { throw .interrupted(signal: signal) }
  }
}
