/// A TREC run: `qid Q0 docid rank score tag` per line, as `newsindex batch --format trec` writes.
///
/// The rank column is ignored, as trec_eval ignores it: documents are ordered by score
/// descending, ties by docid descending (byte order). A docid repeated within a query keeps its
/// first line.
package struct TRECRun: Sendable, Equatable {
  /// qid → (docid, score), in file order, first occurrence of each docid only.
  package var results: [String: [(docID: String, score: Double)]]

  package init(results: [String: [(docID: String, score: Double)]]) {
    self.results = results
  }

  package static func == (lhs: TRECRun, rhs: TRECRun) -> Bool {
    lhs.results.keys == rhs.results.keys
      && lhs.results.allSatisfy { qid, hits in
        let other = rhs.results[qid] ?? []
        return hits.count == other.count && zip(hits, other).allSatisfy { $0.docID == $1.docID && $0.score == $1.score }
      }
  }

  /// Parses run text; blank lines are skipped.
  /// - Throws: ``EvaluationError`` naming the first malformed line.
  package static func parse(_ text: String, file: String = "run") throws(EvaluationError) -> TRECRun {
    var results: [String: [(docID: String, score: Double)]] = [:]
    var seen: [String: Set<String>] = [:]
    var lineNumber = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let columns = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
      if columns.isEmpty { continue }
      guard columns.count >= 6, let score = Double(columns[4]) else {
        throw .malformedLine(file: file, line: lineNumber, expected: "'qid Q0 docid rank score tag'")
      }
      let qid = String(columns[0])
      let docID = String(columns[2])
      guard seen[qid, default: []].insert(docID).inserted else { continue }
      results[qid, default: []].append((docID, score))
    }
    return TRECRun(results: results)
  }

  /// The docids of `qid` in trec_eval's order: score descending, then docid descending.
  package func ranking(of qid: String) -> [String] {
    (results[qid] ?? []).sorted { a, b in
      a.score != b.score ? a.score > b.score : b.docID.utf8.lexicographicallyPrecedes(a.docID.utf8)
    }.map(\.docID)
  }
}
