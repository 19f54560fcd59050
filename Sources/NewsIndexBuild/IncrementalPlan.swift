import Dispatch
import NewsIndexFormat
import Synchronization

/// Decides what an incremental build does with each file, by comparing the sources with the
/// previous commit's ``SourceCatalog``.
///
/// A file is unchanged when its size and modification time match, or when its size matches and
/// its content hash does; otherwise it is re-indexed (its old documents deleted). A catalogued
/// file that is no longer among the sources is deleted when it lies in the build's scope (the
/// roots being updated), and kept as it is otherwise, so building one root of an index leaves the
/// other roots' documents alone. With an empty catalog every file is new.
struct IncrementalPlan {
  private(set) var changes = SourceChanges()
  /// Files whose previous documents must be deleted (updated and deleted files).
  private(set) var removedFileKeys: [String] = []
  /// Indices of the sources to extract and index, in source order.
  private(set) var sourcesToIndex: [Int] = []
  /// Catalog entries of unchanged files (with refreshed modification times).
  private(set) var keptCatalog = SourceCatalog()
  /// Each indexed file's sources, in order.
  private var indexedFileSources: [(key: String, sources: [Int])] = []

  /// - Parameter inScope: whether a catalogued file that is not among `sources` was removed
  ///   (it lies under a root being updated) rather than left out (another root's file).
  init(
    sources: [BuildSource], catalog: SourceCatalog, contentHash: (String) -> UInt64?,
    inScope: (String) -> Bool = { _ in true }
  ) {
    // Group sources by file, first occurrence wins (a path given twice is indexed once).
    var order: [String] = []
    var groups: [String: [Int]] = [:]
    for (i, source) in sources.enumerated() {
      if groups[source.fileKey] == nil { order.append(source.fileKey) }
      groups[source.fileKey, default: []].append(i)
    }
    for key in order {
      let indices = groups[key]!
      let first = sources[indices[0]]
      if let old = catalog.files[key] {
        var unchanged = old.byteCount == first.fileByteCount && old.modificationTime == first.modificationTime
        if !unchanged && old.byteCount == first.fileByteCount && old.contentHash != 0 {
          unchanged = contentHash(key) == old.contentHash
        }
        if unchanged {
          var kept = old
          kept.modificationTime = first.modificationTime
          keptCatalog.files[key] = kept
          changes.unchanged += 1
          continue
        }
        changes.updated += 1
        removedFileKeys.append(key)
      } else {
        changes.added += 1
      }
      sourcesToIndex += indices
      indexedFileSources.append((key, indices))
    }
    let current = Set(order)
    for key in catalog.files.keys.sorted() where !current.contains(key) {
      guard inScope(key) else {
        keptCatalog.files[key] = catalog.files[key]
        continue
      }
      changes.deleted += 1
      removedFileKeys.append(key)
    }
  }

  /// Catalog entries for the files this build indexed: their document runs (in the segments as
  /// written, before merges) and content hashes. Files none of whose sources could be extracted
  /// get no entry, so the next build tries them again.
  func indexedFiles(
    state: BuildState, segmentNames: [SegmentKey: String], sources: [BuildSource],
    contentHash: @Sendable (String) -> UInt64?
  ) -> [(String, SourceCatalog.Entry)] {
    // Only files with at least one extracted source are catalogued (and read again to hash).
    let files = indexedFileSources.filter { file in file.sources.contains { state.runs(of: $0) != nil } }
    let hashes = Mutex<[String: UInt64]>([:])
    DispatchQueue.concurrentPerform(iterations: files.count) { k in
      let hash = contentHash(files[k].key) ?? 0
      hashes.withLock { $0[files[k].key] = hash }
    }
    let hashByKey = hashes.withLock { $0 }
    var entries: [(String, SourceCatalog.Entry)] = []
    for (key, indices) in files {
      var runs: [SourceCatalog.DocumentRun] = []
      var extracted = false
      for index in indices {
        guard let sourceRuns = state.runs(of: index) else { continue }
        extracted = true
        for run in sourceRuns {
          guard let segment = segmentNames[run.key] else { continue }
          if let last = runs.last, last.segment == segment, last.firstDocument + last.documentCount == run.first {
            runs[runs.count - 1].documentCount += run.count
          } else {
            runs.append(SourceCatalog.DocumentRun(segment: segment, firstDocument: run.first, documentCount: run.count))
          }
        }
      }
      guard extracted else { continue }
      let first = sources[indices[0]]
      entries.append(
        (key, SourceCatalog.Entry(
          byteCount: first.fileByteCount, modificationTime: first.modificationTime,
          contentHash: hashByKey[key] ?? 0, runs: runs)))
    }
    return entries
  }
}
