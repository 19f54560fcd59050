import Foundation
import NewsIndexTestSupport
import Testing

/// `extract --threads N` takes files largest first from a shared queue but prints them in input order.
@Suite struct ExtractThreadsTests {
  @Test func outputIsTheSameWhateverTheThreadCount() throws {
    let folder = TemporaryDirectory("newsindex-extract-threads")
    defer { folder.remove() }
    for k in 0..<12 {
      // Sizes that do not follow the names' order.
      let paragraphs = String(
        repeating: "<p>Paragraph of story \(k) with enough words to keep.</p>",
        count: (k * 7) % 12 + 1)
      folder.write(
        "page-\(k).html",
        "<html><head><title>Story \(k)</title></head><body><article>\(paragraphs)</article></body></html>"
      )
    }
    let one = try CommandRunner().run(["extract", folder.path, "--threads", "1"])
    #expect(one.status == 0)
    #expect(one.stdout.contains("Story 11"))
    for threads in ["2", "3"] {
      let many = try CommandRunner().run(["extract", folder.path, "--threads", threads])
      #expect(many.status == 0)
      #expect(many.stdout == one.stdout)
    }
  }
}
