import NewsIndexCore
import NewsIndexFormat

extension SegmentCheck {
  /// Every document's term vector decodes (ordinals ascending, each a word of the segment), and
  /// per word the vectors agree with its postings: as many vectors name the word as its word
  /// stream has documents, and their counts sum to the word's occurrences in title and body.
  /// A vector that disagreed would feed relevance feedback words its document does not hold.
  mutating func checkTermVectors(_ segment: SegmentReader) {
    guard segment.hasTermVectors else { return }
    let vectorsPath = path(.termVectors)
    var documents = [Int](repeating: 0, count: segment.wordCount)
    var occurrences = [Int](repeating: 0, count: segment.wordCount)
    var ordinals: [UInt32] = []
    var counts: [UInt32] = []
    for doc in 0..<segment.documentCount {
      do throws(FormatError) {
        try segment.termVector(DocID(doc), ordinals: &ordinals, counts: &counts)
      } catch {
        let problem = IndexCheck.problem(error, fallbackPath: vectorsPath)
        report(problem.path, problem.byteOffset, problem.message)
        return
      }
      for (ordinal, count) in zip(ordinals, counts) {
        documents[Int(ordinal)] += 1
        occurrences[Int(ordinal)] += Int(count)
      }
    }
    var ordinal = 0
    var mismatch: String?
    try? segment.forEachWord { term, info in
      defer { ordinal += 1 }
      let inFields = Field.ranked.reduce(0) { $0 + (segment.termInfo(field: $1, term: term)?.totalTermFreq ?? 0) }
      if documents[ordinal] != info.docFreq || occurrences[ordinal] != inFields {
        mismatch =
          "\(documents[ordinal]) vectors name the word \(String(decoding: term, as: UTF8.self)) \(occurrences[ordinal]) times;"
          + " its postings: \(info.docFreq) documents, \(inFields) occurrences"
        return false
      }
      return true
    }
    if let mismatch { report(vectorsPath, nil, mismatch) }
  }
}
