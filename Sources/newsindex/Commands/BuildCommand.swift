import ArgumentParser
import Foundation
import NewsIndexAnalysis
import NewsIndexBuild
import NewsIndexCore
import NewsIndexExtract
import NewsIndexFormat
import Synchronization

struct BuildCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract: "Index news files (text, HTML, XML feeds, NewsML, TREC/Reuters SGML, JSON Lines).",
    discussion: """
      Walks folders recursively (hidden files skipped) or takes single files, extracts each article \
      (title, date, byline, body, source path) and writes the index. The new index replaces the \
      previous one atomically: a failed or interrupted build leaves the old one searchable. Files \
      that cannot be read or parsed are reported on stderr with their reason and skipped.
      """)

  @Argument(help: ArgumentHelp("Files or folders to index.", valueName: "PATH"))
  var paths: [String] = ["corpus"]

  @OptionGroup var indexOption: IndexOption

  @Option(help: "Worker threads (default: all cores).")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: ArgumentHelp("Skip files larger than this many MB.", valueName: "MB"))
  var maxFileSize: Int = 256

  @Flag(name: .shortAndLong, help: "Do not list skipped files, only count them.")
  var quiet = false

  func validate() throws {
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    guard maxFileSize >= 1 else { throw ValidationError("--max-file-size must be at least 1 MB") }
  }

  func run() throws {
    let (files, problems) = FileWalker.sourceFiles(under: paths)
    for problem in problems where !quiet { Terminal.standardError("newsindex: skipped \(problem.description)\n") }
    if files.isEmpty && !problems.isEmpty && problems.count == paths.count {
      throw fail("nothing to index in \(paths.joined(separator: " "))")
    }
    let extractor = DocumentExtractor(maxFileBytes: maxFileSize << 20)
    let progress = ProgressBar(total: files.count, label: "indexing")
    let quiet = quiet
    let build = IndexBuild(directory: indexOption.directory, analyzer: Analyzer(), threads: threads)
    let summary: BuildSummary
    do throws(BuildError) {
      summary = try build.run(
        sourceCount: files.count,
        extract: { i in
          do throws(ExtractError) {
            return try extractor.extractDocuments(from: files[i])
          } catch {
            if !quiet { Terminal.standardError("\r\u{1B}[Knewsindex: skipped \(error.description)\n") }
            return nil
          }
        },
        progress: { done, documents in progress.update(done: done, documents: documents) })
    } catch {
      progress.finish()
      throw fail(error.description)
    }
    progress.finish()
    let skipped = summary.skippedCount + problems.count
    print(
      "indexed \(summary.sourceCount) files, \(summary.documentCount) documents, \(skipped) skipped"
        + " in \(String(format: "%.2f", summary.seconds)) s; index \(indexOption.index): "
        + "\(ByteCount.describe(summary.indexByteCount)), \(summary.segmentCount) segment"
        + (summary.segmentCount == 1 ? "" : "s"))
  }
}

enum ByteCount {
  static func describe(_ bytes: Int) -> String {
    if bytes < 1024 { return "\(bytes) B" }
    if bytes < 1 << 20 { return String(format: "%.1f KB", Double(bytes) / 1024) }
    if bytes < 1 << 30 { return String(format: "%.1f MB", Double(bytes) / 1_048_576) }
    return String(format: "%.2f GB", Double(bytes) / 1_073_741_824)
  }
}
