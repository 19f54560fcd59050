/// TREC relevance judgments: `qid iteration docid relevance` per line.
///
/// Relevance is an integer grade (a value such as `1.0` is truncated, as trec_eval does); a
/// document is relevant when its grade is ≥ 1, and grades are the gains of nDCG (negative → 0).
/// A judgment repeated for the same (qid, docid) keeps the last value.
package struct Qrels: Sendable, Equatable {
  /// qid → docid → grade.
  package var judgments: [String: [String: Int]]

  package init(judgments: [String: [String: Int]]) {
    self.judgments = judgments
  }

  /// Parses qrels text; blank lines are skipped.
  /// - Throws: ``EvaluationError`` naming the first malformed line.
  package static func parse(_ text: String, file: String = "qrels") throws(EvaluationError) -> Qrels {
    var judgments: [String: [String: Int]] = [:]
    var lineNumber = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let columns = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
      if columns.isEmpty { continue }
      guard columns.count >= 4, let grade = Double(columns[3]), grade.isFinite else {
        throw .malformedLine(file: file, line: lineNumber, expected: "'qid 0 docid relevance'")
      }
      judgments[String(columns[0]), default: [:]][String(columns[2])] = Int(grade)
    }
    return Qrels(judgments: judgments)
  }

  /// Queries with at least one relevant document, the ones averaged over, in trec_eval's order
  /// (shorter ids first, then by text: `2` before `10`).
  package var evaluatedQueries: [String] {
    judgments.filter { $0.value.values.contains { $0 >= 1 } }.keys.sorted {
      $0.utf8.count != $1.utf8.count ? $0.utf8.count < $1.utf8.count : $0.utf8.lexicographicallyPrecedes($1.utf8)
    }
  }
}
