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
  /// Segments written before merging (flushes).
  package var flushedSegmentCount: Int
  /// Files added, updated, deleted and unchanged since the previous commit.
  package var changes: SourceChanges
  /// Groups of duplicate stories in the new commit, and the documents they hold.
  package var duplicateGroupCount = 0
  package var duplicateDocumentCount = 0
  /// Nothing had changed: no file was written and the commit stayed at ``generation``.
  package var isUnchanged = false
}

/// Drives one build: extract and invert in parallel within a memory budget, merge, commit.
///
/// Sources are split into *jobs*, contiguous runs of sources of similar byte size. Each worker
/// takes the next job, extracts and inverts its sources into a ``SegmentInverter``, and flushes a
/// segment whenever its share of the memory budget is used. Segments are ordered by (job, part),
/// so documents keep the order of the sources whatever the number of threads, and merges only
/// join neighbouring segments: every document gets the same number in every build of the same
/// sources.
///
/// The build replaces the index's contents atomically: new segments are written beside the old
/// ones, `meta.json` is swapped by rename, and only then are the old segment files removed. A
/// build that fails or is killed leaves the previous commit searchable. Once it holds the write
/// lock, a build first removes the files the current commit does not reference (what a killed
/// build left); a build that fails (no space, an I/O error, a stop requested through
/// ``WriteInterruption``) removes what it wrote before throwing, so the folder holds the previous
/// commit's files alone. A build with nothing to do writes nothing.
package struct IndexBuild {
  package var directory: IndexDirectory
  package var analyzer: Analyzer
  /// Worker threads for extraction and inversion.
  package var threads: Int
  /// Memory for in-memory inversion, shared by the workers (a worker flushes at its share).
  package var memoryBudgetBytes: Int
  /// After the build, merge until at most this many segments remain (1 forces a full merge).
  package var maxSegmentCount: Int
  /// Merges by tiers (``TieredMergePolicy``) before ``maxSegmentCount`` is enforced; nil: only the
  /// cap. The command line sets it with no cap, so merge work per byte stays flat as indexes grow.
  package var mergePolicy: TieredMergePolicy?
  /// What the store keeps of each document; a build with another mode than the index's starts
  /// over (every segment's store is of the commit's mode).
  package var store: StoreMode = .full
  /// When all segments together are smaller than this, they are merged into one (the simplest
  /// form of Lucene's floor segment size): small indexes are searched fastest as one segment,
  /// where every query term is looked up once, and merging them is cheap. 0: no floor.
  package var singleSegmentBelowBytes = 0
  /// A worker also flushes when its segment holds this many documents (tests use it to get
  /// many small segments).
  package var maxDocumentsPerSegment = Int.max
  /// The roots the new commit records (nil: those of the previous commit, if any).
  package var roots: [SourceRoot]?
  /// Whether a catalogued file that is not among the sources was removed (deleted from the
  /// index) rather than left out of this build: a build of one root passes the keys under it,
  /// so the other roots' documents stay. Every file by default.
  package var scope: @Sendable (String) -> Bool = { _ in true }

  package static let defaultMemoryBudgetMB = 512
  package static let defaultMaxSegmentCount = 8
  /// The command line's ``singleSegmentBelowBytes``.
  package static let defaultSingleSegmentBelowBytes = 64 << 20

  package init(
    directory: IndexDirectory, analyzer: Analyzer = Analyzer(), threads: Int,
    memoryBudgetBytes: Int = defaultMemoryBudgetMB << 20, maxSegmentCount: Int = defaultMaxSegmentCount
  ) {
    self.directory = directory
    self.analyzer = analyzer
    self.threads = max(1, threads)
    self.memoryBudgetBytes = max(1 << 20, memoryBudgetBytes)
    self.maxSegmentCount = max(1, maxSegmentCount)
  }

  /// Builds the index from sources of the given byte sizes, with no catalog (every source is new).
  package func run(
    sourceByteCounts: [Int],
    extract: @Sendable (Int) -> [ExtractedDocument]?,
    progress: @Sendable (Int, Int) -> Void = { _, _ in }
  ) throws(BuildError) -> BuildSummary {
    let sources = sourceByteCounts.enumerated().map { i, bytes in
      BuildSource(fileKey: "#\(i)", byteCount: bytes, fileByteCount: bytes, modificationTime: 0)
    }
    return try run(sources: sources, rebuild: true, contentHash: { _ in 0 }, extract: extract, progress: progress)
  }

  /// Builds or updates the index from `sources`.
  ///
  /// Unless `rebuild` is set, the previous commit is updated in place: files whose size and
  /// modification time (or content hash) match the catalog are skipped, changed files are
  /// re-indexed and their old documents deleted, and the documents of files no longer among the
  /// sources are deleted. A different analyzer forces a rebuild.
  ///
  /// - Parameters:
  ///   - contentHash: hashes a file by its key (called for files whose size is unchanged but
  ///     whose time is not, and for every file indexed); called concurrently.
  ///   - extract: returns the documents of source `i`, or nil when it was skipped (the caller
  ///     reports why). Called concurrently, each source at most once.
  ///   - progress: called with (sources done, documents so far) from worker threads.
  package func run(
    sources: [BuildSource],
    rebuild: Bool,
    contentHash: @Sendable (String) -> UInt64?,
    extract: @Sendable (Int) -> [ExtractedDocument]?,
    progress: @Sendable (Int, Int) -> Void = { _, _ in }
  ) throws(BuildError) -> BuildSummary {
    let start = DispatchTime.now()
    let lock: WriteLock
    do throws(FormatError) {
      try directory.create()
      lock = try WriteLock(directory: directory)
    } catch {
      throw .format(error)
    }
    defer { lock.release() }
    let previous: Commit?
    var commitIsReadable = true
    do throws(FormatError) {
      previous = try directory.readCommit()
    } catch {
      // An I/O error stops the build, and so does a damaged commit (or one of another format)
      // unless asked to start over: never a silent fresh start over an index it cannot read.
      guard error.isDamage, rebuild else { throw error.isDamage ? .damaged(error, generation: nil) : .format(error) }
      previous = nil
      commitIsReadable = false
    }
    // What a failed or killed build left behind would only fill the disk: remove it first.
    if commitIsReadable { directory.removeUnreferencedFiles(keeping: previous) }
    // Everything an incremental build keeps is verified before a byte is written.
    var trusted: SourceCatalog?
    if let previous, willUpdate(previous, rebuild: rebuild) {
      do throws(FormatError) {
        trusted = try Self.verifiedCatalog(of: previous, in: directory)
      } catch {
        throw error.isDamage ? .damaged(error, generation: previous.generation) : .format(error)
      }
    }
    let before = directory.indexFiles()
    do throws(FormatError) {
      return try update(
        previous: previous, trusted: trusted, sources: sources, rebuild: rebuild, start: start,
        contentHash: contentHash, extract: extract, progress: progress)
    } catch {
      // Whatever this build wrote goes: the folder holds the previous commit's files only.
      let written = directory.removeFiles(named: directory.indexFiles().subtracting(before).sorted())
      throw BuildError(error, directory: directory.path, written: written, generation: previous?.generation)
    }
  }

  /// The build proper, once the lock is held and the debris removed.
  private func update(
    previous: Commit?, trusted: SourceCatalog?, sources: [BuildSource], rebuild: Bool, start: DispatchTime,
    contentHash: @Sendable (String) -> UInt64?,
    extract: @Sendable (Int) -> [ExtractedDocument]?,
    progress: @Sendable (Int, Int) -> Void
  ) throws(FormatError) -> BuildSummary {
    let generation = (previous?.generation ?? 0) + 1
    // Without a catalog the old documents cannot be matched to files: start over.
    var oldCatalog = SourceCatalog()
    var oldSegments: [SegmentInfo] = []
    var hasCatalog = false
    if let previous, let catalog = trusted {
      oldCatalog = catalog
      oldSegments = previous.segments
      hasCatalog = true
    }

    // 1. Compare the sources with the catalog.
    let plan = IncrementalPlan(sources: sources, catalog: oldCatalog, contentHash: contentHash, inScope: scope)
    let roots = roots ?? previous?.roots
    var deletions: [String: Set<UInt32>] = [:]
    for key in plan.removedFileKeys {
      for run in oldCatalog.files[key]?.runs ?? [] {
        deletions[run.segment, default: []].formUnion((run.firstDocument..<(run.firstDocument + run.documentCount)).map { UInt32($0) })
      }
    }
    for k in oldSegments.indices {
      guard let extra = deletions[oldSegments[k].name] else { continue }
      oldSegments[k].deletedDocuments = Array(Set(oldSegments[k].deletedDocuments ?? []).union(extra)).sorted()
    }
    oldSegments.removeAll { $0.liveDocumentCount == 0 }
    if hasCatalog, let previous,
      let unchanged = unchangedSummary(
        previous: previous, plan: plan, oldCatalog: oldCatalog, oldSegments: oldSegments, sourceCount: sources.count,
        start: start), previous.roots == roots
    {
      return unchanged
    }

    // 2. Jobs of contiguous sources to index; workers invert them within their memory share.
    let toIndex = plan.sourcesToIndex
    let workers = max(1, min(threads, toIndex.count))
    let share = memoryBudgetBytes / workers
    let jobs = Self.jobs(byteCounts: toIndex.map { sources[$0].byteCount }, workers: workers, share: share)
    let state = BuildState(sourceCount: sources.count)
    let nextJob = Atomic<Int>(0)
    let analyzer = analyzer
    let maxDocumentsPerSegment = maxDocumentsPerSegment
    let store = store
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while !state.failed {
        let j = nextJob.add(1, ordering: .relaxed).oldValue
        guard j < jobs.count else { return }
        do throws(FormatError) {
          try Self.invert(
            job: j, sources: jobs[j].map { toIndex[$0] }, generation: generation, share: share,
            maxDocuments: maxDocumentsPerSegment, analyzer: analyzer, store: store, directory: directory, state: state,
            extract: extract, progress: progress)
        } catch {
          state.fail(error)
        }
      }
    }
    if let error = state.error { throw error }
    let written = state.segments.sorted { $0.key < $1.key }
    let names = Dictionary(uniqueKeysWithValues: written.map { ($0.key, $0.info.name) })
    var segments = oldSegments + written.map(\.info)

    // 3. Merge neighbours until few segments remain; follow the documents of every file.
    try WriteInterruption.check()
    var merged: (segments: [SegmentInfo], merges: [MergeRecord]) = (segments, [])
    if let mergePolicy {
      merged = try SegmentMerger.mergeTiered(
        segments, policy: mergePolicy, directory: directory, generation: generation, firstOrdinal: jobs.count)
    }
    let capped = try SegmentMerger.mergeDown(
      merged.segments, directory: directory, maxSegmentCount: effectiveMaxSegmentCount(merged.segments),
      generation: generation, firstOrdinal: jobs.count + merged.merges.count)
    merged = (capped.segments, merged.merges + capped.merges)
    segments = merged.segments
    var catalog = plan.keptCatalog
    for (key, entry) in plan.indexedFiles(state: state, segmentNames: names, sources: sources, contentHash: contentHash) {
      catalog.files[key] = entry
    }
    for record in merged.merges {
      for key in catalog.files.keys {
        catalog.files[key]!.runs = catalog.files[key]!.runs.map { record.remap($0) ?? $0 }
      }
    }

    // 4. Group duplicate stories over every live document of the new commit (from the
    //    signatures in the segments' .dv files), commit, then drop what the commit does not
    //    reference.
    let duplicates = try DuplicateTable.compute(segments: segments, directory: directory)
    let duplicatesFile = try duplicates.write(to: directory, generation: generation)
    let catalogFile = try directory.writeCatalog(catalog, generation: generation)
    var commit = Commit(
      generation: generation, analyzer: analyzer.settings, segments: segments,
      committedAt: ISO8601DateFormatter().string(from: Date()), catalogFile: catalogFile.name,
      duplicatesFile: duplicatesFile)
    commit.catalogChecksum = catalogFile.checksum
    commit.store = store == .full ? nil : store
    commit.roots = roots
    // The last safe point: once meta.json is renamed the build is done.
    try WriteInterruption.check()
    try directory.writeCommit(commit)
    directory.removeUnreferencedFiles(keeping: commit)

    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    return BuildSummary(
      sourceCount: sources.count, documentCount: commit.liveDocumentCount, skippedCount: state.skipped,
      segmentCount: segments.count, indexByteCount: directory.byteCounts(of: commit).values.reduce(0, +),
      seconds: seconds, generation: generation, flushedSegmentCount: written.count, changes: plan.changes,
      duplicateGroupCount: duplicates.groupCount, duplicateDocumentCount: duplicates.members.count)
  }

  /// The segment count merges go down to: one for an index below ``singleSegmentBelowBytes``.
  private func effectiveMaxSegmentCount(_ segments: [SegmentInfo]) -> Int {
    let totalBytes = segments.reduce(0) { $0 + $1.fileByteCounts.values.reduce(0, +) }
    return totalBytes < singleSegmentBelowBytes ? 1 : maxSegmentCount
  }

  /// The summary of a build with nothing to do, or nil when there is something: no source to
  /// index, no document to delete, no catalog entry to refresh, no merge to make, and a commit
  /// of the current format with its checksum and duplicate table. Nothing is then written: the
  /// commit, its catalog and its duplicate table stay as they are.
  private func unchangedSummary(
    previous: Commit, plan: IncrementalPlan, oldCatalog: SourceCatalog, oldSegments: [SegmentInfo], sourceCount: Int,
    start: DispatchTime
  ) -> BuildSummary? {
    guard plan.sourcesToIndex.isEmpty, plan.removedFileKeys.isEmpty, plan.keptCatalog == oldCatalog,
      oldSegments == previous.segments, previous.segments.count <= effectiveMaxSegmentCount(previous.segments),
      mergePolicy?.nextMerge(previous.segments.map(TieredMergePolicy.Segment.init)) == nil,
      previous.formatVersion == FormatVersion.current, let duplicatesFile = previous.duplicatesFile,
      directory.commitHasChecksum(), IndexDirectory.catalogHasChecksum(previous)
    else { return nil }
    // A damaged table is recomputed by a build that goes ahead.
    guard
      let duplicates = try? DuplicateTable.read(
        duplicatesFile, in: directory, documentCount: previous.documentCount)
    else { return nil }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    var summary = BuildSummary(
      sourceCount: sourceCount, documentCount: previous.liveDocumentCount, skippedCount: 0,
      segmentCount: previous.segments.count,
      indexByteCount: directory.byteCounts(of: previous).values.reduce(0, +), seconds: seconds,
      generation: previous.generation, flushedSegmentCount: 0, changes: plan.changes,
      duplicateGroupCount: duplicates.groupCount, duplicateDocumentCount: duplicates.members.count)
    summary.isUnchanged = true
    return summary
  }

  /// Extracts and inverts the sources of one job, flushing a segment whenever `share` is used.
  private static func invert(
    job: Int, sources: [Int], generation: Int, share: Int, maxDocuments: Int, analyzer: Analyzer,
    store: StoreMode, directory: IndexDirectory,
    state: BuildState, extract: (Int) -> [ExtractedDocument]?, progress: (Int, Int) -> Void
  ) throws(FormatError) {
    var part = 0
    var inverter: SegmentInverter?
    // The inverter's arrays grow by doubling; flush early enough that the sort's scratch fits too.
    let flushAt = share * 2 / 5
    for source in sources {
      guard !state.failed else { return }
      try WriteInterruption.check()
      guard let documents = extract(source) else {
        state.skip(source)
        progress(state.sourceDone(), state.documentsSeen)
        continue
      }
      var runStart = -1
      for document in documents {
        if inverter == nil {
          inverter = try SegmentInverter(
            analyzer: analyzer, directory: directory, name: segmentName(generation: generation, ordinal: job, part: part),
            store: store)
        }
        if runStart < 0 { runStart = inverter!.documentCount }
        try inverter!.add(document)
        if inverter!.estimatedByteCount >= flushAt || inverter!.documentCount >= maxDocuments {
          state.addRun(source: source, key: SegmentKey(job: job, part: part), first: runStart, end: inverter!.documentCount)
          runStart = -1
          state.add(key: SegmentKey(job: job, part: part), info: try inverter.take()!.finish())
          part += 1
        }
      }
      if runStart >= 0, let inverter {
        state.addRun(source: source, key: SegmentKey(job: job, part: part), first: runStart, end: inverter.documentCount)
      }
      state.indexed(source)
      state.addDocuments(documents.count)
      progress(state.sourceDone(), state.documentsSeen)
    }
    if let last = inverter.take(), last.documentCount > 0 {
      state.add(key: SegmentKey(job: job, part: part), info: try last.finish())
    }
  }

  /// Splits sources into contiguous jobs: about four per worker for balance, none larger than
  /// a fraction of the worker's share, so most jobs fit one segment.
  static func jobs(byteCounts: [Int], workers: Int, share: Int) -> [Range<Int>] {
    guard !byteCounts.isEmpty else { return [] }
    let total = byteCounts.reduce(0, +)
    let target = max(1 << 20, min(total / (workers * 4) + 1, share / 8))
    var jobs: [Range<Int>] = []
    var start = 0
    var bytes = 0
    for (i, count) in byteCounts.enumerated() {
      bytes += count
      if bytes >= target {
        jobs.append(start..<(i + 1))
        start = i + 1
        bytes = 0
      }
    }
    if start < byteCounts.count { jobs.append(start..<byteCounts.count) }
    return jobs
  }

  /// `seg-GGGGGG-J_P`: generation, job (or merge) ordinal, flush part.
  static func segmentName(generation: Int, ordinal: Int, part: Int) -> String {
    let digits = String(generation)
    return "seg-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + "-\(ordinal)_\(part)"
  }
}

/// Orders segments by the job that wrote them, then by flush.
struct SegmentKey: Comparable, Hashable, Sendable {
  var job: Int
  var part: Int
  static func < (a: SegmentKey, b: SegmentKey) -> Bool { (a.job, a.part) < (b.job, b.part) }
}

/// What the workers of one build share: results, counters, the first error.
final class BuildState: Sendable {
  private let results = Mutex<[(key: SegmentKey, info: SegmentInfo)]>([])
  /// Per source: the runs of documents it produced, nil when skipped or not indexed.
  private let runs: Mutex<[[(key: SegmentKey, first: Int, count: Int)]?]>

  init(sourceCount: Int) {
    runs = Mutex(Array(repeating: nil, count: sourceCount))
  }
  private let firstError = Mutex<FormatError?>(nil)
  private let skippedCount = Atomic<Int>(0)
  private let done = Atomic<Int>(0)
  private let documents = Atomic<Int>(0)

  var failed: Bool { firstError.withLock { $0 != nil } }
  var error: FormatError? { firstError.withLock { $0 } }
  var skipped: Int { skippedCount.load(ordering: .relaxed) }
  var documentsSeen: Int { documents.load(ordering: .relaxed) }
  var segments: [(key: SegmentKey, info: SegmentInfo)] { results.withLock { $0 } }

  func fail(_ error: FormatError) { firstError.withLock { if $0 == nil { $0 = error } } }
  func skip(_ source: Int) { skippedCount.add(1, ordering: .relaxed) }
  func indexed(_ source: Int) { runs.withLock { if $0[source] == nil { $0[source] = [] } } }
  func addRun(source: Int, key: SegmentKey, first: Int, end: Int) {
    guard end > first else { return }
    runs.withLock { $0[source] = ($0[source] ?? []) + [(key, first, end - first)] }
  }
  func runs(of source: Int) -> [(key: SegmentKey, first: Int, count: Int)]? { runs.withLock { $0[source] } }
  func sourceDone() -> Int { done.add(1, ordering: .relaxed).newValue }
  func addDocuments(_ count: Int) { documents.add(count, ordering: .relaxed) }
  func add(key: SegmentKey, info: SegmentInfo) { results.withLock { $0.append((key, info)) } }
}
