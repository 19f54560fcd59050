import NewsIndexCore
import NewsIndexFormat

extension IndexCheck {
  /// Verifies the commit's duplicate table: its file (envelope, checksum, structure: groups of
  /// two or more, members ascending, in range, in one group each) and its content, recomputed
  /// from the segments' `.dv` signatures of the live documents, which must give the same groups.
  static func duplicatesProblem(_ commit: Commit, directory: IndexDirectory) -> IndexProblem? {
    guard let name = commit.duplicatesFile else { return nil }
    let path = directory.filePath(name)
    let table: DuplicateTable
    let expected: DuplicateTable
    do throws(FormatError) {
      table = try DuplicateTable.read(name, in: directory, documentCount: commit.documentCount)
    } catch {
      return problem(error, fallbackPath: path)
    }
    do throws(FormatError) {
      expected = try DuplicateTable.compute(segments: commit.segments, directory: directory)
    } catch {
      // A damaged .dv file is reported with its segment.
      return nil
    }
    guard table != expected else { return nil }
    return IndexProblem(
      path: path, byteOffset: nil,
      message:
        "holds \(table.groupCount) duplicate groups of \(table.members.count) documents, the documents' signatures give \(expected.groupCount) of \(expected.members.count); run 'newsindex build' to recompute it (a newsindex of another version may have grouped differently)"
    )
  }
}
