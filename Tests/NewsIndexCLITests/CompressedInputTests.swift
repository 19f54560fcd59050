import Foundation
import NewsIndexTestSupport
import Testing

/// Gzip-compressed archives are built and searched like plain files, end to end.
@Suite struct CompressedInputTests {
  let cli = CommandRunner()

  @Test func gzippedFilesAreIndexedAndBrokenOnesSkipped() throws {
    let folder = TemporaryDirectory("newsindex-gzip")
    defer { folder.remove() }
    let docs = folder.file("docs")
    folder.write(
      "docs/html/cranes.html.gz",
      bytes: GzipFixture.compress(
        "<html><head><title>Harbour cranes idle</title></head><body><article><p>Dock workers "
          + "walked out after talks on night-shift pay for the quokka terminal broke down.</p>"
          + "</article></body></html>"))
    folder.write(
      "docs/trec/la010189.gz",
      bytes: GzipFixture.compress(
        "<DOC>\n<DOCNO> LA010189-0001 </DOCNO>\n<HEADLINE>\nWombat census\n</HEADLINE>\n"
          + "<TEXT>\nRangers counted wombats in the valley.\n</TEXT>\n</DOC>\n"))
    let bomb = GzipFixture.compress([UInt8](repeating: 0x61, count: 8 << 20), level: 9)
    folder.write("docs/bomb.txt.gz", bytes: bomb)
    let cut = GzipFixture.compress("Headline\n\nBody of a story that is cut short in transit.\n")
    folder.write("docs/cut.txt.gz", bytes: Array(cut.prefix(cut.count - 12)))
    folder.write("docs/logo.png.gz", bytes: GzipFixture.compress("not news"))
    let index = folder.file("index")

    let build = try cli.run(["build", docs, "--index", index, "--max-file-size", "1"])
    #expect(build.status == 0, "\(build.stderr)")
    #expect(build.stdout.contains("2 documents, 2 skipped"), "\(build.stdout)")
    #expect(
      build.stderr.contains("bomb.txt.gz: decompresses to more than the limit"), "\(build.stderr)")
    #expect(
      build.stderr.contains("cut.txt.gz: cannot parse (gzip data truncated)"), "\(build.stderr)")
    #expect(!build.stderr.contains("logo.png.gz"), "images are passed over silently")

    let search = try cli.run(["search", "quokka OR wombats", "--index", index, "--format", "tsv"])
    #expect(search.status == 0)
    let ids = search.stdout.split(separator: "\n").map { $0.split(separator: "\t")[1] }
    #expect(Set(ids) == ["html/cranes.html.gz", "trec/la010189.gz#LA010189-0001"])

    let again = try cli.run(["build", docs, "--index", index, "--max-file-size", "1"])
    // The indexed files are recognised; the two skipped ones are tried again (and skipped again).
    #expect(again.stdout.contains("0 updated, 0 deleted, 2 unchanged"), "\(again.stdout)")
    #expect(again.stdout.contains("2 documents, 2 skipped"), "\(again.stdout)")
    #expect(try cli.run(["check", "--index", index]).status == 0)
  }

  static let pages = CommandRunner.repositoryRoot
    .appendingPathComponent("../shared/corpora/html-news-pages/html").standardizedFileURL.path

  /// The benchmark's pages are stored as `.html.gz`: every one gives a title and a body.
  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: pages),
      "skipped: shared corpus folder \(pages) is absent"))
  func theSharedGzippedPagesAreExtracted() throws {
    let output = try cli.run(["extract", Self.pages, "--format", "json"])
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stderr.isEmpty, "\(output.stderr)")
    let documents = try #require(
      try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: [String: Any]])
    #expect(documents.count == 91)
    for (id, document) in documents {
      #expect(id.hasSuffix(".html.gz"))
      #expect(((document["articleBody"] as? String) ?? "").count > 200, "\(id)")
      #expect(!((document["title"] as? String) ?? "").isEmpty, "\(id)")
    }
  }
}
