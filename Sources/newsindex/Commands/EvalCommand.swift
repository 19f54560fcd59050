import ArgumentParser
import Foundation
import NewsIndexSearch

struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Score a TREC run against relevance judgments: MAP, nDCG@10, P@10, Recall@1000.",
    discussion: """
      Definitions are trec_eval's: relevant = grade >= 1; the run is ordered by score, ties by \
      docid descending (the rank column is ignored); nDCG@10 uses the grades as gains; means run \
      over every qrels query with a relevant document, a query without results counting 0 \
      (trec_eval -c).

      Output (trec_eval's layout): measure<TAB>qid<TAB>value, per query with -q, then 'all'. \
      --format json: one document {"schema_version":1,"num_q":…,"num_q_in_run":…,"all":{"map":…,\
      "ndcg_cut_10":…,"P_10":…,"recall_1000":…},"queries":{qid:{…},…}} (queries with -q).

      Example:
        newsindex batch topics.tsv --format trec -k 1000 > run.txt
        newsindex eval qrels.txt run.txt
      """)

  @Argument(help: ArgumentHelp("Relevance judgments: 'qid 0 docid grade' lines.", valueName: "QRELS"))
  var qrels: String

  @Argument(help: ArgumentHelp("TREC run: 'qid Q0 docid rank score tag' lines, or - for stdin.", valueName: "RUN"))
  var runFile: String

  @Flag(name: .customShort("q"), help: "Also print each query's measures.")
  var perQuery = false

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Option(help: "Output format: text (trec_eval's tab-separated lines) or json (one document).")
  var format: Format = .text

  func run() throws {
    let qrelsText = try read(qrels)
    let runText = try read(runFile)
    let evaluation: RelevanceEvaluation
    do throws(EvaluationError) {
      evaluation = RelevanceEvaluation(
        qrels: try Qrels.parse(qrelsText, file: qrels), run: try TRECRun.parse(runText, file: runFile))
    } catch {
      throw fail(error.description)
    }
    if format == .json {
      var out = "{\(OutputFormat.schemaMember),\"num_q\":\(evaluation.perQuery.count),"
        + "\"num_q_in_run\":\(evaluation.queriesInRun),\"all\":\(json(evaluation.mean))"
      if perQuery {
        out += ",\"queries\":{"
          + evaluation.perQuery.map { "\(JSONText.string($0.0)):\(json($0.1))" }.joined(separator: ",") + "}"
      }
      FileHandle.standardOutput.write(Data((out + "}\n").utf8))
      return
    }
    var out = ""
    if perQuery {
      for (qid, measures) in evaluation.perQuery { out += lines(measures, qid: qid) }
    }
    out += "num_q\tall\t\(evaluation.perQuery.count)\n"
    out += "num_q_in_run\tall\t\(evaluation.queriesInRun)\n"
    out += lines(evaluation.mean, qid: "all")
    FileHandle.standardOutput.write(Data(out.utf8))
  }

  private func json(_ m: RelevanceMeasures) -> String {
    "{\"map\":\(JSONText.number(m.averagePrecision)),\"ndcg_cut_10\":\(JSONText.number(m.ndcg10)),"
      + "\"P_10\":\(JSONText.number(m.precision10)),\"recall_1000\":\(JSONText.number(m.recall1000))}"
  }

  private func lines(_ m: RelevanceMeasures, qid: String) -> String {
    [("map", m.averagePrecision), ("ndcg_cut_10", m.ndcg10), ("P_10", m.precision10), ("recall_1000", m.recall1000)]
      .map { "\($0.0)\t\(qid)\t\(String(format: "%.4f", $0.1))\n" }.joined()
  }

  private func read(_ path: String) throws -> String {
    if path == "-" { return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw fail("\(path): cannot read the file; check the path")
    }
    return String(decoding: data, as: UTF8.self)
  }
}
