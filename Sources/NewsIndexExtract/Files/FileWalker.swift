import Glibc

/// Finds the source files under the paths given to a build.
package enum FileWalker {
  /// Walks each path: a folder recursively, a file as itself.
  ///
  /// Inside folders, names starting with `.` are skipped, symbolic links are followed but a folder
  /// is never walked twice (so link loops end), and only regular files are returned: FIFOs,
  /// devices and sockets are reported as problems and never opened. A path given directly is
  /// taken even when its name starts with `.`.
  ///
  /// - Returns: the files in argument order, each folder's files sorted by relative path (byte
  ///   order), and the problems met (missing paths, unreadable folders, special files, loops).
  package static func sourceFiles(under paths: [String]) -> (
    files: [SourceFile], problems: [ExtractError]
  ) {
    sourceFiles(underRaw: paths.map { Array($0.utf8) })
  }

  /// ``sourceFiles(under:)`` for paths given as raw bytes (no terminating NUL).
  ///
  /// Folders are listed with `opendir`/`readdir` and files named by their raw bytes, so a name
  /// that is not valid UTF-8 or holds a newline is found and opened like any other; messages and
  /// relative paths carry its ``EscapedPath`` text.
  package static func sourceFiles(underRaw paths: [[UInt8]]) -> (
    files: [SourceFile], problems: [ExtractError]
  ) {
    var files: [SourceFile] = []
    var problems: [ExtractError] = []
    for path in paths {
      var info = stat()
      guard EscapedPath.withCPath(path, { stat($0, &info) }) == 0 else {
        let code = errno
        let shown = EscapedPath.text(path)
        problems.append(
          code == ENOENT ? .notFound(path: shown) : .unreadable(path: shown, reason: reason(code)))
        continue
      }
      switch info.st_mode & S_IFMT {
      case S_IFREG:
        let name = path.split(separator: 0x2F).last.map(Array.init) ?? path
        files.append(sourceFile(rawPath: path, relativePath: EscapedPath.text(name), info: info))
      case S_IFDIR:
        var walk = FolderWalk()
        walk.visit(folder: path, relativePath: [], info: info)
        walk.files.sort { $0.relative.lexicographicallyPrecedes($1.relative) }
        files += walk.files.map(\.file)
        problems += walk.problems
      default:
        problems.append(.notRegularFile(path: EscapedPath.text(path)))
      }
    }
    return (files, problems)
  }

  /// A file a walk passed over on purpose, with the reason (an ignore rule, or not an article).
  package struct PassedOver: Sendable, Equatable {
    package var path: String
    package var reason: String
  }

  /// What walking one build root found.
  package struct Walk: Sendable {
    package var files: [SourceFile] = []
    package var problems: [ExtractError] = []
    /// Files left out by `.newsindexignore` files, `--exclude` globs or as plainly not articles
    /// (``NonArticle``), for the build to report.
    package var passedOver: [PassedOver] = []
  }

  /// Walks one build root as ``sourceFiles(underRaw:)`` does, and also applies `excludes`
  /// (gitignore globs relative to the root), every `.newsindexignore` file met (its patterns
  /// relative to its folder) and, inside folders, ``NonArticle``'s checks. A file given as the
  /// root itself is always taken.
  package static func walk(root: [UInt8], excludes: IgnoreRules, skipNonArticles: Bool = true) -> Walk {
    var info = stat()
    guard EscapedPath.withCPath(root, { stat($0, &info) }) == 0, info.st_mode & S_IFMT == S_IFDIR else {
      let (files, problems) = sourceFiles(underRaw: [root])
      return Walk(files: files, problems: problems)
    }
    var walk = FolderWalk()
    walk.filtering = true
    walk.skipNonArticles = skipNonArticles
    walk.ruleStack = [(excludes, [])]
    walk.visit(folder: root, relativePath: [], info: info)
    walk.files.sort { $0.relative.lexicographicallyPrecedes($1.relative) }
    return Walk(files: walk.files.map(\.file), problems: walk.problems, passedOver: walk.passedOver)
  }

  /// Whether `path` (raw bytes) names a regular file, links followed.
  package static func isRegularFile(_ path: [UInt8]) -> Bool {
    var info = stat()
    return EscapedPath.withCPath(path, { stat($0, &info) }) == 0 && info.st_mode & S_IFMT == S_IFREG
  }

  /// Whether anything exists at `path` (raw bytes), links followed.
  package static func exists(_ path: [UInt8]) -> Bool {
    var info = stat()
    return EscapedPath.withCPath(path, { stat($0, &info) }) == 0
  }

  /// The process's working folder as raw bytes (`getcwd`); `/` when it cannot be read.
  package static func workingFolder() -> [UInt8] {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { return [0x2F] }
    return buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
  }

  /// Extensions of the formats extraction reads; inside folders, files with another extension
  /// (images, stylesheets, `README.md`, `queries.tsv`) are passed over silently. Files without an
  /// extension or with a numeric one (TREC's `fr940104.0`) are read and their format sniffed.
  /// A file named directly on the command line is always read.
  package static let newsFileExtensions: Set<String> = [
    "txt", "text", "html", "htm", "xhtml", "shtml", "xml", "rss", "atom", "rdf", "sgm", "sgml", "trec",
    "jsonl", "ndjson", "json",
  ]

  /// Whether a file met while walking a folder is a candidate news file: a news file's name, or
  /// one with `.gz` after it (`page.html.gz`, `fr940104.0.gz`, `dump.gz`).
  package static func isNewsFileName(_ name: String) -> Bool {
    let name = GzipDecoder.strippingSuffix(name)
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return true }
    let ext = name[name.index(after: dot)...].lowercased()
    return newsFileExtensions.contains(ext) || (!ext.isEmpty && ext.allSatisfy(\.isNumber))
  }

  static func sourceFile(rawPath: [UInt8], relativePath: String, info: stat) -> SourceFile {
    let seconds = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    return SourceFile(
      rawPath: rawPath, relativePath: relativePath, byteCount: Int(info.st_size),
      modificationTime: seconds)
  }

  static func reason(_ code: Int32) -> String {
    String(cString: strerror(code))
  }

  /// The names in a folder (without `.` and `..`), as raw bytes, in byte order; nil with the
  /// `errno` when the folder cannot be opened.
  static func entryNames(of folder: [UInt8]) -> Result<[[UInt8]], Errno> {
    guard let stream = EscapedPath.withCPath(folder, { opendir($0) }) else { return .failure(Errno(errno)) }
    defer { closedir(stream) }
    var names: [[UInt8]] = []
    while true {
      errno = 0
      guard let entry = readdir(stream) else {
        if errno != 0 { return .failure(Errno(errno)) }
        break
      }
      let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
        Array(raw.prefix { $0 != 0 })
      }
      if name == [0x2E] || name == [0x2E, 0x2E] { continue }
      names.append(name)
    }
    return .success(names.sorted { $0.lexicographicallyPrecedes($1) })
  }

  /// An `errno` value as an `Error` (for `Result`).
  struct Errno: Error {
    let code: Int32
    init(_ code: Int32) { self.code = code }
  }

  /// The first bytes of a file, for ``NonArticle``; empty when it cannot be read.
  static func sample(_ path: [UInt8]) -> [UInt8] {
    let fd = EscapedPath.withCPath(path, { open($0, O_RDONLY) })
    guard fd >= 0 else { return [] }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: NonArticle.sampleByteCount)
    let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    return count > 0 ? Array(buffer.prefix(count)) : []
  }

  /// State of one folder argument's walk.
  private struct FolderWalk {
    /// Files found, each with its raw relative path (the sort key).
    var files: [(file: SourceFile, relative: [UInt8])] = []
    var problems: [ExtractError] = []
    /// (device, inode) of every folder entered.
    var visited: Set<[UInt64]> = []
    /// Whether ignore rules and the non-article checks apply (``FileWalker/walk(root:excludes:skipNonArticles:)``).
    var filtering = false
    var skipNonArticles = false
    /// Rules in force, outermost first, each with the relative path of the folder it belongs to;
    /// the first entry holds `--exclude`.
    var ruleStack: [(rules: IgnoreRules, base: [UInt8])] = []
    var passedOver: [PassedOver] = []

    /// Whether the rules in force exclude `relative`: the innermost folder's rules that match
    /// decide, then the outer ones; `--exclude` globs decide over every file's rules.
    func isIgnored(_ relative: [UInt8], isFolder: Bool) -> Bool {
      if let first = ruleStack.first, let decided = first.rules.decision(relativePath: relative, isFolder: isFolder),
        decided
      {
        return true
      }
      for (rules, base) in ruleStack.dropFirst().reversed() {
        let inner = base.isEmpty ? relative : Array(relative.dropFirst(base.count + 1))
        if let decided = rules.decision(relativePath: inner, isFolder: isFolder) { return decided }
      }
      return false
    }

    mutating func visit(folder: [UInt8], relativePath: [UInt8], info: stat) {
      guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else {
        problems.append(.symlinkLoop(path: EscapedPath.text(folder)))
        return
      }
      let names: [[UInt8]]
      switch FileWalker.entryNames(of: folder) {
      case .success(let listed): names = listed
      case .failure(let error):
        problems.append(
          .unreadable(path: EscapedPath.text(folder), reason: "cannot list folder: " + FileWalker.reason(error.code)))
        return
      }
      var pushed = false
      if filtering, names.contains(Array(IgnoreRules.fileName.utf8)) {
        let file = folder.last == 0x2F ? folder + Array(IgnoreRules.fileName.utf8) : folder + [0x2F] + Array(IgnoreRules.fileName.utf8)
        if let bytes = try? FileReader.readAll(rawPath: file, limit: 1 << 20) {
          ruleStack.append((IgnoreRules(fileBytes: bytes), relativePath))
          pushed = true
        }
      }
      defer { if pushed { ruleStack.removeLast() } }
      for name in names where name.first != 0x2E {
        let path = folder.last == 0x2F ? folder + name : folder + [0x2F] + name
        let relative = relativePath.isEmpty ? name : relativePath + [0x2F] + name
        var entry = stat()
        guard EscapedPath.withCPath(path, { stat($0, &entry) }) == 0 else {
          problems.append(.unreadable(path: EscapedPath.text(path), reason: FileWalker.reason(errno)))
          continue
        }
        switch entry.st_mode & S_IFMT {
        case S_IFREG:
          guard FileWalker.isNewsFileName(EscapedPath.text(name)) else { continue }
          if filtering {
            if isIgnored(relative, isFolder: false) {
              passedOver.append(PassedOver(path: EscapedPath.text(path), reason: "excluded by an ignore rule"))
              continue
            }
            if skipNonArticles, let reason = NonArticle.reason(forName: EscapedPath.text(name), sample: sample(path)) {
              passedOver.append(PassedOver(path: EscapedPath.text(path), reason: reason))
              continue
            }
          }
          let file = FileWalker.sourceFile(rawPath: path, relativePath: EscapedPath.text(relative), info: entry)
          files.append((file, relative))
        case S_IFDIR:
          if filtering && isIgnored(relative, isFolder: true) { continue }
          visit(folder: path, relativePath: relative, info: entry)
        default: problems.append(.notRegularFile(path: EscapedPath.text(path)))
        }
      }
    }
  }
}
