package import NewsIndexFormat

extension IndexReader {
  /// Whether the document numbered `docNumber` was deleted.
  package func isDeleted(_ docNumber: Int) -> Bool {
    let (segment, docID) = locate(docNumber)
    return segments[segment].isDeleted(docID)
  }

  /// The number of the live document whose stored id is `id`, nil when there is none. Reads
  /// the segments' id tables in order (for commands that name one document: `explain`,
  /// `similar`).
  package func documentNumber(ofID id: String) throws(FormatError) -> Int? {
    for number in 0..<documentCount where !isDeleted(number) {
      if try storedID(number) == id { return number }
    }
    return nil
  }
}
