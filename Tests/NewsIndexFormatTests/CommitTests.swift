import Foundation
import NewsIndexCore
import NewsIndexFormat
import Testing

@Suite struct CommitTests {
  @Test func newCommitHasTheCurrentFormatVersion() {
    let commit = Commit(generation: 1, analyzer: .standard, segments: [], committedAt: "")
    #expect(commit.formatVersion == FormatVersion.current)
    #expect(FormatVersion.readable.contains(FormatVersion.current))
    #expect(commit.documentCount == 0)
  }

  @Test func documentCountSumsSegments() {
    #expect(IndexDirectoryTests.sampleCommit().documentCount == 21)
  }

  @Test func segmentFileNamesUseTheKindExtension() {
    let info = SegmentInfo(
      name: "seg-7", documentCount: 0, fieldTokenCounts: [0, 0], termCount: 0, postingCount: 0,
      fileByteCounts: [:])
    #expect(
      IndexFileKind.allCases.map(info.fileName) == [
        "seg-7.terms", "seg-7.doc", "seg-7.pos", "seg-7.norms", "seg-7.store", "seg-7.dv", "seg-7.tv",
      ])
  }

  @Test func commitJSONRoundTripsIncludingLargeTokenCounts() throws {
    let commit = IndexDirectoryTests.sampleCommit()
    let data = try JSONEncoder().encode(commit)
    #expect(try JSONDecoder().decode(Commit.self, from: data) == commit)
  }
}
