import NewsIndexAnalysis
import NewsIndexCore
package import NewsIndexFormat

/// One thing wrong with an index: the file, where in it when known, and what.
package struct IndexProblem: Sendable, Equatable, CustomStringConvertible {
  /// Path of the damaged file (`meta.json` or a segment file).
  package var path: String
  /// Byte offset in the file where the problem was seen, when the reader knows it.
  package var byteOffset: Int?
  /// One line, lowercase, without the path.
  package var message: String

  package init(path: String, byteOffset: Int?, message: String) {
    self.path = path
    self.byteOffset = byteOffset
    self.message = message
  }

  package var description: String {
    if let byteOffset, !message.contains("byte \(byteOffset)") {
      return "\(path): at byte \(byteOffset): \(message)"
    }
    return "\(path): \(message)"
  }
}

/// What ``IndexCheck/run(directory:)`` found.
package struct IndexCheckReport: Sendable {
  /// The commit's generation, nil when `meta.json` could not be read.
  package var generation: Int?
  package var segmentCount = 0
  package var documentCount = 0
  package var termCount = 0
  package var postingCount = 0
  /// The first problem of each damaged file, in the order the files were checked.
  package var problems: [IndexProblem] = []
  /// What could not be verified but is no damage (a `meta.json` without a checksum).
  package var warnings: [IndexProblem] = []

  package var isClean: Bool { problems.isEmpty }
}

/// Verifies an index like Lucene's CheckIndex: every file's framing and checksum, then every
/// structural invariant a reader relies on, reporting the first problem per file.
///
/// Checks, per segment: each file's envelope (magic, kind, version, length, CRC-32C); the term
/// dictionary (keys strictly increasing, `docFreq ≥ 1`, `totalTermFreq ≥ docFreq`, term count as
/// committed); every term's postings (doc ids strictly increasing and below the document count,
/// `termFreq ≥ 1`, as many postings as `docFreq`, frequencies summing to `totalTermFreq`, positions
/// strictly ascending and below the field's length); every stored document and its date in the
/// `.dv` values; and the commit's counts (documents, terms, postings, tokens per field, file
/// sizes, deletions). Then the commit's duplicate table: its file, and its groups against those
/// the segments' signatures give (``duplicatesProblem(_:directory:)``); and the source catalog
/// against the commit's checksum and segments (``catalogProblem(_:directory:)``). Only the format's `package`
/// reading API is used, so the check follows format changes without knowing byte layouts.
///
/// - Complexity: reads every byte of the index once and decodes every posting and position.
package enum IndexCheck {
  /// Checks the current commit of `directory`; never throws: every failure is a problem.
  package static func run(directory: IndexDirectory) -> IndexCheckReport {
    var report = IndexCheckReport()
    let commitPath = directory.filePath(IndexDirectory.commitFileName)
    guard directory.exists else {
      report.problems.append(
        IndexProblem(path: directory.path, byteOffset: nil, message: "no index folder here"))
      return report
    }
    let commit: Commit
    do throws(FormatError) {
      guard let read = try directory.readCommit() else {
        report.problems.append(
          IndexProblem(path: commitPath, byteOffset: nil, message: "missing; no commit to check"))
        return report
      }
      commit = read
    } catch {
      report.problems.append(problem(error, fallbackPath: commitPath))
      return report
    }
    report.generation = commit.generation
    if !directory.commitHasChecksum() {
      report.warnings.append(
        IndexProblem(
          path: commitPath, byteOffset: nil,
          message: "no checksum (written before commits had one), its values cannot be verified; the next build adds one"))
    }
    report.segmentCount = commit.segments.count
    if let problem = commitProblem(commit) {
      report.problems.append(IndexProblem(path: commitPath, byteOffset: nil, message: problem))
    }
    for info in commit.segments {
      for problem in SegmentCheck.run(
        directory: directory, info: info, commitPath: commitPath, report: &report)
      where !report.problems.contains(where: { $0.path == problem.path }) {
        report.problems.append(problem)
      }
    }
    if let problem = duplicatesProblem(commit, directory: directory) { report.problems.append(problem) }
    if let problem = catalogProblem(commit, directory: directory) { report.problems.append(problem) }
    if let warning = catalogWarning(commit, directory: directory) { report.warnings.append(warning) }
    if let warning = unreferencedFilesWarning(commit, directory: directory) { report.warnings.append(warning) }
    return report
  }

  /// Index files no commit references (what a failed or killed build left), named with their
  /// total size: no damage, but disk space the next build frees.
  private static func unreferencedFilesWarning(_ commit: Commit, directory: IndexDirectory) -> IndexProblem? {
    let names = directory.unreferencedFiles(of: commit)
    guard !names.isEmpty else { return nil }
    let tally = directory.byteCount(ofFiles: names)
    let shown = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
    return IndexProblem(
      path: directory.path, byteOffset: nil,
      message: "\(names.count) file\(names.count == 1 ? "" : "s") no commit references (\(tally.byteCount) bytes): "
        + "\(shown); the next build removes them")
  }

  /// Invariants of the commit itself, before any segment is opened.
  private static func commitProblem(_ commit: Commit) -> String? {
    guard commit.generation >= 1 else { return "generation \(commit.generation) is not positive" }
    guard commit.analyzer.isSupported else {
      return "analyzer '\(commit.analyzer.description)' is not one this newsindex can reproduce"
    }
    if let problem = analyzerProblem(commit.analyzer) { return problem }
    var names = Set<String>()
    for segment in commit.segments {
      guard names.insert(segment.name).inserted else {
        return "segment \(segment.name) listed twice"
      }
      guard isSafeSegmentName(segment.name) else {
        return "segment name '\(segment.name)' is not seg- and letters, digits, '-' or '_'"
      }
      guard segment.documentCount >= 0, segment.termCount >= 0, segment.postingCount >= 0 else {
        return "segment \(segment.name) has a negative count"
      }
      if let deleted = segment.deletedDocuments {
        let ordered = zip(deleted, deleted.dropFirst()).allSatisfy { $0 < $1 }
        guard ordered, deleted.allSatisfy({ Int($0) < segment.documentCount }) else {
          return
            "segment \(segment.name) lists deletions that are not increasing doc ids below \(segment.documentCount)"
        }
      }
      guard segment.fieldTokenCounts.count == Field.allCases.count else {
        return
          "segment \(segment.name) has \(segment.fieldTokenCounts.count) field token counts, expected \(Field.allCases.count)"
      }
    }
    return nil
  }

  /// Analyzer settings a build could have written: a stemmer that exists, and a built-in stop-word
  /// list's words exactly (queries drop them, so one damaged word silently changes answers).
  private static func analyzerProblem(_ analyzer: AnalyzerSettings) -> String? {
    guard analyzer.stemmer == "none" || SnowballStemmer.isAvailable(analyzer.stemmer) else {
      return "analyzer stemmer '\(analyzer.stemmer)' does not exist"
    }
    if analyzer.stopWordList == "none" {
      guard analyzer.stopWords.isEmpty else {
        return "analyzer has stop words but its list is 'none'"
      }
    } else if let builtin = StopWordLists.named[analyzer.stopWordList] {
      guard Set(builtin) == Set(analyzer.stopWords), builtin.count == analyzer.stopWords.count
      else {
        return "analyzer stop words differ from the built-in '\(analyzer.stopWordList)' list"
      }
    } else if !analyzer.stopWordList.hasPrefix("file:") {
      return "analyzer stop-word list '\(analyzer.stopWordList)' is unknown"
    }
    return nil
  }

  /// `seg-` followed by letters, digits, `-` and `_` only, so a damaged name cannot point
  /// outside the folder.
  private static func isSafeSegmentName(_ name: String) -> Bool {
    guard name.hasPrefix("seg-"), name.utf8.count > 4 else { return false }
    return name.utf8.dropFirst(4).allSatisfy { byte in
      byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
  }

  /// A ``FormatError`` as a problem, keeping its path and the offset it implies.
  static func problem(_ error: FormatError, fallbackPath: String) -> IndexProblem {
    let (path, offset): (String, Int?) =
      switch error {
      case .truncated(let path, let offset, _), .corrupt(let path, let offset, _): (path, offset)
      case .badMagic(let path, _): (path, 0)
      case .wrongKind(let path, _, _): (path, 4)
      case .unsupportedVersion(let path, _, _): (path, path.hasSuffix(".json") ? nil : 8)
      case .checksumMismatch(let path, _, _), .unreadable(let path, _), .badCommit(let path, _),
        .unsupportedAnalyzer(let path, _), .missingFile(let path):
        (path, nil)
      default: (fallbackPath, nil)
      }
    return IndexProblem(path: path, byteOffset: offset, message: message(error, path: path))
  }

  /// The error's one-line description without its leading `path: `.
  private static func message(_ error: FormatError, path: String) -> String {
    let text = error.description
    return text.hasPrefix(path + ": ") ? String(text.dropFirst(path.count + 2)) : text
  }
}
