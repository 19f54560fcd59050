import ArgumentParser
import NewsIndexFormat
import NewsIndexSearch

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Verify every checksum and structural invariant of an index.",
    discussion: """
      Reads every byte of the current commit: each segment file's header, footer and CRC-32C, the \
      term dictionary's order, every posting and position, field lengths, stored documents, and the \
      counts meta.json records and its checksum (a meta.json written before checksums is accepted \
      with a warning; index files no commit references, left by a failed or killed build, are named \
      with their total size as a warning, and the next build removes them). Prints the first \
      problem of each damaged file (with its byte offset \
      when known) on stderr, and a summary on stdout.

      --format json prints the report as one document instead of the summary line: \
      {"schema_version":1,"index":…,"generation":…,"clean":…,"segments":…,"documents":…,\
      "terms":…,"postings":…,"problems":[{"path":…,"byte_offset":…,"message":…},…],"warnings":[…]} \
      (problems are still printed on stderr).

      Exit status: 0 clean, 2 on any problem.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @OptionGroup var indexOption: IndexOption

  @Option(help: "Output format: text (a summary line) or json (one document).")
  var format: Format = .text

  func run() throws {
    let report = IndexCheck.run(directory: indexOption.directory)
    for problem in report.problems {
      Terminal.standardError("newsindex: check: \(problem.description)\n")
    }
    for warning in report.warnings {
      Terminal.standardError("newsindex: check: warning: \(warning.description)\n")
    }
    if format == .json {
      print(json(report))
      if !report.isClean { throw ExitCode(2) }
      return
    }
    let generation = report.generation.map { " (generation \($0))" } ?? ""
    let verdict =
      report.isClean
      ? "clean" : "\(report.problems.count) damaged file\(report.problems.count == 1 ? "" : "s")"
    print(
      "checked \(indexOption.index)\(generation): \(report.segmentCount) segment\(report.segmentCount == 1 ? "" : "s"), "
        + "\(report.documentCount) documents, \(report.termCount) terms, \(report.postingCount) postings; \(verdict)"
    )
    if !report.isClean { throw ExitCode(2) }
  }

  private func json(_ report: IndexCheckReport) -> String {
    func items(_ problems: [IndexProblem]) -> String {
      problems.map {
        "{\"path\":\(JSONText.string($0.path)),\"byte_offset\":\($0.byteOffset.map(String.init) ?? "null"),"
          + "\"message\":\(JSONText.string($0.message))}"
      }.joined(separator: ",")
    }
    return "{\(OutputFormat.schemaMember),\"index\":\(JSONText.string(indexOption.index)),"
      + "\"generation\":\(report.generation.map(String.init) ?? "null"),\"clean\":\(report.isClean),"
      + "\"segments\":\(report.segmentCount),\"documents\":\(report.documentCount),\"terms\":\(report.termCount),"
      + "\"postings\":\(report.postingCount),\"problems\":[\(items(report.problems))],"
      + "\"warnings\":[\(items(report.warnings))]}"
  }
}
