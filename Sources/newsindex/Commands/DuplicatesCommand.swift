import ArgumentParser
import NewsIndexCore
import NewsIndexFormat
import NewsIndexSearch

/// `newsindex duplicates`: the groups of duplicate stories that searches collapse, so what a
/// `(+N similar)` hides can be seen and judged.
struct DuplicatesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "duplicates",
    abstract: "List the groups of duplicate stories that searches collapse.",
    discussion: """
      Each group holds documents with the same analyzed text (exact copies) or nearly the same \
      (SimHash within 3 bits, dated within 3 days of each other), found by the last build. \
      Groups are listed largest first; within a group documents are in index order. \
      --format text prints a heading per group and one line per document (date, id, title); \
      tsv prints 'group<TAB>id<TAB>date<TAB>title' lines; jsonl one object per group: \
      {"group":…,"size":…,"documents":[{"id":…,"date":…,"title":…},…]}; json one document: \
      {"schema_version":1,"groups":[…the jsonl objects…]} (docs/OUTPUT.md).

      Exit status: 0 when the index has groups, 1 when it has none, 2 on error.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, tsv, jsonl, json
  }

  @OptionGroup var indexOption: IndexOption

  @Option(help: "Output format: text, tsv, jsonl (one object per group) or json (one document).")
  var format: Format = .text

  @Option(help: "List at most this many groups (0: all).")
  var limit: Int = 0

  func validate() throws {
    guard limit >= 0 else { throw ValidationError("--limit must be 0 (all) or more") }
  }

  func run() throws {
    let reader = try openIndex(indexOption)
    let groups = reader.duplicates.groups
    let shown = limit == 0 ? groups[...] : groups.prefix(limit)
    var out = StandardOutput()
    if format == .json { out.write("{\(OutputFormat.schemaMember),\"groups\":[") }
    for (index, members) in shown.enumerated() {
      let number = index + 1
      var documents: [ExtractedDocument] = []
      do throws(FormatError) {
        for member in members { documents.append(try reader.storedDocument(member)) }
      } catch {
        out.flush()
        throw fail(error.description)
      }
      switch format {
      case .text:
        out.write("group \(number): \(members.count) documents\n")
        for document in documents {
          let date = document.date.isEmpty ? "(no date)" : document.date
          out.write("  \(date)  \(document.id)  \(HitText.clean(document.title))\n")
        }
      case .tsv:
        for document in documents {
          let fields = [document.id, document.date, document.title].map(HitText.clean)
          out.write("\(number)\t\(fields.joined(separator: "\t"))\n")
        }
      case .jsonl, .json:
        let items = documents.map {
          "{\"id\":\(JSONText.string($0.id)),\"date\":\(JSONText.string($0.date)),\"title\":\(JSONText.string($0.title))}"
        }
        let group = "{\"group\":\(number),\"size\":\(members.count),\"documents\":[\(items.joined(separator: ","))]}"
        out.write(format == .json ? (index > 0 ? "," : "") + group : group + "\n")
      }
    }
    if format == .json { out.write("]}\n") }
    out.flush()
    if groups.isEmpty {
      if format == .text {
        Terminal.standardError("newsindex: no duplicate stories in \(indexOption.index)\n")
      }
      throw ExitCode(1)
    }
  }
}
