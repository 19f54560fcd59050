import NewsIndexCore
import NewsIndexFormat

extension SegmentCheck {
  /// Every word of the title or the body has a word stream, and each stream is exactly what the
  /// word's title and body postings give: the same documents, frequency
  /// `3 · tf(title) + tf(body)`, and per block the impacts of those frequencies at the combined
  /// length `3 · length(title) + length(body)`. A stream that disagreed would change rankings
  /// (or, with bounds too low, drop documents from pruned results).
  mutating func checkWordStreams(_ segment: SegmentReader) {
    let postingsPath = path(.postings)
    var words = 0
    var withTitle = 0
    var withBody = 0
    var found: IndexProblem?
    do throws(FormatError) {
      try segment.forEachWord { term, wordInfo in
        words += 1
        let title = segment.termInfo(field: .title, term: term)
        let body = segment.termInfo(field: .body, term: term)
        if title != nil { withTitle += 1 }
        if body != nil { withBody += 1 }
        let problem =
          title == nil && body == nil
          ? "is in neither field"
          : Self.wordStreamProblem(segment, stream: wordInfo, title: title, body: body)
        if let problem {
          found = IndexProblem(
            path: postingsPath, byteOffset: FileEnvelope.headerByteCount + wordInfo.postingsOffset,
            message: "word stream of \(String(decoding: term, as: UTF8.self)): \(problem)")
          return false
        }
        return true
      }
    } catch {
      let problem = IndexCheck.problem(error, fallbackPath: path(.terms))
      report(problem.path, problem.byteOffset, problem.message)
      return
    }
    if let found {
      report(found.path, found.byteOffset, found.message)
      return
    }
    var titleTerms = 0
    var bodyTerms = 0
    try? segment.forEachTerm { field, _, _ in
      if field == .title { titleTerms += 1 } else if field == .body { bodyTerms += 1 }
      return true
    }
    if words != segment.wordCount {
      report(
        path(.terms), nil, "holds \(words) word streams, its trailer records \(segment.wordCount)")
    } else if withTitle != titleTerms || withBody != bodyTerms {
      report(
        path(.terms), nil,
        "\(titleTerms - withTitle) title and \(bodyTerms - withBody) body terms have no word stream"
      )
    }
  }

  /// The first difference between a word stream and the merge of its field postings, or nil.
  private static func wordStreamProblem(
    _ segment: SegmentReader, stream info: TermInfo, title: TermInfo?, body: TermInfo?
  ) -> String? {
    let weight = UInt64(PostingsFormat.wordStreamTitleWeight)
    let stream = segment.postings(info)
    let titleCursor = title.map { segment.postings($0) }
    let bodyCursor = body.map { segment.postings($0) }
    var count = 0
    var frequencySum = 0
    var blockPairs: [UInt64] = []
    var blockLastDocID = stream.blockLastDocID
    var storedImpacts = stream.blockImpacts
    while true {
      let titleDoc = titleCursor?.docID ?? PostingsCursor.end
      let bodyDoc = bodyCursor?.docID ?? PostingsCursor.end
      let expected = min(titleDoc, bodyDoc)
      guard stream.docID == expected else {
        return "has document \(stream.docID) where the fields' postings have \(expected)"
      }
      if expected == PostingsCursor.end { break }
      var frequency: UInt64 = 0
      if titleDoc == expected, let titleCursor {
        frequency += weight * UInt64(titleCursor.termFreq)
        titleCursor.next()
      }
      if bodyDoc == expected, let bodyCursor {
        frequency += UInt64(bodyCursor.termFreq)
        bodyCursor.next()
      }
      guard UInt64(stream.termFreq) == min(frequency, UInt64(UInt32.max)) else {
        return "document \(expected) has frequency \(stream.termFreq), the fields give \(frequency)"
      }
      if expected > blockLastDocID {
        if let problem = impactsProblem(&blockPairs, stored: storedImpacts, block: blockLastDocID) {
          return problem
        }
        blockPairs.removeAll(keepingCapacity: true)
        blockLastDocID = stream.blockLastDocID
        storedImpacts = stream.blockImpacts
      }
      let length =
        weight * UInt64(segment.fieldLength(.title, expected))
        + UInt64(segment.fieldLength(.body, expected))
      blockPairs.append(UInt64(stream.termFreq) << 32 | min(length, UInt64(UInt32.max)))
      count += 1
      frequencySum += Int(stream.termFreq)
      stream.next()
    }
    if count > 0,
      let problem = impactsProblem(&blockPairs, stored: storedImpacts, block: blockLastDocID)
    {
      return problem
    }
    guard count == info.docFreq else { return "\(count) postings, docFreq says \(info.docFreq)" }
    guard frequencySum == info.totalTermFreq else {
      return "frequencies sum to \(frequencySum), totalTermFreq says \(info.totalTermFreq)"
    }
    return nil
  }
}
