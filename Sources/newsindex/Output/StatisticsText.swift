import NewsIndexSearch

/// Renders a query's work counters (`search --stats`, batch JSON Lines).
enum StatisticsText {
  /// `{"took_us":…,"documents_scored":…,"postings_scored":…,"blocks_decoded":…,"blocks_skipped":…,"pruned":…}`
  static func json(_ statistics: QueryStatistics) -> String {
    "{\"took_us\":\(statistics.microseconds),\"documents_scored\":\(statistics.documentsScored),"
      + "\"postings_scored\":\(statistics.postingsScored),\"blocks_decoded\":\(statistics.blocksDecoded),"
      + "\"blocks_skipped\":\(statistics.blocksSkipped),\"pruned\":\(statistics.pruned)}"
  }

  /// One line for people.
  static func text(_ statistics: QueryStatistics) -> String {
    let milliseconds = Double(statistics.microseconds) / 1000
    let method = statistics.pruned ? "MaxScore" : "exhaustive"
    return "stats: \(milliseconds) ms (\(method)), \(statistics.documentsScored) documents scored, "
      + "\(statistics.postingsScored) postings scored, \(statistics.blocksDecoded) blocks decoded, "
      + "\(statistics.blocksSkipped) blocks skipped\n"
      + statistics.expansions.map { "stats: expanded \($0)\n" }.joined()
  }
}
