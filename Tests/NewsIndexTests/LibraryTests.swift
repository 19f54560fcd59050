import Foundation
import NewsIndex
import NewsIndexTestSupport
import Testing

/// The public API a Swift package uses: build from paths, open, search, iterate hits, show,
/// facet.
@Suite struct LibraryTests {
  @Test func buildOpenSearchShowAndFacet() throws {
    let folder = TemporaryDirectory("newsindex-library")
    defer { folder.remove() }
    folder.write("a/one.txt", "Whale strandings rise\n\nDate: 2024-03-02\n\nWhales stranded on the beach. The whale count rose.\n")
    folder.write("b/one.txt", "Whale watching\n\nDate: 2024-05-09\n\nTourists watched a whale near the harbour.\n")
    let index = folder.file("idx")
    let first = try SearchIndex.build(paths: [folder.file("a")], into: index)
    #expect(first.added == 1)
    let second = try SearchIndex.build(paths: [folder.file("b")], into: index)
    #expect(second.added == 1 && second.deleted == 0)
    #expect(second.documentCount == 2)

    let opened = try SearchIndex.open(index)
    #expect(opened.documentCount == 2)
    #expect(opened.roots.map(\.label) == ["", "b"])
    let results = try opened.search("whale", limit: 5)
    #expect(results.count == 2)
    #expect(Set(results.map(\.article.id)) == ["one.txt", "b/one.txt"])
    for hit in results {
      #expect(FileManager.default.fileExists(atPath: hit.article.absolutePath))
      let passage = try #require(hit.fragments.first)
      let match = try #require(passage.matches.first)
      #expect(String(decoding: Array(passage.text.utf8)[match.utf8], as: UTF8.self).lowercased().hasPrefix("whale"))
    }
    let article = try #require(try opened.article(id: "b/one.txt"))
    #expect(article.absolutePath == folder.file("b/one.txt"))
    #expect(try opened.article(id: "missing") == nil)
    let months = try opened.facet("whale", by: .month)
    #expect(months.map(\.value) == ["2024-03", "2024-04", "2024-05"])
    #expect(months.map(\.count) == [1, 0, 1])
    #expect(throws: NewsIndexError.self) { try opened.search("cocoa^-1") }
  }
}
