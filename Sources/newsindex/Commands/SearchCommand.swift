import ArgumentParser
import Foundation
import NewsIndexCore
import NewsIndexFormat
import NewsIndexSearch

struct SearchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Search the index and print ranked hits with highlighted snippets.",
    discussion: """
      Ranking: BM25F (k1 = \(BM25.defaultK1), b = \(BM25.defaultB)) over title and body, title \
      matches weighted \(BM25.defaultTitleWeight)x (--field-model sum: BM25 per field, summed); \
      --model bm25p adds \(Proximity.defaultPairWeight) x the phrase score of each pair of \
      neighbouring words of a plain query.

      Query syntax:
        word word          ranked OR of the words
        "exact phrase"     the words next to each other, in order
        +word  -word       required / excluded
        a AND b, a OR b, NOT a, ( … )   boolean operators (upper case) and grouping
        title:word  title:"a phrase"    search one field (title or body)
        word^2  "a phrase"^1.5  (a OR b)^0.5   boost: multiply that clause's score (as in Lucene;
                                         ^0 keeps the clause for matching only)
        date:[2025-01-01 TO 2025-06-30]  only documents dated in the range (both ends included;
                                         * leaves an end open; date:2025-03 is one month)

      Duplicate stories (the same text, or nearly, found at build time) are collapsed to their \
      best hit, shown with how many copies the index holds, e.g. "(+3 similar)"; --no-collapse \
      shows every copy. --sort date orders by date, newest first; --recency 30d halves a \
      document's score for every 30 days it is older than the newest document of the index.

      Examples:
        newsindex search '"free trade agreement" korea'
        newsindex search 'cocoa +exports -brazil' --format jsonl
        newsindex search '(flood OR drought) AND farmers' -k 5
        newsindex search 'cocoa^2 exports' --offset 10 -k 10     (hits 11-20)
        newsindex search 'election date:[2025-01-01 TO *]' --sort date
        newsindex search 'oil prices' --since 1987-03 --until 1987-04 --recency 7d

      Paging: --offset N -k K prints hits N+1 to N+K of the ranking of -k N+K (same scores and \
      order, with --sort, dates and collapsing; a group of duplicates is one hit), and the \
      footer says which, e.g. "hits 11–20 of about 1200 matching documents".

      Ranking is plain BM25F: a query answers with the documents that contain its words. \
      --rm3 adds pseudo-relevance feedback (the query expanded by terms of its best documents), \
      which helps some collections and hurts others (docs/RELEVANCE.md).

      The footer counts the matching documents: exactly when every match was scored or the \
      count is known from the dictionary (one word), otherwise as "about N", estimated from \
      document frequencies (pruning leaves most matches unvisited); --count exact counts them \
      in a second pass, without scoring.

      Exit status: 0 with hits, 1 without, 2 on error, 64 on bad usage.
      """)

  /// `json` still writes JSON Lines this release, with a notice (docs/OUTPUT.md).
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl, json, tsv
  }

  /// Printed on stderr for `--format json`: the old spelling of `jsonl`.
  static let jsonNotice =
    "newsindex: note: 'search --format json' writes JSON Lines as before, but is deprecated: use --format jsonl "
    + "(in the next release json will be one JSON document, see docs/OUTPUT.md)\n"


  @Argument(help: "The query (quote it in the shell).")
  var query: String

  @OptionGroup var indexOption: IndexOption
  @OptionGroup var ranking: RankingOptions
  @OptionGroup var results: ResultOptions

  @Flag(
    help:
      "Read the query forgivingly, as before: close a missing ')' or quote at the end, read an unknown 'name:' as text, pass over dangling operators."
  )
  var lenient = false

  @Option(
    help: ArgumentHelp(
      "Passages of the body per hit: whole sentences holding the query's words and phrases (default 1; 0: none).",
      valueName: "N"))
  var fragments: Int = 1

  @Option(
    help: ArgumentHelp(
      "Instead of hits, count every matching document by source, language, year or month (exact; a bar chart on a terminal, TSV when piped, --format json).",
      valueName: "FIELD"))
  var facet: FacetField?

  @Flag(help: "Print what the query did on stderr: time, documents and postings scored, blocks decoded and skipped.")
  var stats = false

  @Option(
    help:
      "Output format: text, jsonl (one object per hit), tsv; json is the old spelling of jsonl (same output, a notice on stderr)."
  )
  var format: Format = .text

  func validate() throws {
    guard !query.allSatisfy(\.isWhitespace) else { throw ValidationError("the query is empty") }
    guard (0...20).contains(fragments) else { throw ValidationError("--fragments must be between 0 and 20") }
  }

  func run() throws {
    let parsed: Query
    let dates: SearchFilter
    do throws(QueryParseError) {
      (parsed, dates) = try QueryParser.parseWithFilter(query, syntax: lenient ? .lenient : .strict)
    } catch {
      throw QueryErrorText.fail(error, query: query)
    }
    if format == .json && facet == nil { Terminal.standardError(Self.jsonNotice) }
    let reader = try openIndex(indexOption)
    var out = StandardOutput()
    var searcher = ranking.searcher(reader)
    results.apply(to: &searcher, collapseByDefault: true)
    searcher.filter.restrict(to: dates)
    if let facet {
      let counts: FacetCounts
      do throws(FormatError) { counts = try searcher.facetCounts(parsed, by: facet) } catch { throw fail(error.description) }
      let chosen: FacetText.Format = format == .tsv ? .tsv : format == .text ? .text : .json
      print(FacetText.render(counts, format: chosen, terminal: Terminal.standardOutputIsTerminal, query: query), terminator: "")
      if stats { Terminal.standardError("facet: \(counts.microseconds) us over \(counts.matchCount) matches\n") }
      if counts.matchCount == 0 { throw ExitCode(1) }
      return
    }
    let result = searcher.search(parsed, k: ranking.hitCount, offset: ranking.offset)
    if result.hits.isEmpty, let stopped = searcher.stopWordsOnly(parsed) {
      Terminal.standardError(
        "newsindex: every word of the query is a stop word (\(stopped.joined(separator: ", "))), which the index "
          + "leaves out; add a content word, e.g. '\(stopped.joined(separator: " ")) election'\n")
      throw ExitCode(1)
    }
    let suggestions = searcher.suggestions(for: parsed, noHits: result.hits.isEmpty && result.offset == 0)
    let corrected = suggestions.isEmpty ? nil : Searcher.correctedQuery(query, suggestions)
    let suggestionsJSON = "[" + (corrected.map { JSONText.string($0) } ?? "") + "]"
    if format == .text, let corrected, !result.hits.isEmpty { out.write("did you mean: \(corrected)\n\n") }
    let store = StoreMode(recorded: reader.commit.store)
    // Only the words the user typed are lit, phrases as units (never RM3's expansion words).
    let highlighter = Highlighter(query: parsed, analyzer: reader.analyzer)
    let color = Terminal.useColor
    for (index, hit) in result.hits.enumerated() {
      let rank = result.offset + index + 1
      let document: ExtractedDocument
      do throws(FormatError) {
        document = try searcher.document(for: hit)
      } catch {
        out.flush()
        throw fail(error.description)
      }
      let passages = highlighter.fragments(of: document.body, count: fragments)
      let snippet = Snippet.joined(passages)
      let copies = searcher.duplicateCount(of: hit)
      let absolute = reader.absolutePath(of: document)
      let title = highlighter.title(document.title)
      switch format {
      case .text:
        out.write(
          HitText.text(
            rank: rank, hit: hit, document: document, snippet: snippet, duplicates: copies, color: color,
            title: title, absolutePath: absolute, store: store))
      case .jsonl, .json:
        out.write(
          HitText.json(
            rank: rank, hit: hit, document: document, snippet: snippet, duplicates: copies,
            matches: MatchText.json(result) + ",\"suggestions\":\(suggestionsJSON)", title: title, fragments: passages,
            absolutePath: absolute, store: store) + "\n")
      case .tsv:
        out.write(HitText.tsv(rank: rank, hit: hit, document: document, snippet: snippet) + "\t" + HitText.clean(absolute) + "\n")
      }
    }
    if format == .text && result.hits.isEmpty {
      let page = result.offset > 0 ? " after the first \(result.offset) (\(MatchText.text(result)))" : ""
      Terminal.standardError("no hits for \(query)\(page)\n" + (corrected.map { "did you mean: \($0)\n" } ?? ""))
    } else if format == .text {
      out.write(MatchText.footer(result) + "\n")
    }
    if format != .text && format != .tsv && result.hits.isEmpty && corrected != nil {
      out.write("{\"suggestions\":\(suggestionsJSON)}\n")
    }
    out.flush()
    if stats { Terminal.standardError(StatisticsText.text(result.statistics)) }
    if result.hits.isEmpty { throw ExitCode(1) }
  }
}

/// Renders one hit in each output format.
enum HitText {
  /// `duplicates`: other copies of the document in the index, shown as `(+N similar)`.
  /// `store`: what the index keeps; a field it does not keep is said so, never shown empty.
  static func text(
    rank: Int, hit: Hit, document: ExtractedDocument, snippet: Snippet, duplicates: Int = 0, color: Bool,
    title highlighted: Snippet? = nil, absolutePath: String? = nil, store: StoreMode = .full
  ) -> String {
    let bold = color ? "\u{1B}[1m" : ""
    let dim = color ? "\u{1B}[2m" : ""
    let mark = color ? "\u{1B}[1;33m" : ""
    let reset = color ? "\u{1B}[0m" : ""
    let date = document.date.isEmpty ? "" : "  \(document.date)"
    let title =
      store == .none
      ? "(title not stored)"
      : document.title.isEmpty
        ? "(untitled)"
        : color ? (highlighted ?? Snippet(text: document.title, highlights: [])).rendered(open: mark, close: reset + bold) : document.title
    let similar = duplicates > 0 ? "  (+\(duplicates) similar)" : ""
    var text = "\(rank). \(bold)\(title)\(reset)\(similar)\n"
    let credit = [document.byline.isEmpty ? "" : "by " + document.byline, document.source]
      .filter { !$0.isEmpty }.joined(separator: ", ")
    let credits = credit.isEmpty ? "" : "  " + credit
    text += "   \(dim)score \(String(format: "%.4f", hit.score))\(date)  \(document.id)\(credits)\(reset)\n"
    let body = color ? snippet.rendered(open: mark, close: reset) : snippet.text
    if !body.isEmpty {
      text += "   \(body)\n"
    } else if let missing = store.missingText {
      text += "   \(dim)\(missing)\(reset)\n"
    }
    if let absolutePath { text += "   \(dim)\(absolutePath)\(reset)\n" }
    return text + "\n"
  }

  /// `matches`: the query's match count members (``MatchText/json(_:)``), repeated on every hit
  /// so that each line stands alone.
  /// `store`: an index that does not keep every field adds `"store":"compact"` (or `"none"`),
  /// so that empty fields are not read as empty stories.
  static func json(
    rank: Int, hit: Hit, document: ExtractedDocument, snippet: Snippet, duplicates: Int = 0, matches: String? = nil,
    title: Snippet? = nil, fragments: [Snippet]? = nil, absolutePath: String? = nil, store: StoreMode = .full
  ) -> String {
    var extra = ""
    if let absolutePath { extra += ",\"absolute_path\":\(JSONText.string(absolutePath))" }
    if let title { extra += ",\"title_matches\":" + matchesJSON(title) }
    if let fragments {
      extra += ",\"fragments\":[" + fragments.map { "{\"text\":\(JSONText.string($0.text)),\"matches\":\(matchesJSON($0))}" }
        .joined(separator: ",") + "]"
    }
    return "{\"rank\":\(rank),\(matches.map { $0 + "," } ?? "")\"id\":\(JSONText.string(document.id)),\"score\":\(JSONText.number(hit.score)),"
      + "\"duplicates\":\(duplicates),"
      + "\"title\":\(JSONText.string(document.title)),\"date\":\(JSONText.string(document.date)),"
      + "\"byline\":\(JSONText.string(document.byline)),\"source\":\(JSONText.string(document.source)),"
      + "\"path\":\(JSONText.string(document.path)),\"snippet\":\(JSONText.string(snippet.text))\(extra)"
      + (store == .full ? "" : ",\"store\":\(JSONText.string(store.rawValue))") + "}"
  }

  /// `[{"utf8":[start,end],"utf16":[start,end]},…]`: each match's offsets into the text, in
  /// UTF-8 bytes and in UTF-16 code units (end exclusive).
  static func matchesJSON(_ snippet: Snippet) -> String {
    "[" + zip(snippet.highlights, snippet.utf16Highlights).map { utf8, utf16 in
      "{\"utf8\":[\(utf8.lowerBound),\(utf8.upperBound)],\"utf16\":[\(utf16.lowerBound),\(utf16.upperBound)]}"
    }.joined(separator: ",") + "]"
  }

  static func tsv(rank: Int, hit: Hit, document: ExtractedDocument, snippet: Snippet) -> String {
    [String(rank), clean(document.id), String(format: "%.6f", hit.score), clean(document.date), clean(document.title),
     clean(document.path), clean(snippet.text)].joined(separator: "\t")
  }

  /// Tabs and newlines would break TSV columns and rows (`\r\n` is one `Character`).
  static func clean(_ field: String) -> String {
    String(field.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
  }
}
