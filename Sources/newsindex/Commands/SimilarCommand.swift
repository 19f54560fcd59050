import ArgumentParser
import Foundation
import NewsIndexCore
import NewsIndexFormat
import NewsIndexSearch

struct SimilarCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "similar",
    abstract: "List the stories most like a given one (more like this).",
    discussion: """
      The story's most distinctive terms (frequency in the story times idf; at most \
      \(Searcher.similarTermCount), each occurring twice or more and in five documents or more, \
      as Lucene's MoreLikeThis defaults) are searched as a ranked OR. \
      The story itself and its copies are left out; duplicates among the hits are collapsed \
      (--no-collapse shows them).

      Examples:
        newsindex similar 'reut2-000.sgm#1'
        newsindex similar 'reut2-000.sgm#1' -k 5 --format tsv --terms

      Exit status: 0 with hits, 1 without, 2 on error (no such document, a damaged index).
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl, tsv
  }

  @Argument(help: "The story's id, as search prints it.")
  var docID: String

  @OptionGroup var indexOption: IndexOption

  @OptionGroup var ranking: RankingOptions

  @Flag(inversion: .prefixedNo, help: "Show one story per group of duplicates (default on).")
  var collapse = true

  @Flag(help: "Print the terms searched, with their weights, on stderr.")
  var terms = false

  @Option(help: "Output format: text, jsonl (one object per story), tsv.")
  var format: Format = .text

  func run() throws {
    let reader = try openIndex(indexOption)
    guard let number = try DocumentLookup.number(of: docID, in: reader) else {
      throw fail("no document with id '\(docID)' in \(indexOption.index); ids are as search prints them")
    }
    var searcher = ranking.searcher(reader)
    searcher.collapseDuplicates = collapse
    let similar: SimilarStories
    do throws(FormatError) {
      similar = try searcher.similar(to: number, k: ranking.hitCount)
    } catch {
      throw fail(error.description)
    }
    if terms {
      Terminal.standardError(
        "terms: " + similar.terms.map { "\($0.term) \(String(format: "%.2f", $0.weight))" }.joined(separator: ", ") + "\n")
    }
    let snippets = SnippetMaker(analyzer: reader.analyzer)
    let highlight = Set(similar.terms.map { Array($0.term.utf8) })
    var out = StandardOutput()
    for (index, hit) in similar.result.hits.enumerated() {
      let document: ExtractedDocument
      do throws(FormatError) {
        document = try searcher.document(for: hit)
      } catch {
        out.flush()
        throw fail(error.description)
      }
      let snippet = snippets.snippet(of: document.body, terms: highlight)
      let copies = collapse ? searcher.duplicateCount(of: hit) : 0
      switch format {
      case .text:
        out.write(
          HitText.text(
            rank: index + 1, hit: hit, document: document, snippet: snippet, duplicates: copies, color: Terminal.useColor))
      case .jsonl:
        out.write(HitText.json(rank: index + 1, hit: hit, document: document, snippet: snippet, duplicates: copies) + "\n")
      case .tsv:
        out.write(HitText.tsv(rank: index + 1, hit: hit, document: document, snippet: snippet) + "\n")
      }
    }
    if similar.result.hits.isEmpty {
      Terminal.standardError(
        "no similar stories for \(docID)" + (similar.terms.isEmpty ? ": it has no term that occurs twice and in five documents\n" : "\n"))
    }
    out.flush()
    if similar.result.hits.isEmpty { throw ExitCode(1) }
  }
}
