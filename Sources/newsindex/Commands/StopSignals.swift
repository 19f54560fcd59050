import Foundation
import NewsIndexFormat

/// SIGINT and SIGTERM during a build: the first asks the build to stop at its next safe point
/// (``WriteInterruption``: the next write of an index file, or the next source), after which it
/// removes its partial files, releases the lock and exits 130 or 143; a second exits at once
/// (the next build removes what it left). Other commands keep the default disposition and stop
/// at once: they write nothing to the index.
enum StopSignals {
  static func install() {
    WriteInterruption.prepare()
    for number in [SIGINT, SIGTERM] {
      signal(number) { received in
        guard WriteInterruption.request(signal: received) > 1 else { return }
        let message: StaticString =
          "\nnewsindex: interrupted again: stopped at once; the next build removes its files\n"
        _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
        _exit(128 + received)
      }
    }
  }

  /// Unblocks SIGINT and SIGTERM on the main thread: a parent may have started us with them
  /// blocked (Foundation's `Process` passes on the mask of the thread that spawns), and Ctrl-C
  /// must reach every command.
  static func unblock() {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  /// Restores the default disposition (the build is over).
  static func uninstall() {
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
  }
}
