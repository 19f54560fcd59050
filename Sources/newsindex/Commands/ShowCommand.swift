import ArgumentParser
import Foundation
import NewsIndexCore
import NewsIndexFormat
import NewsIndexSearch

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Print a stored article: title, date, byline, source, absolute path and body.",
    discussion: """
      DOCID is the id search prints (e.g. reut2-000.sgm#5, html/page.html, charset/a.txt). \
      --highlight QUERY marks where the query's words and phrases match the title and body \
      (in color on a terminal, [[like this]] otherwise); JSON gives each match's offsets in \
      UTF-8 bytes and UTF-16 code units.

      Examples:
        newsindex show 'reut2-000.sgm#5'
        newsindex show text/rates.txt --highlight 'interest rates' --format json

      Exit status: 0 shown, 1 no such document, 2 on error, 64 on bad usage.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: ArgumentHelp("The document's id, as search prints it.", valueName: "DOCID"))
  var id: String

  @OptionGroup var indexOption: IndexOption

  @Option(help: ArgumentHelp("Mark the matches of this query.", valueName: "QUERY"))
  var highlight: String?

  @Option(help: "Output format: text or json.")
  var format: Format = .text

  func run() throws {
    var highlighter: Highlighter?
    let reader = try openIndex(indexOption)
    if let highlight {
      do throws(QueryParseError) {
        highlighter = Highlighter(query: try QueryParser.parseWithFilter(highlight).query, analyzer: reader.analyzer)
      } catch {
        throw ValidationError(error.description)
      }
    }
    let found: ExtractedDocument?
    do throws(FormatError) { found = try reader.storedDocument(id: id) } catch { throw fail(error.description) }
    guard let document = found else {
      Terminal.standardError("newsindex: no document with id \(id) in \(indexOption.index)\n")
      throw ExitCode(1)
    }
    let absolute = reader.absolutePath(of: document)
    let title = highlighter?.title(document.title) ?? Snippet(text: document.title, highlights: [])
    let body = Snippet(text: document.body, highlights: highlighter?.matches(in: document.body, field: .body) ?? [])
    switch format {
    case .json:
      print(
        "{\(OutputFormat.schemaMember),\"id\":\(JSONText.string(document.id)),\"title\":\(JSONText.string(document.title)),"
          + "\"date\":\(JSONText.string(document.date)),\"byline\":\(JSONText.string(document.byline)),"
          + "\"source\":\(JSONText.string(document.source)),\"place\":\(JSONText.string(document.place)),"
          + "\"path\":\(JSONText.string(document.path)),\"absolute_path\":\(JSONText.string(absolute)),"
          + "\"body\":\(JSONText.string(document.body)),"
          + "\"title_matches\":\(HitText.matchesJSON(title)),\"body_matches\":\(HitText.matchesJSON(body))}")
    case .text:
      let color = Terminal.useColor
      let (open, close) = color ? ("\u{1B}[1;33m", "\u{1B}[0m") : ("[[", "]]")
      let bold = color ? "\u{1B}[1m" : ""
      let reset = color ? "\u{1B}[0m" : ""
      var out = "\(bold)\(title.rendered(open: open, close: close + bold))\(reset)\n"
      for (name, value) in [
        ("id", document.id), ("date", document.date), ("byline", document.byline), ("source", document.source),
        ("place", document.place), ("path", absolute),
      ] where !value.isEmpty {
        out += "\(name): \(value)\n"
      }
      out += "\n" + body.rendered(open: open, close: close) + "\n"
      var output = StandardOutput()
      output.write(out)
      output.flush()
    }
  }
}
