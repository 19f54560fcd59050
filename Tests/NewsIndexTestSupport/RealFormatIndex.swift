import Foundation
import NewsIndexBuild
package import NewsIndexCore
package import NewsIndexFormat

/// A seeded random index that reaches the real on-disk format, built once per test process:
/// words with far more than 128 postings per segment (full, bit-packed doc-id blocks with skip
/// entries and impacts), documents holding one word more than 128 times (full position and
/// frequency blocks), several flushed segments and merges of them.
///
/// Tests that use it draw their queries from ``RandomCorpus/vocabulary`` and assert how many of
/// them matched, so that a fixture answering nothing fails them.
package final class RealFormatIndex: Sendable {
  /// 2,400 random documents; every 40th also repeats one word 130–260 times in its body.
  package static let documentCount = 2_400
  /// Flushes of 600 documents (4), the two smallest merged: 3 segments.
  package static let documentsPerFlush = 600
  package static let segmentCount = 3

  package let documents: [ExtractedDocument]
  package let directory: IndexDirectory

  /// The shared index, or the error that stopped its build.
  package static func shared() throws -> RealFormatIndex { try built.get() }

  /// The same documents as one segment written by a single flush (no merge): the reference a
  /// merged index is compared with, term by term.
  package static func singleSegment() throws -> IndexDirectory { try builtSingle.get() }

  private static let root = TemporaryDirectory("newsindex-realformat")

  private static let built = Result<RealFormatIndex, any Error> {
    atexit { try? FileManager.default.removeItem(atPath: RealFormatIndex.root.path) }
    let documents = corpus()
    let directory = IndexDirectory(path: root.file("index"))
    var build = IndexBuild(directory: directory, threads: 2, maxSegmentCount: segmentCount)
    build.maxDocumentsPerSegment = documentsPerFlush
    _ = try build.run(
      sourceByteCounts: documents.map { $0.body.utf8.count + 1 }, extract: { [documents[$0]] })
    return RealFormatIndex(documents: documents, directory: directory)
  }

  private static let builtSingle = Result<IndexDirectory, any Error> {
    let documents = try built.get().documents
    let directory = IndexDirectory(path: root.file("single"))
    let build = IndexBuild(directory: directory, threads: 1, maxSegmentCount: 1)
    _ = try build.run(sourceByteCounts: [1], extract: { _ in documents })
    return directory
  }

  private init(documents: [ExtractedDocument], directory: IndexDirectory) {
    self.documents = documents
    self.directory = directory
  }

  /// ``RandomCorpus`` documents, every 40th with a long run of one vocabulary word in its body.
  static func corpus() -> [ExtractedDocument] {
    var documents = RandomCorpus(seed: 2_022, documentCount: documentCount).documents
    var random = SeededRandom(seed: 2_023)
    for i in stride(from: 7, to: documents.count, by: 40) {
      let word = RandomCorpus.vocabulary[Int.random(in: 0..<12, using: &random)]
      let repeats = Int.random(in: 130...260, using: &random)
      var parts: [String] = []
      for _ in 0..<repeats {
        parts.append(word)
        if Bool.random(using: &random) { parts.append(RandomCorpus.word(using: &random)) }
      }
      documents[i].body += " " + parts.joined(separator: " ")
    }
    return documents
  }

  /// The commit's segments, opened, in document order.
  package func segments() throws -> [SegmentReader] { try Self.segments(of: directory) }

  /// The segments of the commit in `directory`, opened, in document order.
  package static func segments(of directory: IndexDirectory) throws -> [SegmentReader] {
    guard let commit = try directory.readCommit() else { throw MissingCommit(path: directory.path) }
    return try commit.segments.map { try SegmentReader(opening: directory, info: $0) }
  }

  struct MissingCommit: Error { var path: String }
}
