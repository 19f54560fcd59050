import Foundation
import NewsIndexAnalysis
import NewsIndexCore
import NewsIndexFormat
import NewsIndexTestSupport
import Testing

@testable import NewsIndexBuild

/// Duplicate signatures computed while inverting, and the duplicate table every commit gets.
@Suite struct SignatureBuilderTests {
  static let analyzer = Analyzer()

  /// The signatures the inverter computes for a document.
  static func values(title: String, body: String) -> DocumentValues {
    var builder = SignatureBuilder()
    builder.reset()
    for (text, inBody) in [(title, false), (body, true)] {
      var text = text
      _ = text.withUTF8 { utf8 in
        analyzer.forEachToken(in: UnsafeRawBufferPointer(utf8)) { token in
          builder.addTerm(token.term, inBody: inBody)
        }
      }
    }
    return builder.values(date: 0)
  }

  static func distance(_ a: DocumentValues, _ b: DocumentValues) -> Int {
    (a.simHash ^ b.simHash).nonzeroBitCount
  }

  /// A story of distinct words (digits keep them whole), with `replace` applied to word `k`;
  /// 400 words by default, news-length, so one edited word moves few SimHash bits.
  static func story(_ seed: Int, words: Int = 400, replace: [Int: String] = [:]) -> String {
    (0..<words).map { replace[$0] ?? "w\(seed)x\($0 % 97)y\($0 % 13)" }.joined(separator: " ")
  }

  @Test func caseSpacingAndPunctuationDoNotMatter() {
    let a = Self.values(
      title: "Oil prices rise", body: "Crude oil rose 3% on Monday, traders said.")
    let b = Self.values(
      title: "OIL  PRICES RISE!", body: "crude oil rose 3%   on monday -- traders said")
    #expect(a == b)
    #expect(a.exactHash != 0)
  }

  @Test func anEditedWordInALongStoryIsNearButNotExact() {
    let original = Self.values(title: "Title", body: Self.story(1))
    let edited = Self.values(title: "Title", body: Self.story(1, replace: [80: "changed"]))
    #expect(original.exactHash != edited.exactHash)
    #expect(original.simHash != 0 && edited.simHash != 0)
    #expect(Self.distance(original, edited) <= DuplicateGrouping.maxHammingDistance)
  }

  @Test func aLongStoryUnderANewHeadlineIsACopy() {
    let a = Self.values(title: "Capriati to miss Melbourne", body: Self.story(2))
    let b = Self.values(title: "Capriati out of Australian Open", body: Self.story(2))
    #expect(a == b)
  }

  @Test func shortItemsSharingABlurbButNotTheHeadlineDiffer() {
    let blurb = Self.story(3, words: 60)
    let a = Self.values(title: "Motorcycle club helps families after the storm", body: blurb)
    let b = Self.values(title: "Cemeteries crowded weeks before the holiday", body: blurb)
    #expect(a.exactHash != b.exactHash)
    #expect(Self.distance(a, b) > DuplicateGrouping.maxHammingDistance)
  }

  @Test func differentStoriesAreFarApart() {
    let a = Self.values(title: "A", body: Self.story(4))
    let b = Self.values(title: "A", body: Self.story(5))
    #expect(a.exactHash != b.exactHash)
    #expect(Self.distance(a, b) > 10)
  }

  @Test func shortAndEmptyDocuments() {
    let empty = Self.values(title: "", body: "")
    #expect(empty.exactHash == 0 && empty.simHash == 0)
    let short = Self.values(title: "Brief", body: "one two three four")
    #expect(short.exactHash != 0 && short.simHash == 0)
    // A headline without body text never makes a copy ("Errata", "Letters to the editor").
    let titleOnly = Self.values(title: "Letters to the editor", body: "")
    #expect(titleOnly.exactHash == 0 && titleOnly.simHash == 0)
  }

  @Test func resetForgetsThePreviousDocument() {
    var builder = SignatureBuilder()
    var text = Self.story(6)
    _ = text.withUTF8 { utf8 in
      Self.analyzer.forEachToken(in: UnsafeRawBufferPointer(utf8)) {
        builder.addTerm($0.term, inBody: true)
      }
    }
    _ = builder.values(date: 0)
    builder.reset()
    var other = Self.story(7)
    _ = other.withUTF8 { utf8 in
      Self.analyzer.forEachToken(in: UnsafeRawBufferPointer(utf8)) {
        builder.addTerm($0.term, inBody: true)
      }
    }
    #expect(builder.values(date: 0) == Self.values(title: "", body: Self.story(7)))
  }
}

@Suite struct DuplicateBuildTests {
  typealias Tree = IncrementalBuildTests.Tree

  static func document(
    _ id: String, title: String = "Story", _ body: String, date: String = "2025-03-14"
  ) -> ExtractedDocument {
    ExtractedDocument(id: id, path: id, title: title, date: date, body: body)
  }

  func build(_ tree: Tree, into path: String, maxSegments: Int = 8) throws -> BuildSummary {
    var build = IndexBuild(
      directory: IndexDirectory(path: path), threads: 2, maxSegmentCount: maxSegments)
    build.maxDocumentsPerSegment = 1
    return try build.run(
      sources: tree.sources, rebuild: false, contentHash: { tree.hash($0) },
      extract: { tree.files[$0].documents })
  }

  /// The commit's duplicate groups as sorted lists of ids, and every live document's date.
  func groups(_ path: String) throws -> (groups: [[String]], dates: [String: Int64]) {
    let directory = IndexDirectory(path: path)
    let commit = try #require(try directory.readCommit())
    let name = try #require(commit.duplicatesFile)
    let table = try DuplicateTable.read(name, in: directory, documentCount: commit.documentCount)
    var ids: [String] = []
    var dates: [String: Int64] = [:]
    for info in commit.segments {
      let segment = try SegmentReader(opening: directory, info: info)
      for doc in 0..<segment.documentCount {
        let id = try segment.storedID(DocID(doc))
        ids.append(id)
        if !segment.isDeleted(DocID(doc)) { dates[id] = segment.date(DocID(doc)) }
      }
    }
    return (table.groups.map { $0.map { ids[$0] }.sorted() }.sorted { $0[0] < $1[0] }, dates)
  }

  @Test func groupsFollowIncrementalBuildsAndMerges() throws {
    let folder = TemporaryDirectory("newsindex-duplicates")
    defer { folder.remove() }
    let storyA = SignatureBuilderTests.story(10)
    let storyB = SignatureBuilderTests.story(11)
    var tree = Tree()
    tree.files = [
      ("a", [Self.document("a1", storyA, date: "2025-03-14T10:00:00Z")], 1),
      ("b", [Self.document("b1", storyB, date: "")], 1),
    ]
    let first = try build(tree, into: folder.path)
    #expect(first.duplicateGroupCount == 0)
    #expect(try groups(folder.path).groups == [])
    #expect(try groups(folder.path).dates == ["a1": 1_741_946_400, "b1": DocumentDate.unknown])

    // A new file repeats story A in another segment; another carries an edited copy of B.
    tree.files.append(("c", [Self.document("c1", title: "New headline", storyA)], 2))
    tree.files.append(
      ("d", [Self.document("d1", SignatureBuilderTests.story(11, replace: [5: "edited"]))], 2))
    let second = try build(tree, into: folder.path)
    #expect(second.duplicateGroupCount == 2 && second.duplicateDocumentCount == 4)
    #expect(try groups(folder.path).groups == [["a1", "c1"], ["b1", "d1"]])

    // c changes into another story: its old document is deleted and leaves the group.
    tree.files[2] = ("c", [Self.document("c1", SignatureBuilderTests.story(12))], 3)
    #expect(try build(tree, into: folder.path).duplicateGroupCount == 1)
    #expect(try groups(folder.path).groups == [["b1", "d1"]])

    // A full merge keeps groups and dates; only the current table file remains.
    let merged = try build(tree, into: folder.path, maxSegments: 1)
    #expect(merged.segmentCount == 1)
    let (afterMerge, dates) = try groups(folder.path)
    #expect(afterMerge == [["b1", "d1"]])
    #expect(dates["a1"] == 1_741_946_400 && dates["d1"] == DocumentDate.seconds(from: "2025-03-14"))
    let tables = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasPrefix("dups-")
    }
    #expect(tables.count == 1)
  }
}
