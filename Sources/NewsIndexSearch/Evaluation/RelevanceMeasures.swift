/// The four measures of one query, or their means over a query set.
package struct RelevanceMeasures: Sendable, Equatable {
  /// Average precision over the whole ranking (trec_eval `map`).
  package var averagePrecision: Double = 0
  /// nDCG at 10 with graded gains (trec_eval `ndcg_cut_10`).
  package var ndcg10: Double = 0
  /// Relevant documents in the first 10 / 10 (trec_eval `P_10`).
  package var precision10: Double = 0
  /// Relevant documents in the first 1000 / all relevant (trec_eval `recall_1000`).
  package var recall1000: Double = 0

  package init() {}
}
