import Foundation
import NewsIndexCore
import NewsIndexFormat
import Testing

/// The `.dv` column: written with every segment, read back per document, carried by merges,
/// optional for segments written before it.
@Suite struct DocumentValuesTests {
  /// A segment of `count` documents with one term each, and values that differ per document.
  static func writeSegment(
    _ directory: IndexDirectory, name: String, count: Int, values: (Int) -> DocumentValues?
  ) throws -> SegmentInfo {
    var writer = try SegmentWriter(directory: directory, name: name)
    for field in Field.allCases {
      writer.setFieldLengths(Array(repeating: 1, count: count), for: field)
    }
    for doc in 0..<count {
      let document = ExtractedDocument(
        id: "\(name)#\(doc)", path: name, title: "t",
        date: doc % 3 == 0 ? "" : "2025-03-\(10 + doc % 10)", body: "b")
      try writer.appendStoredDocument(document, values: values(doc))
    }
    Array("word".utf8).withUnsafeBytes { writer.startTerm(field: .body, term: $0) }
    for doc in 0..<count {
      [UInt32(0)].withUnsafeBufferPointer { writer.appendPosting(docID: DocID(doc), positions: $0) }
    }
    try writer.finishTerm()
    return try writer.finish()
  }

  static func values(_ doc: Int) -> DocumentValues {
    DocumentValues(
      date: Int64(doc) * 86_400 - 5, exactHash: UInt64(doc) &* 0x9E37_79B9_7F4A_7C15,
      simHash: UInt64(doc * 7))
  }

  @Test func valuesRoundTripPerDocument() throws {
    try withTemporaryDirectory { directory in
      let info = try Self.writeSegment(directory, name: "seg-1", count: 300, values: Self.values)
      // Five 8-byte columns: date, exact hash, SimHash, source key, language code.
    #expect(info.fileByteCounts["dv"] == 16 + 8 + 300 * 40 + 16)
      let segment = try SegmentReader(opening: directory, info: info)
      #expect(segment.hasDocumentValues)
      for doc in 0..<300 {
        #expect(segment.documentValues(DocID(doc)) == Self.values(doc))
        #expect(segment.date(DocID(doc)) == Self.values(doc).date)
      }
      #expect(
        try DocumentValuesFormat.readAll(directory: directory, info: info)
          == (0..<300).map(Self.values))
    }
  }

  @Test func defaultValuesAreTheStoredDate() throws {
    try withTemporaryDirectory { directory in
      let info = try Self.writeSegment(directory, name: "seg-1", count: 6, values: { _ in nil })
      let segment = try SegmentReader(opening: directory, info: info)
      #expect(segment.date(0) == DocumentDate.unknown)
      #expect(segment.date(1) == DocumentDate.seconds(from: "2025-03-11"))
      #expect(segment.documentValues(1).exactHash == 0 && segment.documentValues(1).simHash == 0)
    }
  }

  @Test func segmentWithoutValuesFileReadsAsUnknown() throws {
    try withTemporaryDirectory { directory in
      var info = try Self.writeSegment(directory, name: "seg-1", count: 4, values: Self.values)
      // A segment of an older build: the commit lists no .dv file and there is none.
      info.fileByteCounts["dv"] = nil
      try FileManager.default.removeItem(atPath: directory.filePath(info.fileName(.documentValues)))
      let segment = try SegmentReader(opening: directory, info: info)
      #expect(!segment.hasDocumentValues)
      #expect(segment.date(2) == DocumentDate.unknown)
      #expect(segment.documentValues(2) == .absent)
      #expect(
        try DocumentValuesFormat.readAll(directory: directory, info: info)
          == Array(repeating: .absent, count: 4))
    }
  }

  @Test func valuesOfAnotherDocumentCountAreRefused() throws {
    try withTemporaryDirectory { directory in
      let info = try Self.writeSegment(directory, name: "seg-1", count: 5, values: Self.values)
      let other = try Self.writeSegment(directory, name: "seg-2", count: 6, values: Self.values)
      // seg-2's .dv (6 documents, valid envelope) in place of seg-1's.
      try FileManager.default.removeItem(atPath: directory.filePath(info.fileName(.documentValues)))
      try FileManager.default.copyItem(
        atPath: directory.filePath(other.fileName(.documentValues)),
        toPath: directory.filePath(info.fileName(.documentValues)))
      #expect(throws: FormatError.self) { try SegmentReader(opening: directory, info: info) }
    }
  }

  @Test(arguments: [false, true])
  func mergesCarryValues(withDeletions: Bool) throws {
    try withTemporaryDirectory { directory in
      var first = try Self.writeSegment(directory, name: "seg-1", count: 140, values: Self.values)
      let second = try Self.writeSegment(
        directory, name: "seg-2", count: 30, values: { Self.values($0 + 1000) })
      let deleted: Set<DocID> = withDeletions ? [0, 7, 139] : []
      first.deletedDocuments = deleted.map { UInt32($0) }.sorted()
      let readers = [
        try SegmentReader(opening: directory, info: first),
        try SegmentReader(opening: directory, info: second),
      ]
      let merged = try SegmentMerger.merge(
        readers, deletions: [deleted, []], directory: directory, name: "seg-3")
      let segment = try SegmentReader(opening: directory, info: merged)
      let expected =
        (0..<140).filter { !deleted.contains(DocID($0)) }.map(Self.values)
        + (0..<30).map { Self.values($0 + 1000) }
      #expect(segment.documentCount == expected.count)
      #expect((0..<segment.documentCount).map { segment.documentValues(DocID($0)) } == expected)
    }
  }
}
