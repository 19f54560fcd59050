#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Synchronization

/// A test-only plan of I/O faults for the index files under one folder: the Nth write fails with
/// "no space" or an I/O error, or the Nth read with an I/O error (as Lucene's
/// MockDirectoryWrapper does for its writers).
///
/// The one place that writes and reads index files (``FileIO``, ``FileSink`` through it, and
/// ``MappedFile``, the commit and catalog reads of ``IndexDirectory``) asks ``injectedError(_:path:)``
/// before each operation. A *write* is one opening of a file for writing, one `write(2)` of a
/// buffer, one `fsync` or one rename; a *read* is one opening of an index file for reading. With
/// no plan armed the question costs one relaxed atomic load.
///
/// Tests arm a plan, run, and ``disarm(folder:)`` tells how many operations the folder saw, so a
/// loop can fail every one of them in turn. Plans for different folders count independently, so
/// tests that run in parallel do not disturb each other. The executable arms one from the
/// `NEWSINDEX_FAULT_PLAN` environment variable in debug builds (``init(parsing:)``).
package struct FaultPlan: Sendable, Equatable {
  package enum Operation: String, Sendable, Equatable {
    case write, read
  }

  package enum Fault: String, Sendable, Equatable {
    /// `ENOSPC`.
    case noSpace = "nospace"
    /// `EIO`.
    case ioError = "eio"

    var errorNumber: Int32 { self == .noSpace ? ENOSPC : EIO }
  }

  /// Operations on paths under this folder count; "" counts every path.
  package var folder: String
  package var operation: Operation
  /// 1-based ordinal of the failing operation; nil only counts.
  package var ordinal: Int?
  package var fault: Fault

  package init(folder: String, operation: Operation = .write, failingAt ordinal: Int?, fault: Fault = .ioError) {
    self.folder = folder
    self.operation = operation
    self.ordinal = ordinal
    self.fault = fault
  }

  /// Reads `write:N:nospace`, `write:N:eio` or `read:N:eio` (every folder); nil when malformed.
  package init?(parsing text: String) {
    let parts = text.split(separator: ":").map(String.init)
    guard parts.count == 3, let operation = Operation(rawValue: parts[0]), let ordinal = Int(parts[1]), ordinal >= 1,
      let fault = Fault(rawValue: parts[2]), operation == .write || fault == .ioError
    else { return nil }
    self.init(folder: "", operation: operation, failingAt: ordinal, fault: fault)
  }

  /// What an armed plan saw.
  package struct Tally: Sendable, Equatable {
    package var writes = 0
    package var reads = 0
    /// Whether the planned fault was injected.
    package var fired = false
  }

  private static let armedCount = Atomic<Int>(0)
  private static let plans = Mutex<[(plan: FaultPlan, tally: Tally)]>([])

  /// Arms `plan`, replacing one armed for the same folder.
  package static func arm(_ plan: FaultPlan) {
    plans.withLock { plans in
      plans.removeAll { $0.plan.folder == plan.folder }
      plans.append((plan, Tally()))
      armedCount.store(plans.count, ordering: .releasing)
    }
  }

  /// Disarms the plan of `folder` and returns what it saw.
  @discardableResult
  package static func disarm(folder: String) -> Tally {
    plans.withLock { plans in
      let tally = plans.first { $0.plan.folder == folder }?.tally ?? Tally()
      plans.removeAll { $0.plan.folder == folder }
      armedCount.store(plans.count, ordering: .releasing)
      return tally
    }
  }

  /// The error number to fail this operation on `path` with, or nil to go ahead.
  @inline(__always)
  package static func injectedError(_ operation: Operation, path: String) -> Int32? {
    guard armedCount.load(ordering: .relaxed) > 0 else { return nil }
    return countArmed(operation, path: path)
  }

  @inline(never)
  private static func countArmed(_ operation: Operation, path: String) -> Int32? {
    plans.withLock { plans in
      guard let k = plans.firstIndex(where: { $0.plan.covers(path) }) else { return nil }
      let count: Int
      switch operation {
      case .write:
        plans[k].tally.writes += 1
        count = plans[k].tally.writes
      case .read:
        plans[k].tally.reads += 1
        count = plans[k].tally.reads
      }
      let plan = plans[k].plan
      guard plan.operation == operation, plan.ordinal == count else { return nil }
      plans[k].tally.fired = true
      return plan.fault.errorNumber
    }
  }

  private func covers(_ path: String) -> Bool {
    folder.isEmpty || path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
  }
}
