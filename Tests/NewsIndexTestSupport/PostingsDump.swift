internal import NewsIndexCore
package import NewsIndexFormat

/// Every posting of an index, read back through the segment readers, keyed by field and term:
/// what a merge must keep exactly (documents numbered across segments, frequencies, positions).
package struct PostingsDump: Equatable, Sendable {
  package struct Posting: Equatable, Sendable, CustomStringConvertible {
    package var docNumber: Int
    package var termFreq: UInt32
    package var positions: [UInt32]
    package var description: String { "\(docNumber)×\(termFreq)\(positions)" }
  }

  /// "field:term" → postings (documents numbered across the segments, in order).
  package var terms: [String: [Posting]] = [:]
  /// "term" → word-stream postings (positionless).
  package var words: [String: [Posting]] = [:]
  /// Dictionary statistics summed over segments: "field:term" → (docFreq, totalTermFreq).
  package var statistics: [String: [Int]] = [:]

  /// Reads every term and word stream of `segments`, numbering documents across them.
  package init(_ segments: [SegmentReader]) throws {
    var base = 0
    for segment in segments {
      var found: [(String, TermInfo)] = []
      try segment.forEachTerm { field, term, info in
        found.append(("\(field):" + String(decoding: term, as: UTF8.self), info))
        return true
      }
      for (key, info) in found {
        let cursor = segment.postings(info)
        while cursor.docID != PostingsCursor.end {
          terms[key, default: []].append(
            Posting(
              docNumber: base + Int(cursor.docID), termFreq: cursor.termFreq,
              positions: Array(cursor.positions())))
          cursor.next()
        }
        let old = statistics[key] ?? [0, 0]
        statistics[key] = [old[0] + info.docFreq, old[1] + info.totalTermFreq]
      }
      var streams: [(String, TermInfo)] = []
      try segment.forEachWord { term, info in
        streams.append((String(decoding: term, as: UTF8.self), info))
        return true
      }
      for (key, info) in streams {
        let cursor = segment.postings(info)
        while cursor.docID != PostingsCursor.end {
          words[key, default: []].append(
            Posting(docNumber: base + Int(cursor.docID), termFreq: cursor.termFreq, positions: []))
          cursor.next()
        }
      }
      base += segment.documentCount
    }
  }

  /// Keys whose postings differ between `self` and `other`, with the first difference, for messages.
  package func differences(from other: PostingsDump, limit: Int = 5) -> [String] {
    var found: [String] = []
    for (label, mine, theirs) in [("term", terms, other.terms), ("word", words, other.words)] {
      for key in Set(mine.keys).union(theirs.keys).sorted() where mine[key] != theirs[key] {
        let a = mine[key] ?? []
        let b = theirs[key] ?? []
        let first =
          zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset
          ?? min(a.count, b.count)
        found.append(
          "\(label) \(key): \(a.count) vs \(b.count) postings; at \(first): "
            + "\(first < a.count ? a[first].description : "-") vs \(first < b.count ? b[first].description : "-")"
        )
        if found.count >= limit { return found }
      }
    }
    return found
  }
}
