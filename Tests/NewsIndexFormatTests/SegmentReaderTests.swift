import Foundation
import NewsIndexCore
import NewsIndexFormat
import Testing

/// Damaged segment files: opening must throw a ``FormatError`` naming the problem, never crash.
@Suite struct SegmentReaderTests {
  static let fixture = SegmentFixture.random(
    seed: 21, documentCount: 40, docFreqs: [1, 5, 30], extraTerms: 10)

  /// Writes the small segment, then runs `body` with the path of the `kind` file.
  static func withSegmentFile(
    _ kind: IndexFileKind, _ body: (IndexDirectory, SegmentInfo, String) throws -> Void
  ) throws {
    try withTemporaryDirectory { directory in
      let info = try fixture.write(to: directory)
      try body(directory, info, directory.filePath(info.fileName(kind)))
    }
  }

  /// The error opening throws, or nil when it opened.
  static func openingError(_ directory: IndexDirectory, _ info: SegmentInfo) -> FormatError? {
    do {
      _ = try SegmentReader(opening: directory, info: info)
      return nil
    } catch {
      return error
    }
  }

  /// Rewrites the footer checksum so only the deliberate damage is detected.
  static func resealed(_ bytes: [UInt8]) -> [UInt8] {
    var bytes = bytes
    let crcOffset = bytes.count - 8
    let crc = CRC32C.checksum(Array(bytes[..<crcOffset]))
    withUnsafeBytes(of: crc.littleEndian) { for k in 0..<4 { bytes[crcOffset + k] = $0[k] } }
    return bytes
  }

  @Test func undamagedSegmentOpens() throws {
    try Self.withSegmentFile(.terms) { directory, info, _ in
      #expect(Self.openingError(directory, info) == nil)
    }
  }

  @Test(arguments: IndexFileKind.allCases)
  func truncatedFileThrowsTruncated(kind: IndexFileKind) throws {
    try Self.withSegmentFile(kind) { directory, info, path in
      let original = try readFile(path)
      for length in [0, 10, 31, original.count - 1] {
        try writeFile(Array(original.prefix(length)), to: path)
        let error = try #require(Self.openingError(directory, info), "\(kind) cut to \(length)")
        #expect(caseName(error) == "truncated", "\(kind) cut to \(length): \(error)")
      }
    }
  }

  /// The error each byte of the file triggers when damaged.
  static func expectedCase(forDamageAt offset: Int, fileByteCount count: Int) -> String {
    switch offset {
    case 0..<4: "badMagic"
    case 4..<8: "wrongKind"
    case 8..<10: "unsupportedVersion"
    case (count - 16)..<(count - 8): "corrupt"  // footer payload length
    case (count - 4)...: "truncated"  // footer magic
    default: "checksumMismatch"  // reserved header bytes, payload, stored checksum
    }
  }

  @Test(arguments: IndexFileKind.allCases)
  func flippedByteAnywhereThrows(kind: IndexFileKind) throws {
    try Self.withSegmentFile(kind) { directory, info, path in
      let original = try readFile(path)
      let count = original.count
      #expect(count > 64, "fixture too small to spread damage")
      // Every header and footer byte, and payload bytes spread evenly.
      var offsets = Array(0..<16) + Array((count - 16)..<count)
      offsets += (0..<18).map { 16 + ($0 * (count - 33)) / 17 }
      let masks: [UInt8] = [0x01, 0x80, 0xFF, 0x10]
      for (k, offset) in offsets.enumerated() {
        var damaged = original
        damaged[offset] ^= masks[k % masks.count]
        try writeFile(damaged, to: path)
        let error = try #require(Self.openingError(directory, info), "\(kind) byte \(offset)")
        #expect(
          caseName(error) == Self.expectedCase(forDamageAt: offset, fileByteCount: count),
          "\(kind) byte \(offset): \(error)")
      }
      try writeFile(original, to: path)
      #expect(Self.openingError(directory, info) == nil)
    }
  }

  @Test(arguments: IndexFileKind.allCases)
  func wrongMagicThrowsBadMagic(kind: IndexFileKind) throws {
    try Self.withSegmentFile(kind) { directory, info, path in
      var bytes = try readFile(path)
      bytes.replaceSubrange(0..<4, with: Array("PK\u{03}\u{04}".utf8))
      try writeFile(Self.resealed(bytes), to: path)
      #expect(Self.openingError(directory, info) == .badMagic(path: path, expected: kind.rawValue))
    }
  }

  @Test(arguments: IndexFileKind.allCases)
  func fileOfAnotherKindThrowsWrongKind(kind: IndexFileKind) throws {
    let other = IndexFileKind.allCases.first { $0 != kind }!
    try Self.withSegmentFile(kind) { directory, info, path in
      try writeFile(try readFile(directory.filePath(info.fileName(other))), to: path)
      #expect(
        Self.openingError(directory, info)
          == .wrongKind(
            path: path, found: String(decoding: other.tag, as: UTF8.self),
            expected: String(decoding: kind.tag, as: UTF8.self)))
    }
  }

  @Test func docFileCopiedOverTermsFileThrowsWrongKind() throws {
    try Self.withSegmentFile(.terms) { directory, info, path in
      try writeFile(try readFile(directory.filePath(info.fileName(.postings))), to: path)
      #expect(
        Self.openingError(directory, info)
          == .wrongKind(path: path, found: "POST", expected: "TERM"))
    }
  }

  @Test(arguments: IndexFileKind.allCases)
  func newerVersionThrowsUnsupportedVersion(kind: IndexFileKind) throws {
    try Self.withSegmentFile(kind) { directory, info, path in
      var bytes = try readFile(path)
      bytes[8] = 99
      bytes[9] = 0
      try writeFile(Self.resealed(bytes), to: path)
      #expect(
        Self.openingError(directory, info)
          == .unsupportedVersion(path: path, found: 99, supported: FormatVersion.readable))
    }
  }

  @Test(arguments: IndexFileKind.allCases)
  func missingFileThrowsUnreadable(kind: IndexFileKind) throws {
    try Self.withSegmentFile(kind) { directory, info, path in
      try FileManager.default.removeItem(atPath: path)
      let error = try #require(Self.openingError(directory, info))
      #expect(caseName(error) == "unreadable", "\(error)")
      #expect(error.description.hasPrefix(path))
    }
  }

  @Test func segmentInfoDisagreeingWithTheFilesThrowsCorrupt() throws {
    try Self.withSegmentFile(.norms) { directory, info, _ in
      var wrongDocuments = info
      wrongDocuments.documentCount += 1
      let documentsError = try #require(Self.openingError(directory, wrongDocuments))
      #expect(caseName(documentsError) == "corrupt", "\(documentsError)")

      var wrongTerms = info
      wrongTerms.termCount -= 1
      let termsError = try #require(Self.openingError(directory, wrongTerms))
      #expect(caseName(termsError) == "corrupt", "\(termsError)")
    }
  }

  @Test func resealedDamageInTrailersThrowsCorrupt() throws {
    // Valid checksum, impossible trailer: the structural checks must catch it.
    for kind in [IndexFileKind.terms, .store, .norms] {
      try Self.withSegmentFile(kind) { directory, info, path in
        var bytes = try readFile(path)
        let payloadEnd = bytes.count - FileEnvelope.footerByteCount
        switch kind {
        case .norms: bytes[FileEnvelope.headerByteCount] ^= 0x01  // document count
        case .store: bytes[payloadEnd - 4] ^= 0x01  // stored document count
        default: bytes[payloadEnd - 1] ^= 0x40  // block index offset beyond the payload
        }
        try writeFile(Self.resealed(bytes), to: path)
        let error = try #require(Self.openingError(directory, info), "\(kind)")
        #expect(caseName(error) == "corrupt", "\(kind): \(error)")
      }
    }
  }
}

/// Damage that passes the checksum (a buggy or hostile writer) must still throw, not trap.
///
/// Each case runs in a child process so that a trap fails only its own test.
@Suite struct SegmentReaderResealedDamageTests {
  @Test func termCountAboveIntMaxThrowsCorrupt() async {
    await #expect(processExitsWith: .success) {
      try SegmentReaderTests.withSegmentFile(.terms) { directory, info, path in
        var bytes = try readFile(path)
        // High byte of the trailer's u64 term count (trailer: count u64, blocks u32, offset u64).
        bytes[bytes.count - FileEnvelope.footerByteCount - 20 + 7] = 0x80
        try writeFile(SegmentReaderTests.resealed(bytes), to: path)
        guard let error = SegmentReaderTests.openingError(directory, info),
          caseName(error) == "corrupt"
        else {
          exit(1)
        }
      }
    }
  }

  @Test func storedOffsetAboveIntMaxThrowsCorrupt() async {
    await #expect(processExitsWith: .success) {
      try SegmentReaderTests.withSegmentFile(.store) { directory, info, path in
        var bytes = try readFile(path)
        // Format 2: the store ends with a 32-byte trailer preceded by 20-byte block-index entries
        // (first doc u32, offset u64, sizes); set the high byte of block 0's u64 offset.
        let trailer = bytes.count - FileEnvelope.footerByteCount - 32
        let blockCount = Int(bytes[trailer + 24]) | Int(bytes[trailer + 25]) << 8
        let index = trailer - blockCount * 20
        bytes[index + 4 + 7] = 0x80
        try writeFile(SegmentReaderTests.resealed(bytes), to: path)
        let reader = try SegmentReader(opening: directory, info: info)
        // The id table is untouched: ids still read.
        guard (try? reader.storedID(0)) != nil else { exit(3) }
        do {
          _ = try reader.storedDocument(0)
          exit(4)
        } catch {
          guard caseName(error) == "corrupt" else { exit(5) }
        }
      }
    }
  }
}
