import ArgumentParser
import Foundation
import NewsIndexFormat

/// `newsindex`: the executable's root command. Argument parsing and printing only; the work
/// happens in the library modules.
@main
struct NewsIndexCommand: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "newsindex",
    abstract: "Full-text search for news archives: build an index, search it, run query batches.",
    discussion: """
      Quick start:
        newsindex build corpus/                 index the sample corpus into index/
        newsindex search '"free trade agreement" korea'
        newsindex batch corpus/queries.tsv --format trec

      Exit status: 0 success (search: hits found), 1 no hits, 2 error, 64 bad usage.
      """,
    version: "newsindex \(version) (format \(FormatInfo.version), analyzer \(FormatInfo.analyzer))",
    subcommands: [
      BuildCommand.self, SearchCommand.self, BatchCommand.self, StatsCommand.self, ExtractCommand.self,
      DuplicatesCommand.self, CheckCommand.self, EvalCommand.self, ExplainCommand.self, SimilarCommand.self,
      ShowCommand.self, RemoveCommand.self, TimelineCommand.self,
    ]
  )

  static func main() {
    StopSignals.unblock()
    #if DEBUG
      armFaultPlanFromEnvironment()
    #endif
    main(nil)
  }

  #if DEBUG
    /// Tests of the built binary inject I/O faults with `NEWSINDEX_FAULT_PLAN=write:N:nospace`
    /// (or `write:N:eio`, `read:N:eio`): see `FaultPlan`. Debug builds only.
    private static func armFaultPlanFromEnvironment() {
      guard let text = ProcessInfo.processInfo.environment["NEWSINDEX_FAULT_PLAN"] else { return }
      guard let plan = FaultPlan(parsing: text) else {
        Terminal.standardError(
          "newsindex: error: NEWSINDEX_FAULT_PLAN=\(text): not write:N:nospace|eio or read:N:eio\n")
        Foundation.exit(64)
      }
      FaultPlan.arm(plan)
    }
  #endif
}
