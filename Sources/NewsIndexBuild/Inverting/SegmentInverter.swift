package import NewsIndexAnalysis
package import NewsIndexCore
package import NewsIndexFormat

/// Inverts a run of documents in memory and writes them as one segment.
///
/// Every token becomes one `(termID, docID, position)` occurrence in flat arrays; stored fields
/// stream straight to the segment's `.store` file as documents arrive. ``finish()`` groups the
/// occurrences by term with a stable counting sort (documents and positions stay in order) and
/// streams the groups, in key order, to the ``SegmentWriter``.
package struct SegmentInverter {
  private let analyzer: Analyzer
  private var writer: SegmentWriter
  private var table = TermTable()
  private var occurrenceTerms: [TermID] = []
  private var occurrenceDocs: [DocID] = []
  private var occurrencePositions: [UInt32] = []
  private var fieldLengths: [[UInt32]] = Array(repeating: [], count: Field.allCases.count)
  private(set) package var documentCount = 0
  /// Stems of the words this inverter has seen (each distinct word is stemmed once).
  private let stemCache: StemCache?
  /// Duplicate signatures of the document being added.
  private var signature = SignatureBuilder()
  /// Term id + 1 (0: not yet seen) of each stem cache entry in each field, at
  /// `entry * fieldCount + field`: a stemmed word seen before is interned without hashing it
  /// again. Valid for ``stemEpoch`` of the cache.
  private var entryTerms: [TermID] = []
  private var stemEpoch = 0

  /// What the store keeps of each document.
  private let store: StoreMode

  /// Starts a segment named `name` in `directory`.
  package init(
    analyzer: Analyzer, directory: IndexDirectory, name: String, store: StoreMode = .full
  ) throws(FormatError) {
    self.analyzer = analyzer
    self.store = store
    stemCache = analyzer.makeStemCache()
    writer = try SegmentWriter(directory: directory, name: name)
  }

  /// Bytes of memory held, estimated from array capacities (what a memory budget is checked against).
  package var estimatedByteCount: Int {
    occurrenceTerms.capacity * 12 + table.estimatedByteCount + documentCount * 8 + entryTerms.capacity * 4
  }

  /// Analyzes and adds one document; it gets the next ``DocID`` of the segment.
  package mutating func add(_ document: ExtractedDocument) throws(FormatError) {
    let docID = DocID(documentCount)
    signature.reset()
    for field in Field.allCases {
      var text =
        switch field {
        case .title: document.title
        case .body: document.body
        case .byline: document.byline
        case .source: document.source
        }
      // Duplicate signatures see title and body only, as before bylines were indexed.
      let signed = field == .title || field == .body
      let length = text.withUTF8 { utf8 in
        analyzer.forEachIndexToken(in: UnsafeRawBufferPointer(utf8), cache: stemCache) { token in
          occurrenceTerms.append(termID(token, field: field.rawValue))
          occurrenceDocs.append(docID)
          occurrencePositions.append(UInt32(truncatingIfNeeded: token.position))
          if signed && !token.isJoined { signature.addTerm(token.term, inBody: field == .body) }
        }
      }
      fieldLengths[Int(field.rawValue)].append(UInt32(clamping: length))
    }
    try writer.appendStoredDocument(
      store.stored(document), values: signature.values(date: DocumentDate.seconds(from: document.date)))
    documentCount += 1
  }

  /// The id of `token`'s term in `field`: through its stem cache entry when it has one.
  @inline(__always) private mutating func termID(_ token: borrowing Token, field: UInt8) -> TermID {
    guard token.stemEntry >= 0, let stemCache else { return table.intern(field: field, term: token.term) }
    if stemCache.epoch != stemEpoch {
      stemEpoch = stemCache.epoch
      entryTerms.removeAll(keepingCapacity: true)
    }
    let slot = token.stemEntry &* Self.fieldCount &+ Int(field)
    if slot >= entryTerms.count {
      entryTerms.append(contentsOf: repeatElement(0, count: max(slot + 1 - entryTerms.count, entryTerms.count)))
    }
    let known = entryTerms[slot]
    if known != 0 { return known &- 1 }
    let id = table.intern(field: field, term: token.term)
    entryTerms[slot] = id &+ 1
    return id
  }

  private static let fieldCount = Field.allCases.count

  /// Writes the postings and finishes the segment's files.
  /// - Returns: what the commit records about the segment.
  package consuming func finish() throws(FormatError) -> SegmentInfo {
    for field in Field.allCases { writer.setFieldLengths(fieldLengths[Int(field.rawValue)], for: field) }
    // Counting sort of occurrences by term id (stable), scattering documents and positions
    // into term order in one sequential pass; the groups are then read sequentially, and a
    // document's positions are handed to the writer where they lie.
    let count = occurrenceTerms.count
    var starts = [Int](repeating: 0, count: table.count + 1)
    var sortedDocs = [DocID](repeating: 0, count: count)
    var sortedPositions = [UInt32](repeating: 0, count: count)
    occurrenceTerms.withUnsafeBufferPointer { terms in
      for term in terms { starts[Int(term) + 1] += 1 }
      for k in 0..<table.count { starts[k + 1] += starts[k] }
      var fill = starts
      fill.withUnsafeMutableBufferPointer { fill in
        occurrenceDocs.withUnsafeBufferPointer { docs in
          occurrencePositions.withUnsafeBufferPointer { positions in
            sortedDocs.withUnsafeMutableBufferPointer { sortedDocs in
              sortedPositions.withUnsafeMutableBufferPointer { sortedPositions in
                for k in 0..<count {
                  let term = Int(terms[k])
                  let slot = fill[term]
                  sortedDocs[slot] = docs[k]
                  sortedPositions[slot] = positions[k]
                  fill[term] = slot + 1
                }
              }
            }
          }
        }
      }
    }
    occurrenceTerms = []
    occurrenceDocs = []
    occurrencePositions = []
    var failure: FormatError?
    var writer = self.writer
    table.arena.withUnsafeBytes { arena in
      sortedDocs.withUnsafeBufferPointer { docs in
        sortedPositions.withUnsafeBufferPointer { positions in
          for id in table.sortedIDs() {
            let key = table.keyRange(id)
            guard let field = Field(rawValue: arena[key.lowerBound]) else { continue }
            writer.startTerm(
              field: field, term: UnsafeRawBufferPointer(rebasing: arena[(key.lowerBound + 1)..<key.upperBound]))
            var k = starts[Int(id)]
            let end = starts[Int(id) + 1]
            while k < end {
              let doc = docs[k]
              let first = k
              k += 1
              while k < end && docs[k] == doc { k += 1 }
              writer.appendPosting(docID: doc, positions: UnsafeBufferPointer(rebasing: positions[first..<k]))
            }
            do throws(FormatError) {
              try writer.finishTerm()
            } catch {
              failure = error
              return
            }
          }
        }
      }
    }
    if let failure { throw failure }
    return try writer.finish()
  }
}
