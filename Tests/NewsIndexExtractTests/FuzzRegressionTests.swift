import Foundation
import NewsIndexCore
import NewsIndexExtract
import NewsIndexTestSupport
import Testing

/// The fuzz targets' inputs that matter, replayed in `swift test`: pathological nesting in every
/// format, and seeded mutations of the sample corpus (a small in-process cousin of
/// `scripts/fuzz.sh`). Inputs the fuzzers find that crash go here, one test each.
@Suite struct FuzzRegressionTests {
  let extractor = DocumentExtractor()

  @Test(arguments: ["html", "xml", "rss", "newsml", "trec", "reuters", "txt", "jsonl"])
  func hundredThousandDeepNestingNeverOverflowsTheStack(kind: String) {
    let depth = 100_000
    let text: String
    switch kind {
    case "html": text = "<html><body>" + String(repeating: "<div><b>", count: depth / 2) + "deep"
    case "xml":
      text =
        "<?xml version=\"1.0\"?><a>" + String(repeating: "<p>", count: depth) + "deep"
        + String(repeating: "</p>", count: depth) + "</a>"
    case "rss":
      text =
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>t</title><description>"
        + String(repeating: "&lt;div&gt;", count: depth)
        + "deep</description></item></channel></rss>"
    case "newsml":
      text =
        "<?xml version=\"1.0\"?><newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><contentSet><inlineXML><html><body>"
        + String(repeating: "<div>", count: depth) + "deep"
    case "trec": text = String(repeating: "<DOC><TEXT>", count: depth / 2) + "deep"
    case "reuters":
      text = String(repeating: "<REUTERS NEWID=\"1\"><TEXT><BODY>", count: depth / 3) + "deep"
    case "jsonl": text = String(repeating: "{\"body\":[", count: depth / 9) + "\"deep\""
    default: text = String(repeating: "((([[[{{{", count: depth / 9) + "\ndeep"
    }
    _ = try? extractor.extractDocuments(
      from: Array(text.utf8), path: "deep.\(kind)", relativePath: "deep.\(kind)")
  }

  /// Found by `mutatedSampleFilesNeverCrash`: an attribute's `=` as the last byte of a tag at the
  /// end of the file made `SGMLScanner.attribute` read one byte past the buffer (a trap).
  @Test(arguments: [
    "<REUTERS NEWID=", "<REUTERS NEWID=\"", "<REUTERS NEWID='", "<REUTERS TOPICS=\"YES\" NEWID=",
  ])
  func sgmlAttributeAtTheEndOfTheFileIsNotReadPast(text: String) {
    for name in ["reut2-000.sgm", "sample.trec"] {
      _ = try? extractor.extractDocuments(from: Array(text.utf8), path: name, relativePath: name)
    }
  }

  @Test func mutatedSampleFilesNeverCrash() throws {
    let corpus = CommandRunner.repositoryRoot.appendingPathComponent("corpus").path
    let files = try FileManager.default.subpathsOfDirectory(atPath: corpus)
      .filter { !$0.hasSuffix(".md") && !$0.hasSuffix(".tsv") }
      .sorted()
    #expect(files.count > 20)
    // NEWSINDEX_MUTATIONS=N NEWSINDEX_MUTATION_SEED=S run a longer hunt (debug builds trap on
    // out-of-bounds buffer reads, which release builds would not notice).
    let environment = ProcessInfo.processInfo.environment
    let perFile = environment["NEWSINDEX_MUTATIONS"].flatMap { Int($0) } ?? 16
    var random = SeededRandom(
      seed: environment["NEWSINDEX_MUTATION_SEED"].flatMap { UInt64($0) } ?? 2026)
    var extractions = 0
    for name in files {
      guard let data = FileManager.default.contents(atPath: corpus + "/" + name), !data.isEmpty
      else { continue }
      let original = Array(data.prefix(16_384))
      for _ in 0..<perFile {
        let bytes = Self.mutate(original, using: &random)
        _ = try? extractor.extractDocuments(from: bytes, path: name, relativePath: name)
        extractions += 1
      }
    }
    #expect(extractions > 300)
  }

  /// libFuzzer-like mutations: bit flips, byte runs, truncation, splices of markup that parsers
  /// treat specially.
  static func mutate(_ input: [UInt8], using random: inout SeededRandom) -> [UInt8] {
    var bytes = input
    let tokens = [
      "<", ">", "&", "&#", "&#x", "<!--", "]]>", "<![CDATA[", "\"", "\0", "\u{FEFF}", "<?xml", "</",
      "<DOC>", "\n", "\u{C3}",
    ]
    for _ in 0..<Int.random(in: 1...6, using: &random) where !bytes.isEmpty {
      let at = Int.random(in: 0..<bytes.count, using: &random)
      switch Int.random(in: 0..<5, using: &random) {
      case 0: bytes[at] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
      case 1: bytes.insert(contentsOf: Array(tokens.randomElement(using: &random)!.utf8), at: at)
      case 2:
        bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &random)))
      case 3: bytes = Array(bytes[..<at])
      default:
        bytes.insert(
          contentsOf: [UInt8](repeating: UInt8.random(in: 0...255, using: &random), count: 32),
          at: at)
      }
    }
    return bytes
  }
}
