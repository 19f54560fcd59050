import NewsIndexAnalysis
import NewsIndexBuild
import NewsIndexCore
import NewsIndexFormat
import NewsIndexSearch
import NewsIndexTestSupport

/// Builds an index from documents in a temp folder and opens a searcher on it.
struct IndexFixture {
  let folder: TemporaryDirectory
  let reader: IndexReader

  init(
    _ documents: [ExtractedDocument], threads: Int = 1, minimumDocumentsPerSegment: Int = 2_000,
    settings: AnalyzerSettings = .standard
  ) throws {
    folder = TemporaryDirectory("newsindex-search")
    let directory = IndexDirectory(path: folder.file("index"))
    var build = IndexBuild(
      directory: directory, analyzer: Analyzer(settings: settings), threads: threads, maxSegmentCount: 1_000)
    build.maxDocumentsPerSegment = minimumDocumentsPerSegment
    // One source per document, so that jobs and flushes cut the corpus into several segments.
    _ = try build.run(sourceByteCounts: documents.map { $0.body.utf8.count + 1 }, extract: { [documents[$0]] })
    reader = try IndexReader(opening: directory)
  }

  func searcher(_ bm25: BM25 = BM25()) -> Searcher { Searcher(reader: reader, bm25: bm25) }

  /// `text` answered with dynamic pruning and with every match scored.
  func searchPrunedAndExhaustive(_ text: String, k: Int) throws -> (pruned: SearchResult, exhaustive: SearchResult) {
    var pruned = searcher()
    pruned.pruning = true
    var exhaustive = searcher()
    exhaustive.pruning = false
    return (try pruned.search(text, k: k), try exhaustive.search(text, k: k))
  }

  func ids(_ query: String, k: Int = 100) throws -> [String] {
    try searcher().search(query, k: k).hits.map { try reader.storedID($0.docNumber) }
  }

  func remove() { folder.remove() }
}
