import Dispatch
import Foundation
package import NewsIndexAnalysis
package import NewsIndexCore
package import NewsIndexFormat
import Synchronization

/// What a finished build reports.
package struct BuildSummary: Sendable {
  package var sourceCount: Int
  package var documentCount: Int
  package var skippedCount: Int
  package var segmentCount: Int
  package var indexByteCount: Int
  package var seconds: Double
  package var generation: Int
}

/// Drives one build: extract sources in parallel, invert in parallel, write segments, commit.
///
/// The build replaces the index's contents atomically: new segments are written beside the old
/// ones, `meta.json` is swapped by rename, and only then are the old segment files removed. A
/// build that fails or is killed leaves the previous commit searchable.
///
/// Document order, and so every `DocID`, depends only on the order of the sources: sources are
/// extracted in parallel into slots and inverted in contiguous runs, one segment per run.
package struct IndexBuild {
  package var directory: IndexDirectory
  package var analyzer: Analyzer
  /// Worker threads for extraction and inversion.
  package var threads: Int
  /// Fewer documents than this per worker are not worth a segment of their own.
  package var minimumDocumentsPerSegment: Int

  package init(
    directory: IndexDirectory, analyzer: Analyzer = Analyzer(), threads: Int, minimumDocumentsPerSegment: Int = 2_000
  ) {
    self.directory = directory
    self.analyzer = analyzer
    self.threads = max(1, threads)
    self.minimumDocumentsPerSegment = max(1, minimumDocumentsPerSegment)
  }

  /// Builds the index from `sourceCount` sources.
  ///
  /// - Parameters:
  ///   - extract: returns the documents of source `i`, or nil when it was skipped (the caller
  ///     reports why). Called concurrently from several threads.
  ///   - progress: called with (sources done, documents so far) from worker threads.
  package func run(
    sourceCount: Int,
    extract: @Sendable (Int) -> [ExtractedDocument]?,
    progress: @Sendable (Int, Int) -> Void = { _, _ in }
  ) throws(BuildError) -> BuildSummary {
    let start = DispatchTime.now()
    do {
      try directory.create()
    } catch {
      throw .format(error)
    }
    let lock: WriteLock
    let previous: Commit?
    do {
      lock = try WriteLock(directory: directory)
      previous = try? directory.readCommit()
    } catch {
      throw .format(error)
    }
    defer { lock.release() }

    // 1. Extract every source into its slot.
    let slots = ExtractionSlots(count: sourceCount)
    let nextSource = Atomic<Int>(0)
    let done = Atomic<Int>(0)
    let documentsSeen = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: min(threads, max(sourceCount, 1))) { _ in
      while true {
        let i = nextSource.add(1, ordering: .relaxed).oldValue
        guard i < sourceCount else { return }
        let documents = extract(i)
        slots.set(i, documents)
        let finished = done.add(1, ordering: .relaxed).newValue
        let seen = documentsSeen.add(documents?.count ?? 0, ordering: .relaxed).newValue
        progress(finished, seen)
      }
    }
    let documents = slots.documents()
    let skipped = slots.skippedCount

    // 2. Invert contiguous runs of documents, one segment each.
    let generation = (previous?.generation ?? 0) + 1
    let runs = Self.runs(documentCount: documents.count, workers: threads, minimumRun: minimumDocumentsPerSegment)
    let results = Mutex<[Int: Result<SegmentInfo, FormatError>]>([:])
    DispatchQueue.concurrentPerform(iterations: runs.count) { k in
      var inverter = SegmentInverter(analyzer: analyzer)
      for i in runs[k] { inverter.add(documents[i]) }
      var writer = SegmentWriter(directory: directory, name: Self.segmentName(generation: generation, ordinal: k))
      let result: Result<SegmentInfo, FormatError>
      do throws(FormatError) {
        result = .success(try inverter.write(to: &writer))
      } catch {
        result = .failure(error)
      }
      results.withLock { $0[k] = result }
    }
    var segments: [SegmentInfo] = []
    for k in 0..<runs.count {
      switch results.withLock({ $0[k] }) {
      case .success(let info): segments.append(info)
      case .failure(let error): throw .format(error)
      case nil: break
      }
    }

    // 3. Commit, then drop what the new commit does not reference.
    let commit = Commit(
      generation: generation, analyzer: analyzer.settings, segments: segments,
      committedAt: ISO8601DateFormatter().string(from: Date()))
    do {
      try directory.writeCommit(commit)
    } catch {
      throw .format(error)
    }
    directory.removeUnreferencedFiles(keeping: commit)

    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    let bytes = directory.byteCounts(of: commit).values.reduce(0, +)
    return BuildSummary(
      sourceCount: sourceCount, documentCount: documents.count, skippedCount: skipped,
      segmentCount: segments.count, indexByteCount: bytes, seconds: seconds, generation: generation)
  }

  /// Splits `documentCount` documents into at most `workers` contiguous runs of similar size;
  /// small builds get one run (a segment per few documents would only cost lookups).
  static func runs(documentCount: Int, workers: Int, minimumRun: Int) -> [Range<Int>] {
    let count = max(1, min(workers, documentCount / minimumRun))
    return (0..<count).map { k in (documentCount * k / count)..<(documentCount * (k + 1) / count) }
  }

  static func segmentName(generation: Int, ordinal: Int) -> String {
    let digits = String(generation)
    return "seg-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + "-\(ordinal)"
  }
}

/// One slot per source, each written by exactly one extraction worker.
private final class ExtractionSlots: @unchecked Sendable {
  private let lock = Mutex<Void>(())
  private var slots: [[ExtractedDocument]?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ documents: [ExtractedDocument]?) {
    lock.withLock { _ in slots[index] = documents }
  }

  var skippedCount: Int { lock.withLock { _ in slots.count { $0 == nil } } }

  func documents() -> [ExtractedDocument] {
    lock.withLock { _ in slots.flatMap { $0 ?? [] } }
  }
}
