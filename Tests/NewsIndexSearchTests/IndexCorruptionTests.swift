import Foundation
import NewsIndexCore
import NewsIndexFormat
import NewsIndexSearch
import NewsIndexTestSupport
import Testing

/// Damaged index files are always caught: `IndexCheck` reports them and `IndexReader` refuses to
/// open them, so no query is ever answered from a damaged segment file.
///
/// The bulk of the corruption trials runs in process (thousands of CLI runs would take minutes);
/// `Tests/NewsIndexCLITests/CorruptionTests.swift` runs a sample through the binary.
@Suite struct IndexCorruptionTests {
  /// Words of ``RandomCorpus/vocabulary``: each query has hits on the fixture (checked by
  /// ``theQueriesHaveHits()``), so a damaged commit answering differently shows.
  static let queries = [
    "trade", "\"trade rates\"", "bank OR cocoa", "+rates -korea", "title:market",
  ]

  /// An index of 200 random documents, so that common terms' postings span more than one block
  /// of 128 and every file kind has structure to damage.
  static func makeFixture() throws -> IndexFixture {
    try IndexFixture(RandomCorpus(seed: 7, documentCount: 200).documents)
  }

  static func results(_ reader: IndexReader) throws -> [[String]] {
    let searcher = Searcher(reader: reader)
    return try queries.map { query in
      try searcher.search(query, k: 20).hits.map {
        "\(try reader.storedID($0.docNumber)) \($0.score)"
      }
    }
  }

  @Test func theQueriesHaveHits() throws {
    let fixture = try Self.makeFixture()
    defer { fixture.remove() }
    let results = try Self.results(fixture.reader)
    #expect(results.allSatisfy { !$0.isEmpty }, "\(zip(Self.queries, results.map(\.count)).map { "\($0): \($1)" })")
  }

  /// Positions spread evenly over a file of `count` bytes, plus its first and last 16 bytes
  /// (header and footer).
  static func positions(count: Int, spread: Int) -> [Int] {
    var set = Set((0..<min(16, count)).map { $0 } + (max(0, count - 16)..<count).map { $0 })
    for k in 0..<spread { set.insert(k * count / spread) }
    return set.sorted()
  }

  @Test func everyFlippedByteAndTruncationOfASegmentFileIsDetected() throws {
    let fixture = try Self.makeFixture()
    defer { fixture.remove() }
    let directory = fixture.reader.directory
    #expect(IndexCheck.run(directory: directory).isClean)
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
      $0.hasPrefix("seg-")
    }.sorted()
    let kinds = Set(files.compactMap { $0.split(separator: ".").last.map(String.init) })
    #expect(
      kinds.isSuperset(of: IndexFileKind.allCases.map(\.fileExtension)),
      "every kind is damaged: \(kinds)")
    var random = SeededRandom(seed: 42)
    var tried = 0
    var detected = 0
    var refused = 0
    for name in files {
      let path = directory.filePath(name)
      let original = try #require(FileManager.default.contents(atPath: path))
      defer { try? original.write(to: URL(fileURLWithPath: path)) }
      var damaged: [Data] = []
      for position in Self.positions(count: original.count, spread: 1_010 / files.count - 30) {
        var bytes = original
        bytes[position] ^= UInt8.random(in: 1...255, using: &random)
        damaged.append(bytes)
      }
      for length in Set([
        0, 1, 15, 16, 31, original.count / 2, original.count - 17, original.count - 16,
        original.count - 1,
      ])
      where length >= 0 && length < original.count {
        damaged.append(original.prefix(length))
      }
      for bytes in damaged {
        try bytes.write(to: URL(fileURLWithPath: path))
        tried += 1
        let report = IndexCheck.run(directory: directory)
        if report.problems.contains(where: { $0.path == path }) { detected += 1 }
        if (try? IndexReader(opening: directory)) == nil { refused += 1 }
      }
    }
    print(
      "segment-file corruption: \(tried) damaged copies of \(files.count) files; check detected \(detected), open refused \(refused)"
    )
    #expect(tried >= 1_000)
    #expect(detected == tried)
    #expect(refused == tried)
  }

  /// On a copy of the shared real-format index (full bit-packed blocks, skip entries with
  /// impacts, word streams, merged segments): a byte flipped inside each segment file's payload
  /// are reported by check and refused by the reader, and the intact copy answers vocabulary
  /// queries with hits exactly as the original does.
  @Test func flippedBytesInTheRealFormatAreDetected() throws {
    let shared = try RealFormatIndex.shared()
    let folder = TemporaryDirectory("newsindex-corrupt-real")
    defer { folder.remove() }
    let copy = folder.file("index")
    try FileManager.default.copyItem(atPath: shared.directory.path, toPath: copy)
    let directory = IndexDirectory(path: copy)
    #expect(IndexCheck.run(directory: directory).isClean)
    let reference = try Self.results(IndexReader(opening: shared.directory))
    #expect(reference.allSatisfy { $0.count == 20 }, "every query has a full page of hits")
    #expect(try Self.results(IndexReader(opening: directory)) == reference)
    let files = try FileManager.default.contentsOfDirectory(atPath: copy).filter { $0.hasPrefix("seg-") }.sorted()
    #expect(files.count >= RealFormatIndex.segmentCount * (IndexFileKind.allCases.count - 1))
    var random = SeededRandom(seed: 44)
    var tried = 0
    var detected = 0
    var refused = 0
    for name in files {
      let path = directory.filePath(name)
      let original = try #require(FileManager.default.contents(atPath: path))
      defer { try? original.write(to: URL(fileURLWithPath: path)) }
      // One flip inside the payload (past the header, before the footer): a check of this
      // index costs about 0.3 s in a debug build.
      for _ in 0..<1 where original.count > 64 {
        var bytes = original
        bytes[Int.random(in: 32..<(original.count - 32), using: &random)] ^= UInt8.random(in: 1...255, using: &random)
        try bytes.write(to: URL(fileURLWithPath: path))
        tried += 1
        if IndexCheck.run(directory: directory).problems.contains(where: { $0.path == path }) { detected += 1 }
        if (try? IndexReader(opening: directory)) == nil { refused += 1 }
      }
    }
    #expect(tried >= RealFormatIndex.segmentCount * 5)
    #expect(detected == tried)
    #expect(refused == tried)
    #expect(try Self.results(IndexReader(opening: directory)) == reference, "restored copy")
  }

  /// A flipped byte in `meta.json` breaks the JSON, changes a value its checksum covers, or damages
  /// the checksum: check detects it and the reader refuses the commit. Undetected flips must mean
  /// the very same commit (whitespace turned into other whitespace), and never crash a reader.
  @Test func flippedBytesInTheCommitAreDetectedOrHarmless() throws {
    let fixture = try Self.makeFixture()
    defer { fixture.remove() }
    let directory = fixture.reader.directory
    let reference = try Self.results(fixture.reader)
    #expect(reference.allSatisfy { !$0.isEmpty })
    let path = directory.filePath(IndexDirectory.commitFileName)
    let original = try #require(FileManager.default.contents(atPath: path))
    defer { try? original.write(to: URL(fileURLWithPath: path)) }
    var random = SeededRandom(seed: 43)
    var tried = 0
    var detected = 0
    var silentlyDifferent: [String] = []
    var undetected: [String] = []
    var searchAnsweredDifferently = 0
    for position in Self.positions(count: original.count, spread: 270) {
      var bytes = original
      bytes[position] ^= UInt8.random(in: 1...255, using: &random)
      try bytes.write(to: URL(fileURLWithPath: path))
      tried += 1
      if !IndexCheck.run(directory: directory).isClean {
        detected += 1
        // Search does not run the check: count the damaged commits it still answers from.
        if let reader = try? IndexReader(opening: directory), try Self.results(reader) != reference
        {
          searchAnsweredDifferently += 1
        }
        continue
      }
      // Undetected is acceptable only when the JSON still means the very same commit (a
      // whitespace byte turned into another whitespace byte).
      let same =
        (try? JSONDecoder().decode(Commit.self, from: bytes))
        == (try? JSONDecoder().decode(Commit.self, from: original))
      if !same {
        undetected.append(
          String(
            decoding: bytes[max(0, position - 10)..<min(bytes.count, position + 6)], as: UTF8.self))
      }
      // Undetected: the reader must still work, and answers should be the same.
      guard let reader = try? IndexReader(opening: directory) else { continue }
      if try Self.results(reader) != reference {
        let context = original[max(0, position - 12)..<min(original.count, position + 12)]
        silentlyDifferent.append(
          "byte \(position) near '\(String(decoding: context, as: UTF8.self))'")
      }
    }
    for length in [0, 1, original.count / 2, original.count - 1] {
      try original.prefix(length).write(to: URL(fileURLWithPath: path))
      tried += 1
      if !IndexCheck.run(directory: directory).isClean { detected += 1 }
    }
    print(
      "meta.json corruption: \(tried) tried, \(detected) detected by check; undetected and changing the commit: \(undetected); of those with different answers: \(silentlyDifferent); detected by check but answered differently by search: \(searchAnsweredDifferently)"
    )
    #expect(tried >= 300)
    #expect(undetected.isEmpty, "flips that change the commit but pass check: \(undetected)")
    #expect(silentlyDifferent.isEmpty)
    #expect(searchAnsweredDifferently == 0, "the reader verifies the commit's checksum")
  }

  /// Hand edits of `meta.json` that keep it valid JSON: every number (each digit run, in values
  /// and inside strings) incremented, every string lengthened, every boolean negated. Each edit
  /// changes what the checksum covers: check reports it and the reader refuses the commit with
  /// one line naming `meta.json`.
  @Test func everyValueEditOfTheCommitIsDetected() throws {
    let fixture = try Self.makeFixture()
    defer { fixture.remove() }
    let directory = fixture.reader.directory
    let path = directory.filePath(IndexDirectory.commitFileName)
    let original = try #require(FileManager.default.contents(atPath: path))
    defer { try? original.write(to: URL(fileURLWithPath: path)) }
    #expect(IndexCheck.run(directory: directory).isClean)
    #expect(IndexCheck.run(directory: directory).warnings.isEmpty)
    let text = String(decoding: original, as: UTF8.self)
    var edits: [(String, String)] = []
    // Each run of digits, plus one.
    var index = text.startIndex
    while index < text.endIndex {
      guard text[index].isASCII, text[index].isNumber else {
        index = text.index(after: index)
        continue
      }
      let end = text[index...].firstIndex { !($0.isASCII && $0.isNumber) } ?? text.endIndex
      let number = Int(text[index..<end].prefix(15)) ?? 0
      edits.append(("digits at \(text.distance(from: text.startIndex, to: index))",
        String(text[..<index]) + String(number + 1) + String(text[end...])))
      index = end
    }
    // Each string literal (keys too), with one more letter.
    var quote: String.Index?
    for position in text.indices where text[position] == "\"" {
      if let open = quote {
        edits.append(("string \(text[open...position])",
          String(text[...open]) + String(text[text.index(after: open)..<position]) + "x" + String(text[position...])))
        quote = nil
      } else {
        quote = position
      }
    }
    for (word, other) in [("true", "false"), ("false", "true")] {
      var search = text.startIndex..<text.endIndex
      while let found = text.range(of: word, range: search) {
        edits.append(("\(word) at \(text.distance(from: text.startIndex, to: found.lowerBound))",
          text.replacingCharacters(in: found, with: other)))
        search = found.upperBound..<text.endIndex
      }
    }
    var detected = 0
    var refused = 0
    for (what, edited) in edits {
      try Data(edited.utf8).write(to: URL(fileURLWithPath: path))
      let report = IndexCheck.run(directory: directory)
      if !report.isClean { detected += 1 }
      #expect(report.problems.first?.path.hasSuffix("meta.json") == true, "\(what): \(report.problems)")
      do {
        _ = try IndexReader(opening: directory)
        Issue.record("\(what): the reader accepted an edited commit")
      } catch {
        refused += 1
        let message = "\(error)"
        #expect(message.contains("meta.json") && !message.contains("\n"), "\(what): \(message)")
      }
    }
    print("meta.json value edits: \(edits.count) tried, \(detected) detected by check, \(refused) refused by the reader")
    #expect(edits.count >= 50)
    #expect(detected == edits.count)
    #expect(refused == edits.count)
  }

  /// Reformatting `meta.json` (other whitespace, other key order) changes no value: still clean.
  @Test func reformattingTheCommitIsHarmless() throws {
    let fixture = try Self.makeFixture()
    defer { fixture.remove() }
    let directory = fixture.reader.directory
    let path = directory.filePath(IndexDirectory.commitFileName)
    let original = try #require(FileManager.default.contents(atPath: path))
    let object = try JSONSerialization.jsonObject(with: original)
    try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
    #expect(try #require(FileManager.default.contents(atPath: path)) != original)
    #expect(IndexCheck.run(directory: directory).isClean)
    #expect(throws: Never.self) { _ = try IndexReader(opening: directory) }
  }

  /// A commit written before checksums (no `checksum` field) is still read; check warns.
  @Test func aCommitWithoutChecksumIsReadWithAWarning() throws {
    let fixture = try Self.makeFixture()
    defer { fixture.remove() }
    let directory = fixture.reader.directory
    let path = directory.filePath(IndexDirectory.commitFileName)
    let original = try #require(FileManager.default.contents(atPath: path))
    var object = try #require(try JSONSerialization.jsonObject(with: original) as? [String: Any])
    #expect(object.removeValue(forKey: "checksum") != nil)
    try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
      .write(to: URL(fileURLWithPath: path))
    let report = IndexCheck.run(directory: directory)
    #expect(report.isClean)
    #expect(report.warnings.count == 1 && report.warnings[0].description.contains("no checksum"))
    #expect(try Self.results(IndexReader(opening: directory)) == Self.results(fixture.reader))
    // A damaged checksum key is not taken for an old commit.
    let renamed = String(decoding: original, as: UTF8.self).replacingOccurrences(of: "\"checksum\"", with: "\"checksun\"")
    try Data(renamed.utf8).write(to: URL(fileURLWithPath: path))
    #expect(!IndexCheck.run(directory: directory).isClean)
    #expect(throws: FormatError.self) { _ = try IndexReader(opening: directory) }
  }
}
