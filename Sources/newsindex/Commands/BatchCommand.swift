import ArgumentParser
import Foundation
import NewsIndexSearch
import Synchronization

struct BatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "batch",
    abstract: "Answer many queries in one process, in parallel, in machine formats.",
    discussion: """
      Input: one query per line, either 'query' (its id is its ordinal, 1, 2, …) or \
      'id<TAB>query'; blank lines and lines starting with '#' are skipped. A TREC topic file \
      (<top> <num> <title> <desc> … </top>) is recognised by its <top> tags: each topic is one \
      query, its id the <num>, its text the --topics-field, with query syntax characters read as \
      spaces. Output follows input order.

      Formats:
        trec   qid Q0 docid rank score tag    (what trec_eval reads)
        jsonl  {"qid":…,"took_us":…,"matches":…,"matches_exact":…,"stats":{…},"hits":[{"rank":…,\
      "id":…,"score":…,"duplicates":…},…]} per query; matches: the documents matching (an \
      estimate unless matches_exact, see --count); duplicates: other copies of the story in \
      the index; stats: the query's work (see 'search --stats')
        json   one document: {"schema_version":1,"queries":[…the jsonl objects…]}
        tsv    qid<TAB>rank<TAB>docid<TAB>score

      --offset N -k K answers each query with hits N+1 to N+K of its ranking (ranks N+1…).

      A query that cannot be parsed is reported on stderr with its line number, gives no \
      results, and makes the exit status 2 after all other queries are answered.

      --collapse keeps one hit per group of duplicate stories as 'search' does (off here: \
      qrels judge every copy); --since, --until, --sort and --recency apply to every query.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case trec, jsonl, json, tsv
  }

  @Argument(help: ArgumentHelp("Query file, or - for stdin (the default).", valueName: "FILE"))
  var file: String = "-"

  @OptionGroup var indexOption: IndexOption
  @OptionGroup var ranking: RankingOptions
  @OptionGroup var results: ResultOptions

  @Option(help: "Output format: trec, jsonl (one object per query), json (one document) or tsv.")
  var format: Format = .trec

  @Option(help: "Run tag (last column of TREC output).")
  var runTag: String = "newsindex"

  @Option(help: "TREC topic files: search the title, description or both (default title).")
  var topicsField: TopicFile.Field = .title

  @Flag(
    help:
      "Read each query strictly, as search does: a malformed query is reported with its line and skipped (default: the forgiving reading of search --lenient)."
  )
  var strict = false

  @Option(help: "Worker threads (default: all cores).")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  func validate() throws {
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    guard !runTag.contains(where: \.isWhitespace), !runTag.isEmpty else {
      throw ValidationError("--run-tag must be one word")
    }
  }

  func run() throws {
    let input: String
    if file == "-" {
      input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    } else {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw fail("\(file): cannot read the query file; check the path")
      }
      input = String(decoding: data, as: UTF8.self)
    }
    let queries =
      TopicFile.isTopicFile(input) ? TopicFile.parse(input, field: topicsField) : BatchQuery.parseLines(input)
    let reader = try openIndex(indexOption)
    var searcher = ranking.searcher(reader)
    // Runs are scored against qrels that judge every copy of a story: collapsing hides judged
    // documents (CACM's and NPL's MAP fell by up to 0.003), so batch keeps them unless asked.
    results.apply(to: &searcher, collapseByDefault: false)
    searcher.syntax = strict ? .strict : .lenient
    let runner = BatchRunner(searcher: searcher, k: ranking.hitCount, offset: ranking.offset, threads: threads)
    let format = format
    let tag = runTag
    let failures = Mutex<[String]>([])
    var out = StandardOutput()
    var written = 0
    if format == .json { out.write("{\(OutputFormat.schemaMember),\"queries\":[") }
    runner.run(
      queries,
      render: { query, result in
        switch result {
        case .failure(let error):
          failures.withLock { $0.append("line \(query.lineNumber) (\(query.id)): \(error.description)") }
          return format == .jsonl || format == .json ? Array(BatchText.jsonl(query: query, hits: [], statistics: QueryStatistics()).utf8) : []
        case .success(let answer):
          var ids: [String] = []
          for hit in answer.hits {
            guard let id = try? reader.storedID(hit.docNumber) else {
              failures.withLock { $0.append("line \(query.lineNumber) (\(query.id)): stored fields unreadable") }
              return []
            }
            ids.append(id)
          }
          let hits = Array(zip(ids, answer.hits.map(\.score)))
          let first = answer.offset + 1
          switch format {
          case .trec: return BatchText.trec(query: query, hits: hits, firstRank: first, tag: tag)
          case .tsv: return Array(BatchText.tsv(query: query, hits: hits, firstRank: first).utf8)
          case .jsonl, .json:
            let copies = answer.hits.map { reader.duplicates.copies(of: $0.docNumber) }
            return Array(
              BatchText.jsonl(
                query: query, hits: hits, firstRank: first, duplicates: copies, statistics: answer.statistics,
                matches: MatchText.json(answer)
              ).utf8)
          }
        }
      },
      write: { bytes in
        guard format == .json else { return out.write(bytes: bytes) }
        // The jsonl object of each query, without its newline, comma-separated.
        guard !bytes.isEmpty else { return }
        if written > 0 { out.write(",") }
        out.write(bytes: bytes.last == 0x0A ? Array(bytes.dropLast()) : bytes)
        written += 1
      })
    if format == .json { out.write("]}\n") }
    out.flush()
    let problems = failures.withLock { $0 }
    for problem in problems { Terminal.standardError("newsindex: \(problem)\n") }
    if !problems.isEmpty { throw ExitCode(2) }
  }
}

/// Renders one query's hits in each batch format.
enum BatchText {
  /// Written straight into bytes: with a fast query, formatting ten lines through string
  /// interpolation cost about a fifth of the query (callgrind).
  /// `firstRank`: the rank of `hits[0]` (`--offset` + 1).
  static func trec(query: BatchQuery, hits: [(String, Double)], firstRank: Int = 1, tag: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(hits.count * 64)
    let qid = token(query.id).utf8
    for (rank, (id, score)) in hits.enumerated() {
      out.append(contentsOf: qid)
      out.append(contentsOf: " Q0 ".utf8)
      out.append(contentsOf: token(id).utf8)
      out.append(0x20)
      out.append(contentsOf: String(firstRank + rank).utf8)
      out.append(0x20)
      out.append(contentsOf: JSONText.number(score).utf8)
      out.append(0x20)
      out.append(contentsOf: tag.utf8)
      out.append(0x0A)
    }
    return out
  }

  static func tsv(query: BatchQuery, hits: [(String, Double)], firstRank: Int = 1) -> String {
    var out = ""
    for (rank, (id, score)) in hits.enumerated() {
      out += "\(HitText.clean(query.id))\t\(firstRank + rank)\t\(HitText.clean(id))\t\(JSONText.number(score))\n"
    }
    return out
  }

  /// `duplicates[i]`: other copies of hit `i`'s story in the index (0 when not given).
  static func jsonl(
    query: BatchQuery, hits: [(String, Double)], firstRank: Int = 1, duplicates: [Int] = [],
    statistics: QueryStatistics,
    matches: String = MatchText.json(count: 0, isExact: true)
  ) -> String {
    var out = "{\"qid\":\(JSONText.string(query.id)),\"took_us\":\(statistics.microseconds),\(matches),"
      + "\"stats\":\(StatisticsText.json(statistics)),\"hits\":["
    for (rank, (id, score)) in hits.enumerated() {
      if rank > 0 { out += "," }
      let copies = rank < duplicates.count ? duplicates[rank] : 0
      out += "{\"rank\":\(firstRank + rank),\"id\":\(JSONText.string(id)),\"score\":\(JSONText.number(score)),"
        + "\"duplicates\":\(copies)}"
    }
    return out + "]}\n"
  }

  /// TREC run columns are separated by spaces: ids with whitespace get it replaced.
  static func token(_ value: String) -> String {
    // Fast path for the usual ASCII id without whitespace (no grapheme breaking).
    if value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return value }
    return value.contains(where: \.isWhitespace) ? String(value.map { $0.isWhitespace ? "_" : $0 }) : value
  }
}

extension TopicFile.Field: ExpressibleByArgument {}
