import Foundation
import NewsIndexCore
import NewsIndexFormat
import NewsIndexSearch
import NewsIndexTestSupport
import Testing

/// Relevance feedback reads a document's terms from its term vector: the same terms and counts
/// as its title and body postings give, filtered and pruned as RM3 prescribes. Checked on the
/// real-format index (merged segments, so renumbered vectors too) against a brute force over the
/// postings.
@Suite struct FeedbackTermsTests {
  /// Per document of `targets`, term -> title-plus-body occurrences, and per term the documents
  /// holding it in title or body, from every segment's postings.
  static func bruteForce(_ reader: IndexReader, targets: Set<Int>) throws -> (
    counts: [Int: [[UInt8]: Int]], docFreq: [[UInt8]: Int]
  ) {
    var counts: [Int: [[UInt8]: Int]] = [:]
    var holders: [[UInt8]: Set<Int>] = [:]
    for (s, segment) in reader.segments.enumerated() {
      var infos: [([UInt8], TermInfo)] = []
      try segment.forEachTerm { field, term, info in
        if Field.ranked.contains(field) { infos.append((Array(term), info)) }
        return true
      }
      for (term, info) in infos {
        let cursor = segment.postings(info)
        while cursor.docID != PostingsCursor.end {
          let doc = reader.segmentBases[s] + Int(cursor.docID)
          holders[term, default: []].insert(doc)
          if targets.contains(doc) { counts[doc, default: [:]][term, default: 0] += Int(cursor.termFreq) }
          cursor.next()
        }
      }
    }
    return (counts, holders.mapValues(\.count))
  }

  /// At RM3's limit (a tenth of the documents) and at limits that keep more of this small
  /// vocabulary.
  @Test(arguments: [0.1, 0.5, 1.0])
  func termsComeFromTheVectorsAsThePostingsGiveThem(maxDocFraction: Double) throws {
    let index = try RealFormatIndex.shared()
    let reader = try IndexReader(opening: index.directory)
    #expect(reader.segments.allSatisfy { $0.hasTermVectors })
    let targets = Set(stride(from: 3, to: reader.documentCount, by: 97))
    let (counts, docFreq) = try Self.bruteForce(reader, targets: targets)
    var feedback = FeedbackTerms(reader: reader, limit: 10, maxDocFraction: maxDocFraction)
    let limit = maxDocFraction * Double(reader.documentCount)
    var compared = 0
    for doc in targets.sorted() {
      let candidates = (counts[doc] ?? [:]).filter { term, _ in
        term.count >= 2 && term.count <= 20
          && term.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }
          && Double(docFreq[term] ?? 0) <= limit
      }
      let expected = candidates.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.lexicographicallyPrecedes($1.key) }
        .prefix(10)
      let got = feedback.mostFrequent(in: doc)
      #expect(got == Dictionary(uniqueKeysWithValues: expected.map { ($0.key, Double($0.value)) }), "document \(doc)")
      if !expected.isEmpty { compared += 1 }
      // Asked again, the remembered decisions give the same answer.
      #expect(feedback.mostFrequent(in: doc) == got)
    }
    if maxDocFraction >= 0.5 { #expect(compared >= 20, "documents with feedback terms: \(compared)") }
  }

  /// A term vector that disagrees with the postings (its count altered, the file's checksum
  /// recomputed) is reported by check at the `.tv` file.
  @Test func checkReportsVectorsThatDisagreeWithThePostings() throws {
    let shared = try RealFormatIndex.shared()
    let folder = TemporaryDirectory("newsindex-tv-check")
    defer { folder.remove() }
    let copy = folder.file("index")
    try FileManager.default.copyItem(atPath: shared.directory.path, toPath: copy)
    let directory = IndexDirectory(path: copy)
    #expect(IndexCheck.run(directory: directory).isClean)
    let info = try #require(IndexReader(opening: directory).commit.segments.first)
    let path = directory.filePath(info.fileName(.termVectors))
    var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
    // Document 0's record: n varint, n ordinals, n counts; raise its last count by one (a small
    // count is one varint byte below 0x7F).
    let segment = try SegmentReader(opening: directory, info: info)
    var ordinals: [UInt32] = []
    var counts: [UInt32] = []
    try segment.termVector(0, ordinals: &ordinals, counts: &counts)
    let last = try #require(counts.last)
    try #require(last < 0x7F)
    let payloadEnd = bytes.count - FileEnvelope.footerByteCount
    let table = Int(bytes[(payloadEnd - 16)..<(payloadEnd - 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    let recordEnd = Int(bytes[(FileEnvelope.headerByteCount + table + 8)..<(FileEnvelope.headerByteCount + table + 16)]
      .reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    #expect(bytes[FileEnvelope.headerByteCount + recordEnd - 1] == UInt8(last))
    bytes[FileEnvelope.headerByteCount + recordEnd - 1] += 1
    let crcOffset = bytes.count - 8
    let crc = CRC32C.checksum(Array(bytes[..<crcOffset]))
    withUnsafeBytes(of: crc.littleEndian) { for k in 0..<4 { bytes[crcOffset + k] = $0[k] } }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let problems = IndexCheck.run(directory: directory).problems
    #expect(problems.contains { $0.path == path && $0.message.contains("vectors name the word") }, "\(problems)")
  }
}
