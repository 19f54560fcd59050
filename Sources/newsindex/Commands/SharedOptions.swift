import ArgumentParser
import Foundation
import NewsIndexCore
import NewsIndexFormat
import NewsIndexSearch

/// `--index DIR`, shared by every command; the `NEWSINDEX_INDEX` environment variable names the
/// folder when the option is not given, and `index` when neither is.
struct IndexOption: ParsableArguments {
  @Option(
    name: .customLong("index"),
    help: ArgumentHelp("Index folder (default: $NEWSINDEX_INDEX, else index).", valueName: "DIR"))
  var indexArgument: String?

  /// The environment variable that names the index folder when `--index` is not given.
  static let environmentVariable = "NEWSINDEX_INDEX"

  /// The index folder: `--index`, else `$NEWSINDEX_INDEX` (when not empty), else `index`.
  var index: String {
    if let indexArgument { return indexArgument }
    if let value = ProcessInfo.processInfo.environment[Self.environmentVariable], !value.isEmpty { return value }
    return "index"
  }

  var directory: IndexDirectory { IndexDirectory(path: index) }
}

/// Ranking options shared by `search` and `batch`.
struct RankingOptions: ParsableArguments {
  @Option(name: .customShort("k"), help: "Number of hits per query (with --offset: per page).")
  var hitCount: Int = 10

  @Option(
    help: ArgumentHelp(
      "Skip the first N hits of the ranking: --offset 10 -k 10 gives hits 11-20, the same as those of -k 20.",
      valueName: "N"))
  var offset: Int = 0

  @Option(help: "BM25 term-frequency saturation k1 (default \(BM25.defaultK1)).")
  var k1: Double = BM25.defaultK1

  @Option(help: "BM25 length normalization b, 0...1 (default \(BM25.defaultB)).")
  var b: Double = BM25.defaultB

  @Option(help: "Weight of title matches relative to body matches (default \(BM25.defaultTitleWeight)).")
  var titleWeight: Double = BM25.defaultTitleWeight

  @Option(help: "How a word searched in every field combines them: bm25f or sum (default \(BM25.defaultFieldModel.rawValue)).")
  var fieldModel: BM25.FieldModel = BM25.defaultFieldModel

  @Option(
    help:
      "Ranking model: bm25; bm25p (BM25F plus a score for neighbouring query words found as a phrase); ql (query likelihood with Dirichlet smoothing)."
  )
  var model: RankingModelName = .bm25

  @Option(help: "--model bm25p: weight of each neighbour pair's phrase score relative to a word's (default \(Proximity.defaultPairWeight)).")
  var pairWeight: Double = Proximity.defaultPairWeight

  @Option(help: "Also search plain query words in bylines, scored with this weight (default 0: title and body only).")
  var bylineWeight: Double = 0

  @Option(help: "Also search plain query words in sources (agencies), scored with this weight (default 0).")
  var sourceWeight: Double = 0

  @Option(help: "Dirichlet prior mu of --model ql (default 1000).")
  var mu: Double = 1000

  @Flag(
    inversion: .prefixedNo,
    help: ArgumentHelp(
      "Pseudo-relevance feedback with RM3 for plain word queries: a second pass with the query expanded by terms of the first pass's best documents (off by default).",
      discussion: "Expansion brings in documents without the query's words; it helps some collections and hurts others (docs/RELEVANCE.md)."))
  var rm3 = false

  @Flag(
    help: "RM3 as a re-ranker: the expanded query orders the documents that match the query itself, so every hit holds a query word.")
  var rm3Rerank = false

  @Option(help: "Counting the matches of a pruned query: estimate (from document frequencies, shown as \"about N\") or exact (a second pass over the matches, without scoring).")
  var count: MatchCounting = .estimate

  @Flag(
    help: "Score every match instead of pruning with MaxScore (same results, slower; for checking and measuring).")
  var exhaustive = false

  @Option(help: "RM3: feedback documents (default 10).")
  var fbDocs: Int = 10

  @Option(help: "RM3: feedback terms (default 10).")
  var fbTerms: Int = 10

  @Option(help: "RM3: weight of the original query, 0...1 (default 0.5).")
  var originalQueryWeight: Double = 0.5

  func validate() throws {
    guard mu > 0, mu.isFinite else { throw ValidationError("--mu must be a finite number > 0") }
    guard fbDocs >= 1, fbTerms >= 1 else { throw ValidationError("--fb-docs and --fb-terms must be at least 1") }
    guard (0...1).contains(originalQueryWeight) else {
      throw ValidationError("--original-query-weight must be between 0 and 1")
    }
    guard hitCount >= 0 else { throw ValidationError("-k must be 0 or more") }
    guard offset >= 0 else { throw ValidationError("--offset must be 0 or more") }
    guard offset <= Self.maxDepth - hitCount else {
      throw ValidationError("--offset plus -k must be at most \(Self.maxDepth)")
    }
    guard k1 >= 0, k1.isFinite else { throw ValidationError("--k1 must be a finite number >= 0") }
    guard (0...1).contains(b) else { throw ValidationError("--b must be between 0 and 1") }
    guard titleWeight >= 0, titleWeight.isFinite else { throw ValidationError("--title-weight must be >= 0") }
    guard pairWeight >= 0, pairWeight.isFinite else { throw ValidationError("--pair-weight must be a finite number >= 0") }
    guard bylineWeight >= 0, bylineWeight.isFinite, sourceWeight >= 0, sourceWeight.isFinite else {
      throw ValidationError("--byline-weight and --source-weight must be finite numbers >= 0")
    }
  }

  /// The deepest hit a page may reach (`--offset` + `-k`): the top hits are kept in memory.
  static let maxDepth = 10_000_000

  var bm25: BM25 { BM25(k1: k1, b: b, titleWeight: titleWeight, fieldModel: fieldModel) }

  /// A searcher over `reader` ranking as the options say.
  func searcher(_ reader: IndexReader) -> Searcher {
    var searcher = Searcher(reader: reader, bm25: bm25)
    searcher.queryLikelihoodMu = model == .ql ? mu : nil
    searcher.pruning = !exhaustive
    searcher.counting = count
    searcher.feedback =
      rm3 || rm3Rerank
      ? RM3(feedbackDocuments: fbDocs, feedbackTerms: fbTerms, originalQueryWeight: originalQueryWeight) : nil
    searcher.feedbackKeepsMatches = rm3Rerank
    searcher.proximity = model == .bm25p ? Proximity(pairWeight: pairWeight) : nil
    if bylineWeight > 0 || sourceWeight > 0 {
      searcher.nameFields = NameFields(bylineWeight: bylineWeight, sourceWeight: sourceWeight)
    }
    return searcher
  }
}

/// `--model`: the ranking function.
enum RankingModelName: String, ExpressibleByArgument, CaseIterable {
  case bm25, bm25p, ql
}

extension BM25.FieldModel: ExpressibleByArgument {
}

extension MatchCounting: ExpressibleByArgument {
}

extension FacetField: ExpressibleByArgument {
}

/// Facts for `--version`.
enum FormatInfo {
  static var version: String { String(FormatVersion.current) }
  static var analyzer: String { "\(AnalyzerSettings.standard.name)/\(AnalyzerSettings.standard.version)" }
}

/// Prints `message` as one `newsindex: error: …` line and exits with status 2.
func fail(_ message: String) -> ExitCode {
  Terminal.standardError("newsindex: error: \(message)\n")
  return ExitCode(2)
}

/// Opens the index for reading, or exits 2 with a one-line error.
func openIndex(_ option: IndexOption) throws -> IndexReader {
  do throws(FormatError) {
    return try IndexReader(opening: option.directory)
  } catch {
    throw fail(error.description)
  }
}
