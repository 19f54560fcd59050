import NewsIndexAnalysis
import NewsIndexCore
import NewsIndexBuild
import NewsIndexExtract
import NewsIndexFormat

/// What a build did.
public struct BuildReport: Sendable, Hashable {
  public var added: Int
  public var updated: Int
  public var deleted: Int
  public var unchanged: Int
  /// Live documents in the index afterwards.
  public var documentCount: Int
  /// Files passed over or that could not be read, each with its reason.
  public var skipped: [String]
}

extension SearchIndex {
  /// Builds or updates the index in `index` from `paths` as `newsindex build` does: each path a
  /// root (added, or updated when recorded), the other roots' documents kept; no path updates
  /// every recorded root. `excludes` are gitignore globs recorded with the roots given;
  /// `languages` keeps each document's language for ``Facet/language`` (a slower build).
  /// - Throws: ``NewsIndexError`` when the build fails; the index is then unchanged.
@discardableResult
public static func build(paths: [String], into index: String, excludes: [String] = [], threads: Int = 2, languages: Bool = false) throws(NewsIndexError)
  -> BuildReport
{
  let directory = IndexDirectory(path: index)
  let previous = try? directory.readCommit()
  var plan: SourcePlan
  do throws(SourcePlanError) {
    plan = try SourcePlan(paths: paths, excludes: excludes, previous: previous?.roots, startOver: false)
  } catch {
    throw NewsIndexError(error.description, isUsage: true)
  }
  if let previous, previous.analyzer != AnalyzerSettings.standard { plan.planEveryRoot() }
  plan.walk()
  let extractor = DocumentExtractor()
  let slices = plan.files.flatMap { extractor.slices(of: $0, targetBytes: 4 << 20) }
  let workingFolder = FileWalker.workingFolder()
  let sources = slices.map { slice in
    BuildSource(
      fileKey: slice.file.absolutePath(workingFolder: workingFolder), byteCount: slice.byteCount,
      fileByteCount: slice.file.byteCount, modificationTime: slice.file.modificationTime)
  }
  var skipped = plan.problems.map(\.description) + plan.passedOver.map { "\($0.path): \($0.reason)" }
  var build = IndexBuild(directory: directory, threads: threads)
  build.singleSegmentBelowBytes = IndexBuild.defaultSingleSegmentBelowBytes
  build.roots = plan.roots
  let scope = plan
  build.scope = { scope.inScope($0) }
  let summary: BuildSummary
  do throws(BuildError) {
    summary = try build.run(
      sources: sources, rebuild: false, contentHash: { FileHasher.contentHash(escapedPath: $0) },
      extract: { i in
        try? (languages ? extractor.extractDocumentsWithLanguages(from: slices[i]) : extractor.extractDocuments(from: slices[i]))
      })
  } catch {
    throw NewsIndexError(error.description)
  }
  if summary.skippedCount > 0 { skipped.append("\(summary.skippedCount) files could not be read or parsed") }
  let changes = summary.changes
  return BuildReport(
    added: changes.added, updated: changes.updated, deleted: changes.deleted, unchanged: changes.unchanged,
    documentCount: summary.documentCount, skipped: skipped)
}
}
