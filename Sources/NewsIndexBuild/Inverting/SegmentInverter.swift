package import NewsIndexAnalysis
package import NewsIndexCore
package import NewsIndexFormat

/// Inverts a run of documents in memory and writes them as one segment.
///
/// Every token becomes one `(termID, docID, position)` occurrence in a flat array; `write` groups
/// them by term with a stable counting sort (documents and positions stay in order) and streams
/// the groups, in key order, to a ``SegmentWriter``.
package struct SegmentInverter {
  private let analyzer: Analyzer
  private var table = TermTable()
  private var occurrenceTerms: [TermID] = []
  private var occurrenceDocs: [DocID] = []
  private var occurrencePositions: [UInt32] = []
  private var fieldLengths: [[UInt32]] = Array(repeating: [], count: Field.allCases.count)
  private var documents: [ExtractedDocument] = []

  package init(analyzer: Analyzer) {
    self.analyzer = analyzer
  }

  package var documentCount: Int { documents.count }

  /// Analyzes and adds one document; it gets the next ``DocID`` of the segment.
  package mutating func add(_ document: ExtractedDocument) {
    let docID = DocID(documents.count)
    for field in Field.allCases {
      var text = field == .title ? document.title : document.body
      let length = text.withUTF8 { utf8 in
        analyzer.forEachToken(in: UnsafeRawBufferPointer(utf8)) { token in
          occurrenceTerms.append(table.intern(field: field.rawValue, term: token.term))
          occurrenceDocs.append(docID)
          occurrencePositions.append(UInt32(truncatingIfNeeded: token.position))
        }
      }
      fieldLengths[Int(field.rawValue)].append(UInt32(clamping: length))
    }
    documents.append(document)
  }

  /// Writes the segment's files through `writer` and returns what the commit records.
  package func write(to writer: inout SegmentWriter) throws(FormatError) -> SegmentInfo {
    // Counting sort of occurrences by term id (stable).
    var starts = [Int](repeating: 0, count: table.count + 1)
    for term in occurrenceTerms { starts[Int(term) + 1] += 1 }
    for k in 0..<table.count { starts[k + 1] += starts[k] }
    var fill = starts
    var order = [Int32](repeating: 0, count: occurrenceTerms.count)
    for (k, term) in occurrenceTerms.enumerated() {
      order[fill[Int(term)]] = Int32(k)
      fill[Int(term)] += 1
    }

    var positions: [UInt32] = []
    table.arena.withUnsafeBytes { arena in
      for id in table.sortedIDs() {
        let key = table.keyRange(id)
        guard let field = Field(rawValue: arena[key.lowerBound]) else { continue }
        writer.startTerm(field: field, term: UnsafeRawBufferPointer(rebasing: arena[(key.lowerBound + 1)..<key.upperBound]))
        var k = starts[Int(id)]
        let end = starts[Int(id) + 1]
        while k < end {
          let doc = occurrenceDocs[Int(order[k])]
          positions.removeAll(keepingCapacity: true)
          while k < end && occurrenceDocs[Int(order[k])] == doc {
            positions.append(occurrencePositions[Int(order[k])])
            k += 1
          }
          positions.withUnsafeBufferPointer { writer.appendPosting(docID: doc, positions: $0) }
        }
        writer.finishTerm()
      }
    }
    for document in documents { writer.appendStoredDocument(document) }
    for field in Field.allCases { writer.setFieldLengths(fieldLengths[Int(field.rawValue)], for: field) }
    return try writer.finish()
  }
}
