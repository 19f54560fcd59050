import ArgumentParser
import Foundation
import NewsIndex
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
      Walks folders recursively (hidden files and files of other kinds skipped) or takes single \
      files, extracts each article (title, date, byline, body, source path) and writes the index. \
      The index remembers its roots (the paths given): with no path, build updates every one; \
      build PATH adds or updates that root and leaves the others' documents alone; 'newsindex \
      remove PATH' drops one. When an index holds several roots, the ids of every root but the \
      first carry its label (its folder name): charset/a.txt. Inside folders, files matched by \
      --exclude globs or by a .newsindexignore file (gitignore syntax, in any folder) are passed \
      over, and so are files that are plainly not articles (README, LICENSE, .json without a \
      body or text member, word and category lists), each with its reason; a file named \
      directly is always read.

      Run again on the same paths, it updates the index incrementally: unchanged files are skipped \
      (same size and time, or same content), changed files are re-indexed and the documents of \
      files that are gone are deleted; --rebuild starts over. The new commit replaces the previous \
      one atomically: a failed or interrupted build leaves the old index searchable and removes the \
      files it wrote, and a build first removes what a killed one left. When nothing changed, \
      nothing is written. Files that cannot be read or parsed are reported on stderr with their \
      reason and skipped.

      Ctrl-C (SIGINT) or SIGTERM stops the build within a second: its partial files are removed \
      and it exits 130 (143 for SIGTERM); a second Ctrl-C exits at once. A full disk stops it \
      with one line naming the folder and what it had written (removed again); exit 2.

      Examples:
        newsindex build corpus/ --index index/
        newsindex build ~/more-news --index index/      (a second root; corpus/ stays)
        newsindex build --index index/                  (update every root)
        newsindex build ~/archive --exclude 'drafts/' --exclude '*.tmp.html'
        newsindex build ~/archive --index ~/archive.idx --memory 1024 --merge
        newsindex build dump.jsonl --index idx --language none --stopwords none
        newsindex build ~/archive --index ~/archive.idx --store none
      """)

  @Argument(
    help: ArgumentHelp(
      "Files or folders to index (default: the roots the index records, or corpus for a new index).",
      valueName: "PATH"))
  var paths: [String] = []

  @Option(
    name: .customLong("exclude"),
    help: ArgumentHelp(
      "Pass over files matching this glob (gitignore syntax, relative to the root; repeatable; recorded with the root).",
      valueName: "GLOB"))
  var excludes: [String] = []

  @OptionGroup var indexOption: IndexOption

  @Option(help: "Worker threads (default: all cores).")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: ArgumentHelp("Skip files larger than this many MB.", valueName: "MB"))
  var maxFileSize: Int = 256

  @Flag(name: .shortAndLong, help: "Do not list skipped files, only count them.")
  var quiet = false

  @Option(
    help: ArgumentHelp(
      "Memory for in-memory inversion, shared by the threads; a thread writes a segment when its share is used.",
      valueName: "MB"))
  var memory: Int = IndexBuild.defaultMemoryBudgetMB

  @Flag(
    help: """
      Merge the index into a single segment at the end (faster searches, slower build). An index \
      under \(IndexBuild.defaultSingleSegmentBelowBytes >> 20) MB is always kept as one segment.
      """)
  var merge = false

  @Flag(help: "Index every file anew instead of updating the existing index incrementally.")
  var rebuild = false

  @Flag(
    help: """
      Keep each document's language (declared by the source, else guessed from the text) for \
      'search --facet language'; the guess made a build of Reuters-21578 2.5x as long.
      """)
  var languages = false

  @Option(
    help: ArgumentHelp(
      "What the index keeps of each article: full (every field, snippets), compact (all but the body: no "
        + "snippets), none (id, date and path only). Another mode than the index's re-indexes every file.",
      valueName: "full|compact|none"))
  var store: StoreMode = .full

  @Option(
    help: ArgumentHelp(
      "Snowball stemmer: \(SnowballStemmer.languages.joined(separator: ", ")), or none.",
      valueName: "LANG"))
  var language: String = AnalyzerSettings.standard.stemmer

  @Option(
    help: ArgumentHelp(
      "Stop words: lucene (33 words), english (Snowball's 127), none, or a file with one word per line "
        + "(# starts a comment).",
      valueName: "LIST|none|FILE"))
  var stopwords: String = AnalyzerSettings.standard.stopWordList

  func validate() throws {
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    guard maxFileSize >= 1 else { throw ValidationError("--max-file-size must be at least 1 MB") }
    guard memory >= 16 else { throw ValidationError("--memory must be at least 16 MB") }
    let language = language.lowercased()
    guard language == "none" || SnowballStemmer.isAvailable(language) else {
      throw ValidationError(
        "--language \(self.language): no such Snowball stemmer; use one of "
          + SnowballStemmer.languages.joined(separator: ", ") + " or none")
    }
    let list = stopwords.lowercased()
    guard list == "none" || StopWordLists.named[list] != nil || FileManager.default.fileExists(atPath: stopwords)
    else {
      throw ValidationError("--stopwords \(stopwords): not lucene, english, none or a readable file")
    }
  }

  /// The analyzer settings the options ask for.
  func analyzerSettings() throws -> AnalyzerSettings {
    var settings = AnalyzerSettings.standard
    settings.stemmer = language.lowercased()
    let list = stopwords.lowercased()
    if list == "none" {
      settings.stopWordList = "none"
      settings.stopWords = []
    } else if let words = StopWordLists.named[list] {
      settings.stopWordList = list
      settings.stopWords = words
    } else {
      guard let data = FileManager.default.contents(atPath: stopwords) else {
        throw fail("\(stopwords): cannot read the stop-word file; check the path")
      }
      let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
        .map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty && !$0.hasPrefix("#") }
      settings.stopWordList = "file:" + URL(fileURLWithPath: stopwords).lastPathComponent
      settings.stopWords = Array(Set(Analyzer.foldedWords(lines, settings: settings))).sorted()
    }
    return settings
  }

  func run() throws {
    let settings = try analyzerSettings()
    let previous = try? indexOption.directory.readCommit()
    let analyzerChanged = previous.map { $0.analyzer != settings } ?? false
    var plan: SourcePlan
    do throws(SourcePlanError) {
      plan = try SourcePlan(
        paths: paths, excludes: excludes, previous: previous?.roots, startOver: rebuild && !paths.isEmpty)
    } catch {
      throw fail(error.description)
    }
    if analyzerChanged && !rebuild { plan.planEveryRoot() }
    plan.walk()
    let files = plan.files
    let problems = plan.problems
    for problem in problems where !quiet { Terminal.standardError("newsindex: skipped \(problem.description)\n") }
    for file in plan.passedOver where !quiet {
      Terminal.standardError("newsindex: skipped \(file.path): \(file.reason)\n")
    }
    if files.isEmpty && !problems.isEmpty && problems.count == plan.walks.count {
      throw fail("nothing to index in \(plan.walks.map(\.root.given).joined(separator: " "))")
    }
    let extractor = DocumentExtractor(maxFileBytes: maxFileSize << 20)
    // Large JSON Lines dumps are cut into line-aligned slices, extracted and inverted in parallel.
    let slices = files.flatMap { extractor.slices(of: $0, targetBytes: 4 << 20) }
    let progress = ProgressBar(total: slices.count, label: "indexing")
    let quiet = quiet
    let languages = languages
    let analyzer = Analyzer(settings: settings)
    var build = IndexBuild(
      directory: indexOption.directory, analyzer: analyzer, threads: threads, memoryBudgetBytes: memory << 20,
      maxSegmentCount: merge ? 1 : Int.max)
    build.mergePolicy = merge ? nil : TieredMergePolicy()
    build.store = store
    build.singleSegmentBelowBytes = IndexBuild.defaultSingleSegmentBelowBytes
    build.roots = plan.roots
    let scopePlan = plan
    build.scope = { scopePlan.inScope($0) }
    // Catalog keys are absolute paths, so the same files match whatever the working folder; they
    // are escaped raw bytes (EscapedPath), so two raw names never share a key.
    let workingFolder = FileWalker.workingFolder()
    let sources = slices.map { slice in
      BuildSource(
        fileKey: slice.file.absolutePath(workingFolder: workingFolder), byteCount: slice.byteCount,
        fileByteCount: slice.file.byteCount, modificationTime: slice.file.modificationTime)
    }
    let summary: BuildSummary
    StopSignals.install()
    defer { StopSignals.uninstall() }
    do throws(BuildError) {
      summary = try build.run(
        sources: sources, rebuild: rebuild, contentHash: { FileHasher.contentHash(escapedPath: $0) },
        extract: { i in
          do throws(ExtractError) {
            // With --languages, with their languages, which the index keeps as a per-document value.
            let documents =
              languages
              ? try extractor.extractDocumentsWithLanguages(from: slices[i]) : try extractor.extractDocuments(from: slices[i])
            // A whole file that yields nothing is reported, never dropped in silence.
            if documents.isEmpty && slices[i].byteRange == nil {
              if !quiet {
                Terminal.standardError(
                  "\r\u{1B}[Knewsindex: skipped \(slices[i].file.path): no article text found (empty feed or page)\n")
              }
              return nil
            }
            return documents
          } catch {
            if !quiet { Terminal.standardError("\r\u{1B}[Knewsindex: skipped \(error.description)\n") }
            return nil
          }
        },
        progress: { done, documents in progress.update(done: done, documents: documents) })
    } catch {
      progress.finish()
      if case .interrupted(let signal, _) = error {
        Terminal.standardError("newsindex: \(error.description)\n")
        throw ExitCode(128 + signal)
      }
      throw fail(error.description)
    }
    progress.finish()
    let changes = summary.changes
    if summary.isUnchanged {
      print(
        "nothing to do: \(files.count) files (0 added, 0 updated, 0 deleted, \(changes.unchanged) unchanged); "
          + "index \(indexOption.index) stays at generation "
          + "\(summary.generation): \(summary.documentCount) documents, \(ByteCount.describe(summary.indexByteCount)), "
          + "\(summary.segmentCount) segment" + (summary.segmentCount == 1 ? "" : "s"))
      return
    }
    let skipped = summary.skippedCount + problems.count + plan.passedOver.count
    print(
      "indexed \(files.count) files (\(changes.added) added, \(changes.updated) updated, \(changes.deleted) deleted, "
        + "\(changes.unchanged) unchanged), \(summary.documentCount) documents, \(skipped) skipped"
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

extension StoreMode: ExpressibleByArgument {}
