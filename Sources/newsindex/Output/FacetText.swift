import Foundation
import NewsIndexSearch

/// Renders facet counts (`search --facet`, `timeline`): a bar chart on a terminal, TSV or JSON
/// otherwise.
enum FacetText {
  enum Format: String, CaseIterable {
    case text, tsv, json
  }

  /// `text` on a terminal is a chart; piped, it is TSV (`value<TAB>count`).
  static func render(_ counts: FacetCounts, format: Format, terminal: Bool, query: String) -> String {
    switch format {
    case .json: json(counts, query: query) + "\n"
    case .tsv: tsv(counts)
    case .text: terminal ? chart(counts) : tsv(counts)
    }
  }

  static func tsv(_ counts: FacetCounts) -> String {
    counts.buckets.map { "\(HitText.clean($0.value))\t\($0.count)\n" }.joined()
  }

  static func json(_ counts: FacetCounts, query: String) -> String {
    let buckets = counts.buckets.map { "{\"value\":\(JSONText.string($0.value)),\"count\":\($0.count)}" }
    return "{\(OutputFormat.schemaMember),\"query\":\(JSONText.string(query)),\"facet\":\"\(counts.field.rawValue)\","
      + "\"matches\":\(counts.matchCount),\"missing\":\(counts.missing),\"took_us\":\(counts.microseconds),"
      + "\"buckets\":[\(buckets.joined(separator: ","))]}"
  }

  /// One row per bucket: the value, a bar of eighth blocks scaled to the largest count (40
  /// cells), the count; then the totals.
  static func chart(_ counts: FacetCounts, width: Int = 40) -> String {
    let top = max(1, counts.buckets.map(\.count).max() ?? 1)
    let label = min(24, counts.buckets.map(\.value.count).max() ?? 0)
    let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    var out = ""
    for bucket in counts.buckets {
      let units = bucket.count * width * 8 / top
      var bar = String(repeating: "█", count: units / 8) + eighths[units % 8]
      if bar.isEmpty && bucket.count > 0 { bar = "▏" }
      let name = bucket.value.count > label ? String(bucket.value.prefix(label - 1)) + "…" : bucket.value
      let padded = name + String(repeating: " ", count: max(0, label - name.count))
      out += "\(padded)  \(bar)\(String(repeating: " ", count: max(0, width - bar.count))) \(bucket.count)\n"
    }
    let noun = counts.field == .source ? "source" : counts.field == .language ? "language" : "date"
    let missing = counts.missing > 0 ? ", \(counts.missing) without a \(noun)" : ""
    return out + "\(counts.matchCount) matching documents\(missing)\n"
  }
}
