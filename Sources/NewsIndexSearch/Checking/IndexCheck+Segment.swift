import Foundation
import NewsIndexCore
import NewsIndexFormat

/// The checks of one segment, in the order a reader depends on them: files, dictionary, postings,
/// word streams, term vectors, field lengths, stored fields and the document values beside them, the commit's
/// counts.
struct SegmentCheck {
  let directory: IndexDirectory
  let info: SegmentInfo
  let commitPath: String
  private(set) var problems: [IndexProblem] = []

  /// Checks the segment `info`, adds its counts to `report` and returns its problems (the first per file).
  static func run(
    directory: IndexDirectory, info: SegmentInfo, commitPath: String, report: inout IndexCheckReport
  ) -> [IndexProblem] {
    var check = SegmentCheck(directory: directory, info: info, commitPath: commitPath)
    check.checkFiles()
    guard check.problems.isEmpty else { return check.problems }
    let segment: SegmentReader
    do throws(FormatError) {
      segment = try SegmentReader(opening: directory, info: info)
    } catch {
      return [IndexCheck.problem(error, fallbackPath: directory.filePath(info.fileName(.terms)))]
    }
    report.documentCount += segment.documentCount
    check.checkTermsAndPostings(segment, report: &report)
    check.checkWordStreams(segment)
    check.checkTermVectors(segment)
    check.checkFieldLengths(segment)
    check.checkStoredDocuments(segment)
    return check.problems
  }

  func path(_ kind: IndexFileKind) -> String { directory.filePath(info.fileName(kind)) }

  /// Records `message` unless `path` already has a problem (only the first per file is kept).
  mutating func report(_ path: String, _ byteOffset: Int?, _ message: String) {
    guard !problems.contains(where: { $0.path == path }) else { return }
    problems.append(IndexProblem(path: path, byteOffset: byteOffset, message: message))
  }

  // MARK: Files

  /// Every file the commit names: present, framed, checksummed, and of the size it records.
  private mutating func checkFiles() {
    for kind in IndexFileKind.allCases {
      let filePath = path(kind)
      let recorded = info.fileByteCounts[kind.fileExtension]
      guard FileManager.default.fileExists(atPath: filePath) else {
        // A kind the commit does not list (an optional file) may be absent.
        if recorded != nil { report(filePath, nil, "missing; the commit lists it") }
        continue
      }
      do throws(FormatError) {
        let file = try MappedFile(path: filePath)
        _ = try FileEnvelope.validate(file.bytes, kind: kind, path: filePath)
        if let recorded, recorded != file.bytes.count {
          report(
            commitPath, nil,
            "records \(recorded) bytes for \(info.fileName(kind)), the file has \(file.bytes.count)"
          )
        }
      } catch {
        let problem = IndexCheck.problem(error, fallbackPath: filePath)
        report(problem.path, problem.byteOffset, problem.message)
      }
    }
  }

  // MARK: Terms and postings

  /// Walks the dictionary in key order and every term's postings and positions.
  private mutating func checkTermsAndPostings(
    _ segment: SegmentReader, report totals: inout IndexCheckReport
  ) {
    let termsPath = path(.terms)
    let postingsPath = path(.postings)
    var previousKey: [UInt8] = []
    var key: [UInt8] = []
    var termCount = 0
    var postingCount = 0
    var found: IndexProblem?
    do throws(FormatError) {
      try segment.forEachTerm { field, term, termInfo in
        key.removeAll(keepingCapacity: true)
        key.append(field.rawValue)
        key.append(contentsOf: term)
        let description = "\(field.name):\(String(decoding: term, as: UTF8.self))"
        if termCount > 0 && !previousKey.lexicographicallyPrecedes(key) {
          found = IndexProblem(
            path: termsPath, byteOffset: nil, message: "term \(description) is out of key order")
          return false
        }
        swap(&previousKey, &key)
        termCount += 1
        postingCount += termInfo.docFreq
        if let message = Self.postingsProblem(segment, field: field, termInfo: termInfo) {
          found = IndexProblem(
            path: postingsPath, byteOffset: FileEnvelope.headerByteCount + termInfo.postingsOffset,
            message: "term \(description): \(message)")
          return false
        }
        return true
      }
    } catch {
      let problem = IndexCheck.problem(error, fallbackPath: termsPath)
      report(problem.path, problem.byteOffset, problem.message)
      return
    }
    if let found {
      report(found.path, found.byteOffset, found.message)
      return
    }
    totals.termCount += termCount
    totals.postingCount += postingCount
    if termCount != info.termCount {
      report(termsPath, nil, "holds \(termCount) terms, the commit records \(info.termCount)")
    } else if postingCount != info.postingCount {
      report(
        commitPath, nil,
        "records \(info.postingCount) postings for \(info.name), its terms hold \(postingCount)")
    }
  }

  /// The first broken invariant of one term's postings, or nil.
  private static func postingsProblem(_ segment: SegmentReader, field: Field, termInfo: TermInfo)
    -> String?
  {
    guard termInfo.docFreq >= 1 else { return "docFreq \(termInfo.docFreq) < 1" }
    guard termInfo.totalTermFreq >= termInfo.docFreq else {
      return "totalTermFreq \(termInfo.totalTermFreq) < docFreq \(termInfo.docFreq)"
    }
    let cursor = segment.postings(termInfo)
    var count = 0
    var frequencySum = 0
    var previous: Int64 = -1
    // The block being walked, to compare its impacts with its skip entry's at its end.
    var blockPairs: [UInt64] = []
    var blockLastDocID = cursor.blockLastDocID
    var storedImpacts = cursor.blockImpacts
    while cursor.docID != PostingsCursor.end {
      let doc = cursor.docID
      if doc > blockLastDocID {
        if let problem = impactsProblem(&blockPairs, stored: storedImpacts, block: blockLastDocID) { return problem }
        blockPairs.removeAll(keepingCapacity: true)
        blockLastDocID = cursor.blockLastDocID
        storedImpacts = cursor.blockImpacts
      }
      guard Int64(doc) > previous else {
        return "doc id \(doc) after \(previous) is not increasing"
      }
      guard Int(doc) < segment.documentCount else {
        return "doc id \(doc) is not below the document count \(segment.documentCount)"
      }
      let frequency = Int(cursor.termFreq)
      guard frequency >= 1 else { return "termFreq 0 in document \(doc)" }
      let positions = cursor.positions()
      guard positions.count == frequency else {
        return "document \(doc) has \(positions.count) positions for termFreq \(frequency)"
      }
      let length = segment.fieldLength(field, doc)
      blockPairs.append(UInt64(frequency) << 32 | UInt64(length))
      var last: Int64 = -1
      for position in positions {
        guard Int64(position) > last else {
          return "positions in document \(doc) are not ascending"
        }
        guard position < length else {
          return "position \(position) in document \(doc) is not below the field length \(length)"
        }
        last = Int64(position)
      }
      previous = Int64(doc)
      count += 1
      frequencySum += frequency
      guard count <= termInfo.docFreq else {
        return "more postings than docFreq \(termInfo.docFreq)"
      }
      cursor.next()
    }
    if count > 0, let problem = impactsProblem(&blockPairs, stored: storedImpacts, block: blockLastDocID) {
      return problem
    }
    guard count == termInfo.docFreq else {
      return "\(count) postings, docFreq says \(termInfo.docFreq)"
    }
    guard frequencySum == termInfo.totalTermFreq else {
      return "term frequencies sum to \(frequencySum), totalTermFreq says \(termInfo.totalTermFreq)"
    }
    return nil
  }

  /// A block's skip entry must hold exactly the impacts of its postings: a bound that is too
  /// low would make pruning drop documents, one too high would only make it slower.
  static func impactsProblem(_ pairs: inout [UInt64], stored: Impacts?, block lastDocID: DocID) -> String? {
    let computed = pairs.withUnsafeMutableBufferPointer { Impacts(competitivePairsOf: $0) }
    guard let stored else { return "the skip entry of the block ending at document \(lastDocID) has unreadable impacts" }
    guard stored != computed else { return nil }
    return "the skip entry of the block ending at document \(lastDocID) has impacts \(stored.pairsDescription), "
      + "its postings give \(computed.pairsDescription)"
  }

  // MARK: Field lengths and stored fields

  /// Field lengths summed over the documents must equal the commit's token counts.
  private mutating func checkFieldLengths(_ segment: SegmentReader) {
    for field in Field.allCases {
      var tokens: UInt64 = 0
      for doc in 0..<segment.documentCount {
        tokens += UInt64(segment.fieldLength(field, DocID(doc)))
      }
      let recorded =
        Int(field.rawValue) < info.fieldTokenCounts.count
        ? info.fieldTokenCounts[Int(field.rawValue)] : 0
      if tokens != recorded {
        report(
          commitPath, nil,
          "records \(recorded) \(field.name) tokens for \(info.name), its field lengths sum to \(tokens)"
        )
      }
    }
  }

  /// Every stored document decodes, and its date in the `.dv` file is the one its stored date
  /// text gives (the build derives one from the other).
  private mutating func checkStoredDocuments(_ segment: SegmentReader) {
    for doc in 0..<segment.documentCount {
      do throws(FormatError) {
        let document = try segment.storedDocument(DocID(doc))
        if segment.hasDocumentValues {
          let stored = segment.date(DocID(doc))
          let expected = DocumentDate.seconds(from: document.date)
          if stored != expected {
            report(
              path(.documentValues), nil,
              "document \(doc) is dated \(Self.dateText(stored)) in the values, its stored date '\(document.date)' gives \(Self.dateText(expected))"
            )
          }
        }
      } catch {
        let problem = IndexCheck.problem(error, fallbackPath: path(.store))
        report(problem.path, problem.byteOffset, problem.message)
        return
      }
    }
  }
}

extension SegmentCheck {
  static func dateText(_ seconds: Int64) -> String {
    seconds == DocumentDate.unknown ? "unknown" : DocumentDate.isoString(seconds)
  }
}
