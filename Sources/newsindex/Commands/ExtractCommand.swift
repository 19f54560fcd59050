import ArgumentParser
import Dispatch
import Foundation
import NewsIndexCore
import NewsIndexExtract
import Synchronization

/// `newsindex extract`: prints what `build` would index for each document, so extraction can be
/// scored (`../shared/bench/extract`) and debugged. Nothing is written to an index.
struct ExtractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract: "Print what would be indexed for each document (id, title, date, byline, language, body).",
    discussion: """
      --format json prints one JSON object keyed by document id, each value holding articleBody, \
      title, date, byline, source (agency), place (dateline), titleDerived (no headline: the \
      title is the lead's), dateInferred (the year was not in the dateline), language (and \
      topics, when the source has them): the predictions \
      layout of ../shared/bench/extract. --format jsonl prints one object per line with the field \
      names of the other commands (id, title, date, byline, source, place, title_derived, \
      date_inferred, language, topics, path, body; docs/OUTPUT.md). --format text prints one \
      block per document. \
      --key folder keys each document by its file's parent folder name instead (for pages saved \
      as <name>/source.html); documents of multi-document files keep their #key suffix.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case json, jsonl, text
  }

  enum Key: String, ExpressibleByArgument, CaseIterable {
    case id, folder
  }

  @Argument(help: ArgumentHelp("Files or folders to extract.", valueName: "FILE"))
  var paths: [String]

  @Option(help: "Output format: json (one document, the predictions layout), jsonl (one object per document) or text.")
  var format: Format = .json

  @Option(help: "Key of each JSON entry: the document id, or the file's parent folder name.")
  var key: Key = .id

  @Option(help: "Worker threads.")
  var threads: Int = 1

  @Option(help: ArgumentHelp("Skip files larger than this many MB.", valueName: "MB"))
  var maxFileSize: Int = 256

  func validate() throws {
    guard !paths.isEmpty else { throw ValidationError("give at least one FILE or folder") }
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    guard maxFileSize >= 1 else { throw ValidationError("--max-file-size must be at least 1 MB") }
  }

  func run() throws {
    let (files, problems) = FileWalker.sourceFiles(under: paths)
    for problem in problems { Terminal.standardError("newsindex: skipped \(problem.description)\n") }
    if files.isEmpty && !problems.isEmpty { throw fail("nothing to extract in \(paths.joined(separator: " "))") }

    let extractor = DocumentExtractor(maxFileBytes: maxFileSize << 20)
    let slots = ResultSlots(count: files.count)
    let workers = min(threads, max(files.count, 1))
    // Workers take the next file from a shared counter, largest files first (so no worker is
    // left with a big page at the end); results still print in input order.
    let order = workers > 1 ? files.indices.sorted { files[$0].byteCount > files[$1].byteCount } : Array(files.indices)
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let k = next.add(1, ordering: .relaxed).oldValue
        guard k < order.count else { return }
        let index = order[k]
        do throws(ExtractError) {
          slots.store(.success(try extractor.extractArticles(from: files[index])), at: index)
        } catch {
          slots.store(.failure(error), at: index)
        }
      }
    }

    var out = OutputBuffer()
    if format == .json { out.write("{") }
    var first = true
    for (index, file) in files.enumerated() {
      switch slots.result(at: index) {
      case .failure(let error):
        Terminal.standardError("newsindex: skipped \(error.description)\n")
      case .success(let articles):
        for article in articles {
          switch format {
          case .json:
            out.write(first ? "\n" : ",\n")
            out.write(JSONText.string(entryKey(article.document, file: file)))
            out.write(": ")
            out.write(Self.json(article))
          case .jsonl:
            out.write(Self.jsonLine(article) + "\n")
          case .text:
            out.write(Self.text(article))
          }
          first = false
        }
      }
      out.flushIfLarge()
    }
    if format == .json { out.write("\n}\n") }
    out.flush()
  }

  private func entryKey(_ document: ExtractedDocument, file: SourceFile) -> String {
    guard key == .folder else { return document.id }
    let components = file.path.split(separator: "/")
    let folder = components.count >= 2 ? String(components[components.count - 2]) : document.id
    guard let hash = document.id.firstIndex(of: "#") else { return folder }
    return folder + document.id[hash...]
  }

  static func json(_ article: ExtractedArticle) -> String {
    let document = article.document
    return "{\"id\":\(JSONText.string(document.id)),\"title\":\(JSONText.string(document.title)),"
      + "\"date\":\(JSONText.string(document.date)),\"byline\":\(JSONText.string(document.byline)),"
      + "\"source\":\(JSONText.string(document.source)),\"place\":\(JSONText.string(document.place)),"
      + "\"titleDerived\":\(document.titleIsDerived),\"dateInferred\":\(document.dateIsInferred),"
      + "\"language\":\(JSONText.string(article.language)),\"path\":\(JSONText.string(document.path)),"
      + (article.topics.isEmpty
        ? "" : "\"topics\":[\(article.topics.map(JSONText.string).joined(separator: ","))],")
      + "\"articleBody\":\(jsonString(document.body))}"
  }

  /// One document in the field names shared by every command (docs/OUTPUT.md).
  static func jsonLine(_ article: ExtractedArticle) -> String {
    let document = article.document
    return "{\"id\":\(JSONText.string(document.id)),\"title\":\(JSONText.string(document.title)),"
      + "\"date\":\(JSONText.string(document.date)),\"byline\":\(JSONText.string(document.byline)),"
      + "\"source\":\(JSONText.string(document.source)),\"place\":\(JSONText.string(document.place)),"
      + "\"title_derived\":\(document.titleIsDerived),\"date_inferred\":\(document.dateIsInferred),"
      + "\"language\":\(JSONText.string(article.language)),"
      + "\"topics\":[\(article.topics.map(JSONText.string).joined(separator: ","))],"
      + "\"path\":\(JSONText.string(document.path)),\"body\":\(jsonString(document.body))}"
  }

  /// `JSONText.string` on UTF-8 bytes: bodies are long, and only ASCII bytes need escaping.
  static func jsonString(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes in
      var out: [UInt8] = [UInt8(ascii: "\"")]
      out.reserveCapacity(bytes.count + 16)
      let hex = Array("0123456789abcdef".utf8)
      // Runs of bytes that need no escaping are copied whole.
      var runStart = 0
      for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        runStart = index + 1
        switch byte {
        case 0x22: out += [0x5C, 0x22]
        case 0x5C: out += [0x5C, 0x5C]
        case 0x0A: out += [0x5C, UInt8(ascii: "n")]
        case 0x0D: out += [0x5C, UInt8(ascii: "r")]
        case 0x09: out += [0x5C, UInt8(ascii: "t")]
        default: out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
        }
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
      out.append(UInt8(ascii: "\""))
      return String(decoding: out, as: UTF8.self)
    }
  }

  static func text(_ article: ExtractedArticle) -> String {
    let document = article.document
    return "id: \(document.id)\ntitle: \(document.title)\ndate: \(document.date)\n"
      + "byline: \(document.byline)\nsource: \(document.source)\nplace: \(document.place)\n"
      + (document.titleIsDerived ? "title derived: from the lead\n" : "")
      + (document.dateIsInferred ? "date inferred: year not in the dateline\n" : "")
      + "language: \(article.language)\n"
      + (article.topics.isEmpty ? "" : "topics: \(article.topics.joined(separator: " "))\n")
      + "\n\(document.body)\n\n"
  }
}

/// One result slot per file, written by the worker that owns its index.
private final class ResultSlots: @unchecked Sendable {
  private var results: [Result<[ExtractedArticle], ExtractError>?]
  private let lock = NSLock()

  init(count: Int) { results = Array(repeating: nil, count: count) }

  func store(_ result: Result<[ExtractedArticle], ExtractError>, at index: Int) {
    lock.lock()
    results[index] = result
    lock.unlock()
  }

  func result(at index: Int) -> Result<[ExtractedArticle], ExtractError> {
    results[index] ?? .success([])
  }
}

/// Buffers stdout writes (one `write(2)` per ~1 MB instead of per line).
private struct OutputBuffer {
  private var bytes: [UInt8] = []

  mutating func write(_ text: String) { bytes.append(contentsOf: text.utf8) }

  mutating func flushIfLarge() { if bytes.count >= 1 << 20 { flush() } }

  mutating func flush() {
    guard !bytes.isEmpty else { return }
    bytes.withUnsafeBytes { FileHandle.standardOutput.write(Data($0)) }
    bytes.removeAll(keepingCapacity: true)
  }
}
