import ArgumentParser
import Foundation
import NewsIndexFormat
import NewsIndexSearch

struct TimelineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "timeline",
    abstract: "Count the documents matching a query per month or year: how coverage grew.",
    discussion: """
      Counts are exact: every matching document is counted by the date stored in its .dv column \
      (no stored text is read), every period between the first and the last shown, undated \
      matches reported apart. On a terminal the counts are drawn as a bar chart; piped, they are \
      TSV (period<TAB>count); --format json gives one object.

      Examples:
        newsindex timeline 'covid' --by month
        newsindex timeline '"free trade agreement"' --by year --format json
        newsindex timeline 'oil prices' --since 1987-03 --until 1987-10 | sort -k2 -n

      Exit status: 0 with matches, 1 without, 2 on error, 64 on bad usage.
      """)

  enum Period: String, ExpressibleByArgument, CaseIterable {
    case month, year
  }

  @Argument(help: "The query (the search syntax; quote it in the shell).")
  var query: String

  @OptionGroup var indexOption: IndexOption

  @Option(help: "Bucket size: month or year.")
  var by: Period = .month

  @Option(help: ArgumentHelp("Only documents dated DATE or later.", valueName: "DATE"))
  var since: String?

  @Option(help: ArgumentHelp("Only documents dated DATE or earlier.", valueName: "DATE"))
  var until: String?

  @Option(help: "Output format: text (a chart on a terminal, TSV when piped), tsv or json.")
  var format: FacetText.Format = .text

  func validate() throws {
    guard !query.allSatisfy(\.isWhitespace) else { throw ValidationError("the query is empty") }
    _ = try dateOptions()
  }

  /// `--since` and `--until` as search reads them.
  private func dateOptions() throws -> ResultOptions {
    var arguments: [String] = []
    if let since { arguments += ["--since", since] }
    if let until { arguments += ["--until", until] }
    do { return try ResultOptions.parse(arguments) } catch {
      throw ValidationError(ResultOptions.message(for: error))
    }
  }

  func run() throws {
    let parsed: Query
    let dates: SearchFilter
    do throws(QueryParseError) { (parsed, dates) = try QueryParser.parseWithFilter(query) } catch {
      throw ValidationError(error.description)
    }
    let reader = try openIndex(indexOption)
    var searcher = Searcher(reader: reader)
    let options = try dateOptions()
    options.apply(to: &searcher, collapseByDefault: false)
    searcher.filter.restrict(to: dates)
    let counts: FacetCounts
    do throws(FormatError) {
      counts = try searcher.facetCounts(parsed, by: by == .month ? .month : .year)
    } catch {
      throw fail(error.description)
    }
    print(FacetText.render(counts, format: format, terminal: Terminal.standardOutputIsTerminal, query: query), terminator: "")
    if counts.matchCount == 0 { throw ExitCode(1) }
  }
}

extension FacetText.Format: ExpressibleByArgument {
}
