import Foundation
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
    var files: [SourceFile] = []
    var problems: [ExtractError] = []
    for path in paths {
      var info = stat()
      guard stat(path, &info) == 0 else {
        let code = errno
        problems.append(
          code == ENOENT ? .notFound(path: path) : .unreadable(path: path, reason: reason(code)))
        continue
      }
      switch info.st_mode & S_IFMT {
      case S_IFREG:
        let name = path.split(separator: "/").last.map(String.init) ?? path
        files.append(sourceFile(path: path, relativePath: name, info: info))
      case S_IFDIR:
        var walk = FolderWalk(root: path)
        walk.visit(folder: path, relativePath: "", info: info)
        walk.files.sort { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
        files += walk.files
        problems += walk.problems
      default:
        problems.append(.notRegularFile(path: path))
      }
    }
    return (files, problems)
  }

  /// Extensions of the formats extraction reads; inside folders, files with another extension
  /// (images, stylesheets, `README.md`, `queries.tsv`) are passed over silently. Files without an
  /// extension or with a numeric one (TREC's `fr940104.0`) are read and their format sniffed.
  /// A file named directly on the command line is always read.
  package static let newsFileExtensions: Set<String> = [
    "txt", "text", "html", "htm", "xhtml", "shtml", "xml", "rss", "atom", "rdf", "sgm", "sgml", "trec",
    "jsonl", "ndjson", "json",
  ]

  /// Whether a file met while walking a folder is a candidate news file.
  package static func isNewsFileName(_ name: String) -> Bool {
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return true }
    let ext = name[name.index(after: dot)...].lowercased()
    return newsFileExtensions.contains(ext) || (!ext.isEmpty && ext.allSatisfy(\.isNumber))
  }

  static func sourceFile(path: String, relativePath: String, info: stat) -> SourceFile {
    let seconds = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    return SourceFile(
      path: path, relativePath: relativePath, byteCount: Int(info.st_size),
      modificationTime: seconds)
  }

  static func reason(_ code: Int32) -> String {
    String(cString: strerror(code))
  }

  /// State of one folder argument's walk.
  private struct FolderWalk {
    let root: String
    var files: [SourceFile] = []
    var problems: [ExtractError] = []
    /// (device, inode) of every folder entered.
    var visited: Set<[UInt64]> = []

    init(root: String) { self.root = root }

    mutating func visit(folder: String, relativePath: String, info: stat) {
      guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else {
        problems.append(.symlinkLoop(path: folder))
        return
      }
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: folder)
      } catch {
        problems.append(.unreadable(path: folder, reason: "cannot list folder"))
        return
      }
      for name in names.sorted() where !name.hasPrefix(".") {
        let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
        let relative = relativePath.isEmpty ? name : relativePath + "/" + name
        var entry = stat()
        guard stat(path, &entry) == 0 else {
          // Foundation lists a name that is not UTF-8 with U+FFFD in place of the bad bytes, so
          // the name it gives no longer opens: say so instead of "no such file".
          let notUTF8 = errno == ENOENT && name.unicodeScalars.contains("\u{FFFD}")
          let reason = notUTF8 ? "its name is not valid UTF-8; rename the file" : FileWalker.reason(errno)
          problems.append(.unreadable(path: path, reason: reason))
          continue
        }
        switch entry.st_mode & S_IFMT {
        case S_IFREG:
          guard FileWalker.isNewsFileName(name) else { continue }
          files.append(FileWalker.sourceFile(path: path, relativePath: relative, info: entry))
        case S_IFDIR: visit(folder: path, relativePath: relative, info: entry)
        default: problems.append(.notRegularFile(path: path))
        }
      }
    }
  }
}
