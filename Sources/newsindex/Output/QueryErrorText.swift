import ArgumentParser
import NewsIndexSearch

/// Reports a query that cannot be read: one `newsindex: error:` line naming the position, and on
/// a terminal the query with a `^` under that position; exit status 64 (bad usage).
enum QueryErrorText {
  /// The lines printed for `error` in `query`; the caret lines only when `caret`.
  static func text(_ error: QueryParseError, query: String, caret: Bool) -> String {
    var text = "newsindex: error: \(error.description)\n"
    guard caret, let offset = error.byteOffset, !query.contains(where: \.isNewline) else { return text }
    let prefix = String(decoding: Array(query.utf8).prefix(offset), as: UTF8.self)
    text += "  \(query)\n  \(String(repeating: " ", count: prefix.count))^\n"
    return text
  }

  /// Prints `error` and returns the exit code to throw.
  static func fail(_ error: QueryParseError, query: String) -> ExitCode {
    Terminal.standardError(text(error, query: query, caret: Terminal.standardErrorIsTerminal))
    return ExitCode(64)
  }
}
