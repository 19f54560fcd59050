import Foundation
package import NewsIndexFormat

/// Why a build could not finish; the previous commit, if any, is untouched in every case, and
/// the files the build had written are removed.
package enum BuildError: Error, CustomStringConvertible {
  case format(FormatError)
  case indexIsNotEmpty(path: String)
  /// The file system filled up; `written` is what the build had written (and removed).
  case noSpace(directory: String, written: IndexDirectory.FileTally, generation: Int?)
  /// SIGINT or SIGTERM stopped the build (``WriteInterruption``).
  case interrupted(signal: Int32, generation: Int?)
  /// A file the build would have kept (the commit, the source catalog, a segment file) is
  /// damaged or of another format: the build wrote nothing; `--rebuild` starts over.
  /// `generation` is the commit's, nil when the commit itself could not be read.
  case damaged(FormatError, generation: Int?)

  /// The build error for `error`, raised in `directory` after writing `written`, with the
  /// previous commit at `generation`.
  init(_ error: FormatError, directory: String, written: IndexDirectory.FileTally, generation: Int?) {
    switch error {
    case .noSpace: self = .noSpace(directory: directory, written: written, generation: generation)
    case .interrupted(let signal): self = .interrupted(signal: signal, generation: generation)
    default: self = .format(error)
    }
  }

  package var description: String {
    switch self {
    case .format(let error): error.description
    case .indexIsNotEmpty(let path):
      "\(path): folder holds files that are not a newsindex index; choose an empty folder or an existing index"
    case .noSpace(let directory, let written, let generation):
      "\(directory): no space left on device after the build wrote \(written.fileCount) file"
        + (written.fileCount == 1 ? "" : "s") + " (\(Self.describe(bytes: written.byteCount))), now removed; "
        + Self.unchanged(generation) + "; free some space and build again"
    case .interrupted(_, let generation):
      "interrupted: " + Self.unchanged(generation)
    case .damaged(let error, let generation):
      error.summary + "; nothing was written"
        + (generation.map { ", the index stays at generation \($0)" } ?? "")
        + "; 'newsindex build --rebuild' re-indexes every file"
    }
  }

  private static func unchanged(_ generation: Int?) -> String {
    generation.map { "the index is unchanged, generation \($0)" } ?? "the index is unchanged, no commit yet"
  }

  private static func describe(bytes: Int) -> String {
    if bytes < 1024 { return "\(bytes) B" }
    if bytes < 1 << 20 { return String(format: "%.1f KB", Double(bytes) / 1024) }
    return String(format: "%.1f MB", Double(bytes) / 1_048_576)
  }
}
