import ArgumentParser
import Foundation
import NewsIndexCore
import NewsIndexFormat
import NewsIndexSearch

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Show why a document scores what it does for a query: the score as a tree of its clauses.",
    discussion: """
      Each word or phrase that matches shows its BM25 parts: per field tf, field length and \
      average length, the idf, k1, b, the boost; a BM25F word shows its weighted length. \
      A boolean's score is the sum of its matching clauses', and the root is the score search \
      prints for the document (with the same ranking options; --recency is not applied).

      Examples:
        newsindex explain 'cocoa exports' 'reut2-000.sgm#1'
        newsindex explain '"oil prices"~5' 'reut2-015.sgm#15946' --format json

      Exit status: 0 when the document matches, 1 when it does not, 2 on error (no such \
      document, a damaged index), 64 on bad usage.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: "The query (quote it in the shell).")
  var query: String

  @Argument(help: "The document's id, as search prints it.")
  var docID: String

  @OptionGroup var indexOption: IndexOption
  @OptionGroup var ranking: RankingOptions

  @Flag(help: "Read the query forgivingly, as search --lenient does.")
  var lenient = false

  @Option(help: "Output format: text or json.")
  var format: Format = .text

  func run() throws {
    let parsed: Query
    do throws(QueryParseError) {
      parsed = try QueryParser.parse(query, syntax: lenient ? .lenient : .strict)
    } catch {
      throw QueryErrorText.fail(error, query: query)
    }
    let reader = try openIndex(indexOption)
    guard let number = try DocumentLookup.number(of: docID, in: reader) else {
      throw fail("no document with id '\(docID)' in \(indexOption.index); ids are as search prints them")
    }
    let searcher = ranking.searcher(reader)
    guard let explanation = searcher.explain(parsed, docNumber: number) else {
      throw fail("nothing in the query is searchable (only stop words or punctuation)")
    }
    var out = StandardOutput()
    switch format {
    case .text:
      out.write("\(ExplanationText.number(explanation.value))  \(docID)  \(query)\n")
      ExplanationText.text(explanation, depth: 0, into: &out)
    case .json:
      out.write(
        "{\"schema_version\":1,\"id\":\(JSONText.string(docID)),\"query\":\(JSONText.string(query)),"
          + "\"score\":\(JSONText.number(explanation.value)),\"matches\":\(explanation.matches),"
          + "\"explanation\":\(ExplanationText.json(explanation))}\n")
    }
    out.flush()
    if !explanation.matches { throw ExitCode(1) }
  }
}

/// Finds a document by its stored id.
enum DocumentLookup {
  /// The index-wide number of the live document with `id`, nil when there is none; exits 2 on a
  /// damaged index.
  static func number(of id: String, in reader: IndexReader) throws -> Int? {
    do throws(FormatError) {
      return try reader.documentNumber(ofID: id)
    } catch {
      throw fail(error.description)
    }
  }
}

/// Renders an ``Explanation``.
enum ExplanationText {
  static func number(_ value: Double) -> String { String(format: "%.4f", value) }

  static func text(_ node: Explanation, depth: Int, into out: inout StandardOutput) {
    let indent = String(repeating: "  ", count: depth)
    let details = node.details.map { "\($0.name) \(compact($0.value))" }.joined(separator: ", ")
    out.write("\(indent)\(number(node.value))  \(node.description)\(details.isEmpty ? "" : "  [\(details)]")\n")
    for child in node.children { text(child, depth: depth + 1, into: &out) }
  }

  static func json(_ node: Explanation) -> String {
    let details = node.details.map { "\(JSONText.string($0.name)):\(JSONText.number($0.value))" }.joined(separator: ",")
    return "{\"description\":\(JSONText.string(node.description)),\"value\":\(JSONText.number(node.value)),"
      + "\"matches\":\(node.matches),\"details\":{\(details)},\"children\":["
      + node.children.map(json).joined(separator: ",") + "]}"
  }

  private static func compact(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e12 ? String(Int(value)) : String(format: "%.4g", value)
  }
}
