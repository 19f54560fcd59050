import ArgumentParser
import Foundation
import NewsIndexCore
import NewsIndexFormat
import NewsIndexSearch

struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Show what an index holds: documents, terms, postings, segments, bytes, analyzer.")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @OptionGroup var indexOption: IndexOption

  @Option(help: "Output format: text or json (one document).")
  var format: Format = .text

  func run() throws {
    let reader = try openIndex(indexOption)
    let stats: IndexStatistics
    do throws(FormatError) {
      stats = try IndexStatistics(reader: reader)
    } catch {
      throw fail(error.description)
    }
    let commit = reader.commit
    let bytes = reader.directory.byteCounts(of: commit)
    let analyzer = commit.analyzer
    let stopwords =
      analyzer.stopWords.isEmpty ? "none" : "\(analyzer.stopWordList) (\(analyzer.stopWords.count) words)"
    let roots = commit.roots ?? []
    let duplicateGroups = reader.duplicates.count
    let duplicateDocuments = reader.duplicates.documentCount
    switch format {
    case .json:
      let files = bytes.keys.sorted().map { "\(JSONText.string($0)):\(bytes[$0]!)" }.joined(separator: ",")
      print(
        "{\(OutputFormat.schemaMember),\"documents\":\(stats.documentCount),\"deleted_documents\":\(stats.deletedDocumentCount),\"distinct_terms\":\(stats.distinctTermCount),"
          + "\"postings\":\(stats.postingCount),\"segments\":\(commit.segments.count),"
          + "\"duplicate_groups\":\(duplicateGroups),\"documents_in_duplicate_groups\":\(duplicateDocuments),"
          + "\"generation\":\(commit.generation),\"format_version\":\(commit.formatVersion),"
          + "\"bytes\":\(bytes.values.reduce(0, +)),\"bytes_by_kind\":{\(files)},"
          + "\"average_field_tokens\":{\"title\":\(reader.averageFieldLengths[0]),\"body\":\(reader.averageFieldLengths[1])},"
          + "\"analyzer\":{\"name\":\(JSONText.string(analyzer.name)),\"version\":\(analyzer.version),"
          + "\"lowercase\":\(analyzer.lowercase),\"fold_accents\":\(analyzer.foldAccents),"
          + "\"cjk_bigrams\":\(analyzer.cjkBigrams),\"max_token_bytes\":\(analyzer.maxTokenBytes),"
          + "\"stemmer\":\(JSONText.string(analyzer.stemmer)),\"stopwords\":\(JSONText.string(stopwords)),"
          + "\"stopword_count\":\(analyzer.stopWords.count)},"
          + "\"stemmer\":\(JSONText.string(analyzer.stemmer)),\"stopwords\":\(JSONText.string(stopwords)),"
          + "\"store\":\(JSONText.string(StoreMode(recorded: commit.store).rawValue)),"
          + "\"roots\":[\(roots.map(Self.rootJSON).joined(separator: ","))],"
          + "\"committed_at\":\(JSONText.string(commit.committedAt))}")
    case .text:
      print("index         \(indexOption.index) (generation \(commit.generation), format \(commit.formatVersion))")
      print(
        "documents     \(stats.documentCount)"
          + (stats.deletedDocumentCount > 0 ? " (+\(stats.deletedDocumentCount) deleted, dropped at the next merge)" : ""))
      print("terms         \(stats.distinctTermCount) distinct (field, term) keys")
      print("postings      \(stats.postingCount)")
      print("segments      \(commit.segments.count)")
      print("duplicates    \(duplicateGroups) groups of \(duplicateDocuments) documents (\(duplicateDocuments - duplicateGroups) hidden by collapsing)")
      print("avg tokens    title \(String(format: "%.1f", reader.averageFieldLengths[0])), body \(String(format: "%.1f", reader.averageFieldLengths[1]))")
      print("bytes         \(ByteCount.describe(bytes.values.reduce(0, +)))")
      for kind in IndexFileKind.allCases {
        print("  .\(kind.fileExtension.padding(toLength: 6, withPad: " ", startingAt: 0))    \(ByteCount.describe(bytes[kind.fileExtension] ?? 0))")
      }
      print("  .dups      \(ByteCount.describe(bytes[DuplicateTable.fileExtension] ?? 0))")
      print("store         \(StoreMode(recorded: commit.store).rawValue)")
      print("analyzer      \(analyzer.description)")
      for (i, root) in roots.enumerated() {
        let label = root.label.isEmpty ? "" : "  ids \(root.label)/…"
        let excludes = root.excludes.isEmpty ? "" : "  excluding \(root.excludes.joined(separator: " "))"
        print((i == 0 ? "roots         " : "              ") + root.path + label + excludes)
      }
      print("committed     \(commit.committedAt)")
    }
  }

  static func rootJSON(_ root: SourceRoot) -> String {
    "{\"path\":\(JSONText.string(root.path)),\"given\":\(JSONText.string(root.given)),"
      + "\"label\":\(JSONText.string(root.label)),\"is_file\":\(root.isFile),"
      + "\"excludes\":[\(root.excludes.map(JSONText.string).joined(separator: ","))]}"
  }
}
