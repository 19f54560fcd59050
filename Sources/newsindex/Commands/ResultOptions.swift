import ArgumentParser
import NewsIndexCore
import NewsIndexSearch

/// Options shared by `search` and `batch` that choose and order the hits: dates, order,
/// recency, duplicate collapsing.
struct ResultOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Only documents dated DATE or later (YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 time; UTC).",
      valueName: "DATE"))
  var since: String?

  @Option(
    help: ArgumentHelp(
      "Only documents dated DATE or earlier (a day or month means its end: 2025-06 is up to June 30).",
      valueName: "DATE"))
  var until: String?

  @Option(
    help: "Order of the hits: score, or date (newest first, then by score; undated last; no RM3).")
  var sort: ResultOrder = .score

  @Option(
    help: ArgumentHelp(
      "Weigh scores by age: halve them every HALF-LIFE (e.g. 30d, 12h, 2w, 1y) back from the index's newest document.",
      valueName: "HALF-LIFE"))
  var recency: String?

  @Flag(
    inversion: .prefixedNo,
    help:
      "Show one hit per group of duplicate stories, with how many copies it has (default: on for search, off for batch)."
  )
  var collapse: Bool?

  func validate() throws {
    if let since, DocumentDate.period(since) == nil {
      throw ValidationError(
        "--since '\(since)' is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
    }
    if let until, DocumentDate.period(until) == nil {
      throw ValidationError(
        "--until '\(until)' is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
    }
    if let recency, RecencyWeight.seconds(fromHalfLife: recency) == nil {
      throw ValidationError(
        "--recency '\(recency)' is not a half-life; write a positive number and a unit s, m, h, d, w or y, e.g. 30d"
      )
    }
  }

  /// Sets the searcher's filter, order, recency and collapsing as the options say; collapsing
  /// follows `collapseByDefault` unless `--collapse` or `--no-collapse` was given.
  func apply(to searcher: inout Searcher, collapseByDefault: Bool) {
    if since != nil || until != nil {
      searcher.filter.restrict(
        since: since.flatMap { DocumentDate.period($0)?.lowerBound },
        until: until.flatMap { DocumentDate.period($0)?.upperBound })
    }
    searcher.order = sort
    // Date order lists every match by date: RM3's expansion words would bring in documents
    // without the query's words, which ranking by score would have kept low.
    if sort == .date { searcher.feedback = nil }
    searcher.recencyHalfLife = recency.flatMap(RecencyWeight.seconds(fromHalfLife:))
    searcher.collapseDuplicates = collapse ?? collapseByDefault
  }
}

extension ResultOrder: ExpressibleByArgument {}
