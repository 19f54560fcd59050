import Foundation
import Testing

@testable import NewsIndexExtract

@Suite struct DocumentExtractorTests {
  @Test func emptyFileThrowsEmpty() {
    #expect(throws: ExtractError.empty(path: "/tmp/e.txt")) { try extract("", name: "e.txt") }
    #expect(throws: ExtractError.empty(path: "/tmp/w.html")) {
      try extract(" \n\t\n", name: "w.html")
    }
    #expect(throws: ExtractError.empty(path: "/tmp/b.txt")) {
      try extract(bytes: [0xEF, 0xBB, 0xBF], name: "b.txt")
    }
  }

  @Test func binaryFileThrowsBinary() {
    var generator = SystemRandomNumberGenerator()
    var bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
    bytes[10] = 0
    #expect(throws: ExtractError.binary(path: "/tmp/x.html")) {
      try extract(bytes: bytes, name: "x.html")
    }
    let controls = [UInt8](repeating: 0x01, count: 100) + Array("text".utf8)
    #expect(throws: ExtractError.binary(path: "/tmp/c.txt")) {
      try extract(bytes: controls, name: "c.txt")
    }
  }

  @Test func tooLargeFileThrows() {
    let extractor = DocumentExtractor(maxFileBytes: 10)
    #expect(throws: ExtractError.tooLarge(path: "p", byteCount: 11, limit: 10)) {
      try extractor.extractDocuments(
        from: Array("hello world".utf8), path: "p", relativePath: "p.txt")
    }
  }

  @Test func invalidUTF8TextIsKept() throws {
    var bytes = Array("Título\n\nCuerpo ".utf8)
    bytes += [0xC3, 0x28, 0xFF]
    let document = try single(bytes: bytes, name: "bad.txt")
    #expect(document.title == "Título")
    #expect(document.body == "Cuerpo \u{FFFD}(\u{FFFD}")
  }

  @Test func contentSniffingBeatsExtension() throws {
    #expect(
      SourceFormat.detect(Array("  <!DOCTYPE html><html>".utf8)[...], relativePath: "a.txt")
        == .html)
    #expect(
      SourceFormat.detect(Array("<?xml version='1.0'?>\n<rss>".utf8)[...], relativePath: "feed")
        == .xml)
    #expect(
      SourceFormat.detect(
        Array("<?xml version='1.0'?><!DOCTYPE html><html>".utf8)[...], relativePath: "a.xml")
        == .html)
    #expect(
      SourceFormat.detect(
        Array("<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS>".utf8)[...], relativePath: "r.sgm")
        == .reuters)
    #expect(
      SourceFormat.detect(Array("<DOC>\n<DOCNO>1</DOCNO>".utf8)[...], relativePath: "ap.txt")
        == .trec)
    #expect(
      SourceFormat.detect(Array("{\"id\":1}".utf8)[...], relativePath: "d.jsonl") == .jsonLines)
    #expect(
      SourceFormat.detect(Array("Headline\n\nBody".utf8)[...], relativePath: "story") == .plainText)
    #expect(SourceFormat.detect(Array("Headline".utf8)[...], relativePath: "page.HTM") == .html)
  }

  @Test func readsFilesFromDisk() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("a.txt", "Title\n\nBody text.")
    let (files, problems) = FileWalker.sourceFiles(under: [folder.path])
    #expect(problems.isEmpty)
    let documents = try DocumentExtractor().extractDocuments(from: try #require(files.first))
    #expect(documents == [.init(id: "a.txt", path: "a.txt", title: "Title", body: "Body text.")])
  }

  @Test func errorDescriptionsAreOneLineNamingTheFile() {
    let errors: [ExtractError] = [
      .notFound(path: "a"), .unreadable(path: "a", reason: "Permission denied"),
      .notRegularFile(path: "a"),
      .symlinkLoop(path: "a"), .tooLarge(path: "a", byteCount: 2, limit: 1), .empty(path: "a"),
      .binary(path: "a"), .malformed(path: "a", reason: "r"),
    ]
    for error in errors {
      #expect(error.description.hasPrefix("a: "))
      #expect(!error.description.contains("\n"))
      let afterPath = error.description.dropFirst(3)
      #expect(afterPath.first?.isUppercase == false)
    }
  }

  @Test func survivesRandomInputInEveryFormat() throws {
    var generator = SeededGenerator(seed: 42)
    let fragments = [
      "<", ">", "</", "<p>", "<html>", "<?xml version='1.0'?>", "<rss><channel><item>", "<title>",
      "<!DOCTYPE x [<!ENTITY a \"&a;\">]>", "&a;", "&amp;", "&#", "&#x110000;", "<DOC>", "<DOCNO>",
      "</DOC>", "<REUTERS NEWID=\"", "<TEXT>", "{", "}", "\"id\":", "\"", "\\u12", "[", "é", "\n",
      " ",
      "By ", "Date: ", "<![CDATA[", "]]>", "<!--", "word",
    ]
    let names = ["a.txt", "a.html", "a.xml", "a.sgm", "a.jsonl", "a.json", "a"]
    for round in 0..<300 {
      var text = ""
      for _ in 0..<Int.random(in: 1...40, using: &generator) {
        text += fragments[Int.random(in: 0..<fragments.count, using: &generator)]
      }
      let name = names[round % names.count]
      do {
        for document in try extract(text, name: name) {
          #expect(document.id.hasPrefix(name) || name.hasSuffix("json") || name.hasSuffix("jsonl"))
        }
      } catch {
        // Typed errors are fine; crashes are not.
      }
    }
  }
}

/// A small deterministic generator (SplitMix64) for repeatable fuzz rounds.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
