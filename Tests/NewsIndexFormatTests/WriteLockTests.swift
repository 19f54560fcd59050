import Foundation
import NewsIndexFormat
import Testing

@Suite struct WriteLockTests {
  static let flockPath = "/usr/bin/flock"

  @Test func secondLockOnTheSameDirectoryThrowsLocked() throws {
    try withTemporaryDirectory { directory in
      let first = try WriteLock(directory: directory)
      #expect(throws: FormatError.locked(path: directory.filePath(IndexDirectory.lockFileName))) {
        try WriteLock(directory: directory)
      }
      withExtendedLifetime(first) {}
    }
  }

  @Test func releasedLockCanBeTakenAgain() throws {
    try withTemporaryDirectory { directory in
      let first = try WriteLock(directory: directory)
      first.release()
      first.release()  // idempotent
      let second = try WriteLock(directory: directory)
      #expect(throws: FormatError.self) { try WriteLock(directory: directory) }
      second.release()
      _ = try WriteLock(directory: directory)
    }
  }

  @Test func lockIsReleasedWhenTheOwnerGoesAway() throws {
    try withTemporaryDirectory { directory in
      do { _ = try WriteLock(directory: directory) }
      let again = try WriteLock(directory: directory)
      again.release()
    }
  }

  @Test func missingDirectoryThrowsNotWritable() throws {
    try withTemporaryDirectory { parent in
      let missing = IndexDirectory(path: parent.filePath("absent"))
      #expect(throws: FormatError.self) { try WriteLock(directory: missing) }
      do { _ = try WriteLock(directory: missing) } catch {
        #expect(caseName(error) == "notWritable")
      }
    }
  }

  @Test(
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: flockPath),
      "needs /usr/bin/flock (util-linux)"))
  func lockHeldByAnotherProcessThrowsLocked() throws {
    try withTemporaryDirectory { directory in
      let lockPath = directory.filePath(IndexDirectory.lockFileName)
      let holder = Process()
      holder.executableURL = URL(fileURLWithPath: Self.flockPath)
      // -F: flock execs `sleep` in place, so the lock lives exactly as long as that one process.
      holder.arguments = ["-F", lockPath, "sleep", "3"]
      try holder.run()
      defer {
        if holder.isRunning { kill(holder.processIdentifier, SIGKILL) }
        holder.waitUntilExit()
      }
      // Wait until the child holds the lock.
      var observed: FormatError?
      let deadline = Date().addingTimeInterval(2.5)
      while observed == nil && Date() < deadline {
        do {
          try WriteLock(directory: directory).release()
          usleep(10_000)
        } catch {
          observed = error as? FormatError ?? .notWritable(path: "?", reason: "\(error)")
        }
      }
      #expect(observed == .locked(path: lockPath))
      // SIGKILL, like a crashed build: the kernel drops the lock with the process.
      kill(holder.processIdentifier, SIGKILL)
      holder.waitUntilExit()
      try WriteLock(directory: directory).release()
    }
  }
}
