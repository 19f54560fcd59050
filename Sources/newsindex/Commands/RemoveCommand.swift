import ArgumentParser
import Foundation
import NewsIndexBuild
import NewsIndexExtract
import NewsIndexFormat

struct RemoveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "remove",
    abstract: "Drop a root (a folder or file the index was built from) and its documents.",
    discussion: """
      PATH is a root as build was given it, relative to the current folder or absolute; \
      'newsindex stats' lists the roots. The other roots' documents stay; the next build with \
      no path updates the roots that remain.

      Example:
        newsindex remove ~/old-archive --index index/

      Exit status: 0 removed, 2 on error (not a root, a damaged index), 64 on bad usage.
      """)

  @Argument(help: ArgumentHelp("The root to drop.", valueName: "PATH"))
  var path: String

  @OptionGroup var indexOption: IndexOption

  func run() throws {
    let directory = indexOption.directory
    let commit: Commit?
    do throws(FormatError) { commit = try directory.readCommit() } catch { throw fail(error.description) }
    guard let commit else { throw fail(FormatError.missingIndex(path: directory.path).description) }
    let roots = commit.roots ?? []
    var absolute = EscapedPath.text(EscapedPath.absolute(Array(path.utf8), workingFolder: FileWalker.workingFolder()))
    while absolute.count > 1 && absolute.hasSuffix("/") { absolute.removeLast() }
    guard let root = roots.first(where: { $0.path == absolute || $0.given == path }) else {
      throw fail(SourcePlanErrorText.notARoot(path, roots.map(\.given)))
    }
    var build = IndexBuild(directory: directory, analyzer: .init(settings: commit.analyzer), threads: 1)
    build.singleSegmentBelowBytes = IndexBuild.defaultSingleSegmentBelowBytes
    build.roots = roots.filter { $0 != root }
    build.scope = { root.contains(key: $0) }
    let summary: BuildSummary
    StopSignals.install()
    defer { StopSignals.uninstall() }
    do throws(BuildError) {
      summary = try build.run(sources: [], rebuild: false, contentHash: { _ in nil }, extract: { _ in nil })
    } catch {
      if case .interrupted(let signal, _) = error {
        Terminal.standardError("newsindex: \(error.description)\n")
        throw ExitCode(128 + signal)
      }
      throw fail(error.description)
    }
    print(
      "removed \(root.given) (\(summary.changes.deleted) files deleted); index \(indexOption.index): "
        + "\(summary.documentCount) documents, \(build.roots?.count ?? 0) root" + (build.roots?.count == 1 ? "" : "s") + " left")
  }
}

/// Messages shared with the library's planning errors.
enum SourcePlanErrorText {
  static func notARoot(_ path: String, _ roots: [String]) -> String {
    "\(path) is not a root of the index (roots: \(roots.isEmpty ? "none recorded" : roots.joined(separator: ", "))); see 'newsindex stats'"
  }
}
