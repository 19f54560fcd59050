import NewsIndexCore
import NewsIndexFormat
import Testing

@Suite struct PostingsCursorTests {
  static let fixture = SegmentFixture.random(
    seed: 0xC0FFEE, documentCount: 1100, docFreqs: [1, 2, 127, 128, 129, 255, 256, 257, 1000],
    extraTerms: 10)

  /// Targets that matter for a term: around every block boundary, inside blocks, between
  /// documents, past the end, plus random ones; unsorted on purpose.
  static func targets(for term: ExpectedTerm, _ random: inout SplitMix64) -> [DocID] {
    let docs = term.postings.map(\.docID)
    var targets: [DocID] = [
      0, docs[0], docs[docs.count - 1], docs[docs.count - 1] + 1, 5000, PostingsCursor.end - 1,
    ]
    for index in stride(from: 127, to: docs.count + 1, by: 128) {
      for k in [index - 1, index, index + 1] where k >= 0 && k < docs.count {
        targets += [docs[k] - min(docs[k], 1), docs[k], docs[k] + 1]
      }
    }
    for _ in 0..<60 { targets.append(DocID(random.int(in: 0...1150))) }
    return targets
  }

  @Test func newCursorStandsOnTheFirstDocument() throws {
    try SegmentWriterTests.withSegment(Self.fixture) { reader, _, _ in
      for term in Self.fixture.terms {
        let cursor = reader.postings(try #require(reader.termInfo(term.field, term.term)))
        #expect(cursor.docID == term.postings[0].docID)
        #expect(cursor.termFreq == term.postings[0].termFreq)
        #expect(cursor.docFreq == term.docFreq)
      }
    }
  }

  @Test func nextVisitsEveryPostingThenStaysAtEnd() throws {
    try SegmentWriterTests.withSegment(Self.fixture) { reader, _, _ in
      for term in Self.fixture.terms {
        let cursor = reader.postings(try #require(reader.termInfo(term.field, term.term)))
        var visited: [(DocID, UInt32)] = []
        while cursor.docID != PostingsCursor.end {
          visited.append((cursor.docID, cursor.termFreq))
          cursor.next()
        }
        #expect(visited.map(\.0) == term.postings.map(\.docID), "\(term.text)")
        #expect(visited.map(\.1) == term.postings.map(\.termFreq), "\(term.text)")
        cursor.next()
        #expect(cursor.docID == PostingsCursor.end)
        cursor.advance(to: 3)
        #expect(cursor.docID == PostingsCursor.end)
      }
    }
  }

  /// `advance(to:)` must behave exactly like `while docID < target { next() }`.
  @Test func advanceMatchesTheSlowLoop() throws {
    var random = SplitMix64(seed: 11)
    try SegmentWriterTests.withSegment(Self.fixture) { reader, _, _ in
      for term in Self.fixture.terms {
        let info = try #require(reader.termInfo(term.field, term.term))
        let positionsByDoc = Dictionary(
          uniqueKeysWithValues: term.postings.map { ($0.docID, $0.positions) })
        // Ascending targets from a random subset: every step moves forward.
        var targets = Self.targets(for: term, &random).filter { _ in random.chance(60) }.sorted()
        targets.append(PostingsCursor.end - 1)
        let fast = reader.postings(info)
        let slow = reader.postings(info)
        var positionsReadAt: DocID?
        for target in targets {
          fast.advance(to: target)
          while slow.docID < target { slow.next() }
          #expect(fast.docID == slow.docID, "\(term.text) target \(target)")
          guard fast.docID != PostingsCursor.end else { break }
          #expect(fast.termFreq == slow.termFreq, "\(term.text) target \(target)")
          // Positions once per document (reading twice is covered on its own below).
          if positionsReadAt != fast.docID && random.chance(50) {
            positionsReadAt = fast.docID
            #expect(
              Array(fast.positions()) == positionsByDoc[fast.docID],
              "\(term.text) doc \(fast.docID)")
          }
        }
      }
    }
  }

  @Test func advanceFromAFreshCursorToEachTargetMatchesTheSlowLoop() throws {
    var random = SplitMix64(seed: 12)
    try SegmentWriterTests.withSegment(Self.fixture) { reader, _, _ in
      for term in Self.fixture.terms where term.docFreq >= 127 {
        let info = try #require(reader.termInfo(term.field, term.term))
        for target in Self.targets(for: term, &random) {
          let expected = term.postings.first { $0.docID >= target }
          let cursor = reader.postings(info)
          cursor.advance(to: target)
          #expect(
            cursor.docID == expected?.docID ?? PostingsCursor.end, "\(term.text) target \(target)")
          if let expected {
            #expect(cursor.termFreq == expected.termFreq)
            #expect(
              Array(cursor.positions()) == expected.positions, "\(term.text) target \(target)")
            cursor.next()
            let following = term.postings.first { $0.docID > expected.docID }
            #expect(cursor.docID == following?.docID ?? PostingsCursor.end)
          }
        }
      }
    }
  }

  @Test func advanceBeyondTheLastDocumentEnds() throws {
    try SegmentWriterTests.withSegment(Self.fixture) { reader, _, _ in
      for term in Self.fixture.terms {
        let info = try #require(reader.termInfo(term.field, term.term))
        let last = term.postings[term.docFreq - 1].docID
        let cursor = reader.postings(info)
        cursor.advance(to: last + 1)
        #expect(cursor.docID == PostingsCursor.end, "\(term.text)")
        let exact = reader.postings(info)
        exact.advance(to: last)
        #expect(exact.docID == last)
        exact.advance(to: PostingsCursor.end)
        #expect(exact.docID == PostingsCursor.end)
      }
    }
  }

  @Test func advanceNeverMovesBackwards() throws {
    try SegmentWriterTests.withSegment(Self.fixture) { reader, _, _ in
      for term in Self.fixture.terms where term.docFreq > 1 {
        let cursor = reader.postings(try #require(reader.termInfo(term.field, term.term)))
        let middle = term.postings[term.docFreq / 2]
        cursor.advance(to: middle.docID)
        #expect(cursor.docID == middle.docID)
        for target in [0, middle.docID / 2, middle.docID - min(middle.docID, 1), middle.docID] {
          cursor.advance(to: target)
          #expect(cursor.docID == middle.docID, "\(term.text) target \(target)")
        }
        // The cursor still reads the same posting after the no-op calls.
        #expect(cursor.termFreq == middle.termFreq)
        let rest = cursor.drain()
        #expect(rest == Array(term.postings[(term.docFreq / 2)...]), "\(term.text)")
      }
    }
  }

  @Test func positionsAreCorrectAfterSkippingDocumentsWithNext() throws {
    var random = SplitMix64(seed: 14)
    try SegmentWriterTests.withSegment(Self.fixture) { reader, _, _ in
      for term in Self.fixture.terms {
        let cursor = reader.postings(try #require(reader.termInfo(term.field, term.term)))
        var index = 0
        while cursor.docID != PostingsCursor.end {
          #expect(cursor.docID == term.postings[index].docID)
          // Read positions for roughly one document in five; skip the others unread.
          if random.chance(20) {
            #expect(
              Array(cursor.positions()) == term.postings[index].positions, "\(term.text) #\(index)")
          }
          cursor.next()
          index += 1
        }
        #expect(index == term.docFreq)
      }
    }
  }

  /// `positions()` describes the current document until the cursor moves, however often it is called.
  @Test func positionsCanBeReadTwiceForTheSameDocument() throws {
    try SegmentWriterTests.withSegment(Self.fixture) { reader, _, _ in
      for term in Self.fixture.terms.filter({ $0.docFreq >= 2 }).prefix(3) {
        let cursor = reader.postings(try #require(reader.termInfo(term.field, term.term)))
        let first = Array(cursor.positions())
        let second = Array(cursor.positions())
        #expect(first == term.postings[0].positions, "\(term.text)")
        #expect(second == term.postings[0].positions, "\(term.text): second call")
      }
    }
  }

  @Test func positionsAreCorrectForTheFirstDocumentOfEachBlock() throws {
    try SegmentWriterTests.withSegment(Self.fixture) { reader, _, _ in
      for term in Self.fixture.terms where term.docFreq > 128 {
        let info = try #require(reader.termInfo(term.field, term.term))
        for index in stride(from: 0, to: term.docFreq, by: 128) {
          for k in [index, index + 127] where k < term.docFreq {
            let cursor = reader.postings(info)
            cursor.advance(to: term.postings[k].docID)
            #expect(Array(cursor.positions()) == term.postings[k].positions, "\(term.text) #\(k)")
          }
        }
      }
    }
  }

  @Test func blockMetadataBoundsTheBlocksPostings() throws {
    try SegmentWriterTests.withSegment(Self.fixture) { reader, _, _ in
      for term in Self.fixture.terms {
        let cursor = reader.postings(try #require(reader.termInfo(term.field, term.term)))
        var index = 0
        while cursor.docID != PostingsCursor.end {
          let block = term.postings[
            (index / 128 * 128)..<min(term.docFreq, index / 128 * 128 + 128)]
          #expect(cursor.blockLastDocID == block.last?.docID, "\(term.text) #\(index)")
          // The skip entry's impacts are exactly what the block's postings give.
          var pairs = block.map { UInt64($0.termFreq) << 32 | UInt64(reader.fieldLength(term.field, $0.docID)) }
          let expected = pairs.withUnsafeMutableBufferPointer { Impacts(competitivePairsOf: $0) }
          #expect(cursor.blockImpacts == expected, "\(term.text) #\(index)")
          cursor.next()
          index += 1
        }
      }
    }
  }

  /// `shallowAdvance(to:)` reports the block holding the first posting at or after the target
  /// (last document, largest frequency) without moving the cursor; the next `advance(to:)` (or
  /// `next()` after a shallow move to a later block) lands where a cursor that never went
  /// shallow would.
  @Test func shallowAdvanceReportsTheBlockAndLeavesTheCursorConsistent() throws {
    var random = SplitMix64(seed: 13)
    try SegmentWriterTests.withSegment(Self.fixture) { reader, _, _ in
      for term in Self.fixture.terms where term.docFreq >= 127 {
        let info = try #require(reader.termInfo(term.field, term.term))
        var targets = Self.targets(for: term, &random).filter { _ in random.chance(50) }.sorted()
        targets.append(PostingsCursor.end - 1)
        let cursor = reader.postings(info)
        for target in targets where target >= cursor.docID {
          let firstIndex = term.postings.firstIndex { $0.docID >= target }
          let found = cursor.shallowAdvance(to: target)
          #expect(found == (firstIndex != nil), "\(term.text) target \(target)")
          guard let firstIndex else { break }
          let block = term.postings[(firstIndex / 128 * 128)..<min(term.docFreq, firstIndex / 128 * 128 + 128)]
          #expect(cursor.blockLastDocID == block.last?.docID, "\(term.text) target \(target)")
          #expect(cursor.blockImpacts?.maxFrequency == block.map(\.termFreq).max(), "\(term.text) target \(target)")
          // next() right after a shallow move past the decoded block goes to the first posting
          // at or after the target, as advance(to:) does.
          if target > cursor.docID && !block.contains(where: { $0.docID == cursor.docID }) && random.chance(50) {
            cursor.next()
          } else {
            cursor.advance(to: target)
          }
          #expect(cursor.docID == term.postings[firstIndex].docID, "\(term.text) target \(target)")
          #expect(cursor.termFreq == term.postings[firstIndex].termFreq)
          #expect(Array(cursor.positions()) == term.postings[firstIndex].positions)
        }
      }
    }
  }

  @Test func largeTermFrequenciesRoundTrip() throws {
    var (fixture, random) = SegmentFixture.randomDocuments(seed: 15, documentCount: 4)
    fixture.terms = [
      ExpectedTerm(
        field: .body, term: Array("many".utf8),
        postings: [64, 65, 300, 1].enumerated().map { docID, termFreq in
          ExpectedPosting(
            docID: DocID(docID),
            positions: SegmentFixture.randomPositions(&random, termFreq: termFreq))
        })
    ]
    try SegmentWriterTests.withSegment(fixture) { reader, _, _ in
      let cursor = reader.postings(try #require(reader.termInfo(.body, "many")))
      #expect(cursor.drain() == fixture.terms[0].postings)
    }
  }
}
