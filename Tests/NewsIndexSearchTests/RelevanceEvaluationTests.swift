import Foundation
import NewsIndexSearch
import Testing

/// trec_eval semantics, with every expected value computed by hand in the comments.
@Suite struct RelevanceEvaluationTests {
  static let qrels = """
    1 0 d1 2
    1 0 d2 1
    1 0 d3 0
    1 0 d4 1
    2 0 x 0
    3 0 e1 1
    """

  @Test func averagePrecisionPrecisionAndRecallFollowTrecEval() throws {
    // Query 1 ranks d3 (0), d1 (2), d5 (unjudged), d2 (1); d4 is never retrieved. Relevant: d1, d2, d4.
    // AP = (1/2 + 2/4) / 3 = 1/3; P@10 = 2/10; R@1000 = 2/3.
    let run = """
      1 Q0 d3 1 4.0 t
      1 Q0 d1 2 3.0 t
      1 Q0 d5 3 2.0 t
      1 Q0 d2 4 1.0 t
      """
    let evaluation = RelevanceEvaluation(qrels: try Qrels.parse(Self.qrels), run: try TRECRun.parse(run))
    let one = try #require(evaluation.perQuery.first { $0.qid == "1" }).measures
    #expect(abs(one.averagePrecision - 1.0 / 3) < 1e-12)
    #expect(abs(one.precision10 - 0.2) < 1e-12)
    #expect(abs(one.recall1000 - 2.0 / 3) < 1e-12)
    // nDCG@10 with grades as gains: DCG = 2/log2(3) + 1/log2(5); ideal = 2/log2(2) + 1/log2(3) + 1/log2(4).
    let dcg = 2 / log2(3.0) + 1 / log2(5.0)
    let ideal = 2.0 + 1 / log2(3.0) + 0.5
    #expect(abs(one.ndcg10 - dcg / ideal) < 1e-12)
  }

  @Test func queriesWithoutRelevantDocumentsAreSkippedAndMissingOnesCountZero() throws {
    // Query 2 has no relevant document: not averaged. Query 3 has no results: counts 0.
    let run = "1 Q0 d1 1 1.0 t\n9 Q0 z 1 1.0 t\n"
    let evaluation = RelevanceEvaluation(qrels: try Qrels.parse(Self.qrels), run: try TRECRun.parse(run))
    #expect(evaluation.perQuery.map(\.qid) == ["1", "3"])
    #expect(evaluation.queriesInRun == 1)
    // Query 1: AP = (1/1) / 3; query 3: 0. Mean = 1/6.
    #expect(abs(evaluation.mean.averagePrecision - 1.0 / 6) < 1e-12)
  }

  @Test func tiesAreOrderedByDocIDDescendingAndRankColumnIgnored() throws {
    // Equal scores: trec_eval puts d4 before d1 whatever the rank column says, so the relevant d4 is
    // first and d1 second: AP = (1/1 + 2/2) / 3 = 2/3 (d2 is not retrieved).
    let run = "1 Q0 d1 1 5.0 t\n1 Q0 d4 2 5.0 t\n"
    let parsed = try TRECRun.parse(run)
    #expect(parsed.ranking(of: "1") == ["d4", "d1"])
    let evaluation = RelevanceEvaluation(qrels: try Qrels.parse(Self.qrels), run: parsed)
    #expect(abs(evaluation.perQuery[0].measures.averagePrecision - 2.0 / 3) < 1e-12)
  }

  @Test func repeatedRunLinesKeepTheFirst() throws {
    let run = try TRECRun.parse("1 Q0 a 1 3 t\n1 Q0 a 2 9 t\n1 Q0 b 3 1 t\n")
    #expect(run.ranking(of: "1") == ["a", "b"])
  }

  @Test func negativeGradesAreNotRelevantAndGainNothing() throws {
    let qrels = try Qrels.parse("1 0 a -1\n1 0 b 1\n")
    let measures = RelevanceEvaluation.measures(judged: qrels.judgments["1"] ?? [:], ranking: ["a", "b"])
    // b at rank 2: AP = 1/2; nDCG = (1/log2 3) / 1.
    #expect(abs(measures.averagePrecision - 0.5) < 1e-12)
    #expect(abs(measures.ndcg10 - 1 / log2(3.0)) < 1e-12)
  }

  @Test func queryOrderIsTrecEvals() throws {
    let qrels = try Qrels.parse("10 0 a 1\n2 0 a 1\n1 0 a 1\n")
    #expect(qrels.evaluatedQueries == ["1", "2", "10"])
  }

  @Test func malformedLinesAreReportedWithTheirNumber() {
    #expect(throws: EvaluationError.malformedLine(file: "q", line: 2, expected: "'qid 0 docid relevance'")) {
      try Qrels.parse("1 0 a 1\n1 0 b\n", file: "q")
    }
    #expect(throws: EvaluationError.self) { try TRECRun.parse("1 Q0 a 1 high t\n") }
  }
}
