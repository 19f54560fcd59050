import NewsIndexCore
import NewsIndexSearch
import NewsIndexTestSupport
import Testing

/// `similar`: more like this never returns the story or its copies.
@Suite struct SimilarTests {
  static func story(_ id: String, _ topic: String, copyOf seed: Int) -> ExtractedDocument {
    var random = SeededRandom(seed: UInt64(seed))
    let filler = (0..<120).map { _ in RandomCorpus.word(using: &random) }.joined(separator: " ")
    return ExtractedDocument(
      id: id, path: id, title: "\(topic) report", date: "", body: "\(topic) \(topic) \(topic) market \(filler)")
  }

  @Test func similarStoriesExcludeTheStoryAndItsCopies() throws {
    var documents = (0..<60).map { Self.story("s\($0)", ["copper", "sugar", "zinc"][$0 % 3], copyOf: $0) }
    // s0's exact copy, under another id.
    var copy = documents[0]
    copy.id = "s0-copy"
    copy.path = "s0-copy"
    documents.append(copy)
    let fixture = try IndexFixture(documents, minimumDocumentsPerSegment: 25)
    defer { fixture.remove() }
    var searcher = fixture.searcher()
    searcher.collapseDuplicates = true
    for id in ["s0", "s1", "s2", "s30", "s0-copy"] {
      let number = try #require(try fixture.reader.documentNumber(ofID: id))
      let similar = try searcher.similar(to: number, k: 10)
      let ids = try similar.result.hits.map { try fixture.reader.storedID($0.docNumber) }
      #expect(ids.count == 10, "\(id)")
      #expect(!ids.contains(id) && !(id.hasPrefix("s0") && (ids.contains("s0") || ids.contains("s0-copy"))), "\(id): \(ids)")
      #expect(similar.terms.count <= Searcher.similarTermCount && !similar.terms.isEmpty)
      // The topic word, repeated, is among the distinctive terms, and the stories found share it.
      let topic = ["copper", "sugar", "zinc"][Int(id.dropFirst().prefix { $0.isNumber })! % 3]
      #expect(similar.terms.contains { $0.term == topic }, "\(id): \(similar.terms.map(\.term))")
      let sharing = try similar.result.hits.filter { try fixture.reader.storedDocument($0.docNumber).title.hasPrefix(topic) }
      #expect(sharing.count >= 8, "\(id): \(ids)")
    }
  }

  @Test func documentLookupByID() throws {
    let fixture = try IndexFixture([Self.story("a", "copper", copyOf: 1), Self.story("b", "sugar", copyOf: 2)])
    defer { fixture.remove() }
    #expect(try fixture.reader.documentNumber(ofID: "b") == 1)
    #expect(try fixture.reader.documentNumber(ofID: "zzz") == nil)
  }
}
