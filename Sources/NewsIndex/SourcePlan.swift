package import NewsIndexExtract
package import NewsIndexFormat

/// What a build walks and records: the roots of the new commit, the files to index (their
/// relative paths carrying the root's label), and the scope whose catalogued files a build may
/// delete.
///
/// - `build` with no path updates every recorded root (an index without roots: `corpus`).
/// - `build PATH …` adds each path as a root, or updates it when it is recorded (a folder below
///   a recorded root updates that part of it); the other roots' documents stay.
/// - `--rebuild` with paths starts over with those paths alone; without, with every root.
/// - The first root of an index built from one path has no label (ids are bare relative paths);
///   every later root gets one, its last path component made unique (`charset`, `charset-2`),
///   so ids stay unique across roots: `charset/a.txt`.
package struct SourcePlan: Sendable {
  /// One root (or part of one) to walk.
  package struct Walked: Sendable {
    package var root: SourceRoot
    /// The raw path to walk.
    package var rawPath: [UInt8]
    /// Relative path of `rawPath` below the root (empty: the root itself).
    package var subpath: String
  }

  package var roots: [SourceRoot]
  package var walks: [Walked]
  /// Absolute escaped paths whose catalogued files a build deletes when they are gone.
  package var scopes: [SourceRoot]
  /// Files found, with relative paths prefixed by their root's label.
  package var files: [SourceFile] = []
  package var problems: [ExtractError] = []
  package var passedOver: [FileWalker.PassedOver] = []

  /// Plans a build of `paths` (as given) over the previous commit's roots.
  /// - Parameters:
  ///   - excludes: `--exclude` globs; recorded on the roots given (or every root when no path
  ///     is given); empty keeps what each root recorded.
  ///   - startOver: `--rebuild`, or an analyzer that differs from the index's.
  /// - Throws: ``SourcePlanError`` for a path that contains a recorded root.
  package init(
    paths: [String], excludes: [String], previous: [SourceRoot]?, startOver: Bool,
    workingFolder: [UInt8] = FileWalker.workingFolder()
  ) throws(SourcePlanError) {
    var recorded = previous ?? []
    if paths.isEmpty {
      if recorded.isEmpty {
        recorded = [Self.root(given: "corpus", label: "", workingFolder: workingFolder)]
      }
      if !excludes.isEmpty { for i in recorded.indices { recorded[i].excludes = excludes } }
      roots = recorded
      walks = recorded.map { Walked(root: $0, rawPath: EscapedPath.rawBytes($0.path), subpath: "") }
      scopes = recorded
      return
    }
    if startOver { recorded = [] }
    let fresh = recorded.isEmpty
    var walks: [Walked] = []
    var scopes: [SourceRoot] = []
    for given in paths {
      var root = Self.root(given: given, label: "", workingFolder: workingFolder)
      if let i = recorded.firstIndex(where: { $0.path == root.path }) {
        if !excludes.isEmpty { recorded[i].excludes = excludes }
        walks.append(Walked(root: recorded[i], rawPath: Array(given.utf8), subpath: ""))
        scopes.append(recorded[i])
        continue
      }
      if let outer = recorded.first(where: { !$0.isFile && $0.contains(key: root.path) }) {
        // A folder or file below a recorded root: that part of it is updated.
        let subpath = String(root.path.dropFirst(outer.path == "/" ? 1 : outer.path.count + 1))
        walks.append(Walked(root: outer, rawPath: Array(given.utf8), subpath: subpath))
        scopes.append(SourceRoot(path: root.path, given: given, label: outer.label, isFile: root.isFile))
        continue
      }
      if let inner = recorded.first(where: { root.contains(key: $0.path) }) {
        throw .containsRoot(path: given, root: inner.given)
      }
      root.excludes = excludes
      if !(fresh && paths.count == 1) { root.label = Self.label(for: root, taken: recorded) }
      recorded.append(root)
      walks.append(Walked(root: root, rawPath: Array(given.utf8), subpath: ""))
      scopes.append(root)
    }
    roots = recorded
    self.walks = walks
    self.scopes = scopes
  }

  /// Walks every root in full (an analyzer change re-indexes them all).
  package mutating func planEveryRoot() {
    walks = roots.map { Walked(root: $0, rawPath: EscapedPath.rawBytes($0.path), subpath: "") }
    scopes = roots
  }

  /// Walks every planned root: ignore rules, excludes and non-article checks applied, relative
  /// paths prefixed with the root's label.
  package mutating func walk() {
    for walked in walks {
      let rules = IgnoreRules(lines: walked.root.excludes)
      let found = FileWalker.walk(root: walked.rawPath, excludes: rules)
      problems += found.problems
      passedOver += found.passedOver
      for var file in found.files {
        file.relativePath = Self.relativePath(file.relativePath, walked: walked)
        files.append(file)
      }
    }
  }

  /// Whether a catalogued file (absolute escaped key) lies in what this build updates.
  package func inScope(_ key: String) -> Bool { scopes.contains { $0.contains(key: key) } }

  static func relativePath(_ relative: String, walked: Walked) -> String {
    let label = walked.root.label
    if walked.root.isFile { return label.isEmpty ? relative : label }
    let full =
      walked.subpath.isEmpty ? relative : FileWalker.isRegularFile(walked.rawPath) ? walked.subpath : walked.subpath + "/" + relative
    return label.isEmpty ? full : label + "/" + full
  }

  static func root(given: String, label: String, workingFolder: [UInt8]) -> SourceRoot {
    let raw = Array(given.utf8)
    var absolute = EscapedPath.absolute(raw, workingFolder: workingFolder)
    while absolute.count > 1 && absolute.last == 0x2F { absolute.removeLast() }
    return SourceRoot(
      path: EscapedPath.text(absolute), given: given, label: label, isFile: FileWalker.isRegularFile(raw))
  }

  /// The root's last path component (extension kept for files), made unique among `taken`'s
  /// labels and the top-level names of an unlabelled folder root.
  static func label(for root: SourceRoot, taken: [SourceRoot]) -> String {
    var base = String(root.path.split(separator: "/").last ?? "root")
    if base.isEmpty { base = "root" }
    let unlabelled = taken.filter { $0.label.isEmpty && !$0.isFile }
    func isFree(_ label: String) -> Bool {
      !taken.contains { $0.label == label }
        && !unlabelled.contains { FileWalker.exists(EscapedPath.rawBytes($0.path + "/" + label)) }
    }
    if isFree(base) { return base }
    var n = 2
    while !isFree("\(base)-\(n)") { n += 1 }
    return "\(base)-\(n)"
  }
}

/// Why a build's paths cannot be planned.
package enum SourcePlanError: Error, CustomStringConvertible, Equatable {
  case containsRoot(path: String, root: String)
  case notARoot(path: String, roots: [String])

  package var description: String {
    switch self {
    case .containsRoot(let path, let root):
      "\(path) contains \(root), which the index already holds as a root; remove it first ('newsindex remove \(root)') or build \(root) alone"
    case .notARoot(let path, let roots):
      "\(path) is not a root of the index (roots: \(roots.isEmpty ? "none recorded" : roots.joined(separator: ", ")))"
    }
  }
}
