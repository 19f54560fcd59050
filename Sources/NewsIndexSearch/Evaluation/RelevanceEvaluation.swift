#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// trec_eval's measures for a run against qrels.
///
/// Definitions (trec_eval 9.x, checked against `pytrec_eval`):
/// - relevant means grade ≥ 1; the run is ordered by score descending, ties by docid descending;
/// - AP = Σ over ranks r holding a relevant document of precision@r, divided by the number of
///   relevant documents (retrieved or not);
/// - P@10 divides by 10 even for shorter rankings; Recall@1000 by the number of relevant documents;
/// - nDCG@10 = DCG@10 / ideal DCG@10, gain = grade (negative → 0), discount log2(rank + 1), the
///   ideal ranking made of all judged documents of the query sorted by grade;
/// - means run over every qrels query with a relevant document; one the run lacks counts 0
///   (trec_eval `-c`); run queries absent from the qrels are ignored.
package struct RelevanceEvaluation: Sendable {
  /// Per evaluated query, in ``Qrels/evaluatedQueries`` order.
  package var perQuery: [(qid: String, measures: RelevanceMeasures)]
  /// Means over ``perQuery``.
  package var mean: RelevanceMeasures
  /// Evaluated queries that have at least one result in the run.
  package var queriesInRun: Int

  package init(qrels: Qrels, run: TRECRun) {
    var perQuery: [(qid: String, measures: RelevanceMeasures)] = []
    var inRun = 0
    for qid in qrels.evaluatedQueries {
      let judged = qrels.judgments[qid] ?? [:]
      let ranking = run.ranking(of: qid)
      if !ranking.isEmpty { inRun += 1 }
      perQuery.append((qid, Self.measures(judged: judged, ranking: ranking)))
    }
    var mean = RelevanceMeasures()
    if !perQuery.isEmpty {
      let n = Double(perQuery.count)
      mean.averagePrecision = perQuery.reduce(0) { $0 + $1.measures.averagePrecision } / n
      mean.ndcg10 = perQuery.reduce(0) { $0 + $1.measures.ndcg10 } / n
      mean.precision10 = perQuery.reduce(0) { $0 + $1.measures.precision10 } / n
      mean.recall1000 = perQuery.reduce(0) { $0 + $1.measures.recall1000 } / n
    }
    self.perQuery = perQuery
    self.mean = mean
    queriesInRun = inRun
  }

  /// The measures of one query: `judged` maps docid → grade, `ranking` is best first.
  package static func measures(judged: [String: Int], ranking: [String]) -> RelevanceMeasures {
    let relevantCount = judged.values.filter { $0 >= 1 }.count
    var result = RelevanceMeasures()
    guard relevantCount > 0 else { return result }
    var found = 0
    var precisionSum = 0.0
    var in10 = 0
    var in1000 = 0
    var dcg = 0.0
    for (index, docID) in ranking.enumerated() {
      let rank = index + 1
      let grade = judged[docID] ?? 0
      if rank <= 10 && grade > 0 { dcg += Double(grade) / log2(Double(rank) + 1) }
      guard grade >= 1 else { continue }
      found += 1
      precisionSum += Double(found) / Double(rank)
      if rank <= 10 { in10 += 1 }
      if rank <= 1000 { in1000 += 1 }
    }
    let ideal = judged.values.map { max(0, $0) }.sorted(by: >).prefix(10)
    var idcg = 0.0
    for (index, grade) in ideal.enumerated() where grade > 0 { idcg += Double(grade) / log2(Double(index) + 2) }
    result.averagePrecision = precisionSum / Double(relevantCount)
    result.ndcg10 = idcg > 0 ? dcg / idcg : 0
    result.precision10 = Double(in10) / 10
    result.recall1000 = Double(in1000) / Double(relevantCount)
    return result
  }
}
