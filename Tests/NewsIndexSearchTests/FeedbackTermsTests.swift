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
    // A record whose first word ordinal can be raised by one without reaching the next: its
    // length n and first ordinal are one-byte varints at the record's start.
    let segment = try SegmentReader(opening: directory, info: info)
    let payloadEnd = bytes.count - FileEnvelope.footerByteCount
    func u64(_ at: Int) -> Int { Int(bytes[at..<(at + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }) }
    let table = u64(payloadEnd - 16)
    var ordinals: [UInt32] = []
    var counts: [UInt32] = []
    var target: Int?
    for doc in 0..<segment.documentCount {
      try segment.termVector(DocID(doc), ordinals: &ordinals, counts: &counts)
      if ordinals.count >= 2, ordinals.count < 0x80, ordinals[0] < 0x7E, ordinals[1] > ordinals[0] + 1 {
        target = doc
        break
      }
    }
    let doc = try #require(target)
    let start = FileEnvelope.headerByteCount + u64(FileEnvelope.headerByteCount + table + doc * 8)
    #expect(Int(bytes[start]) == ordinals.count && UInt32(bytes[start + 1]) == ordinals[0])
    bytes[start + 1] += 1
    let crcOffset = bytes.count - 8
    let crc = CRC32C.checksum(Array(bytes[..<crcOffset]))
    withUnsafeBytes(of: crc.littleEndian) { for k in 0..<4 { bytes[crcOffset + k] = $0[k] } }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let problems = IndexCheck.run(directory: directory).problems
    #expect(problems.contains { $0.path == path && $0.message.contains("vectors name the word") }, "\(problems)")
  }
}
