package import NewsIndexFormat

/// Why a build could not finish; the previous commit, if any, is untouched in every case.
package enum BuildError: Error, CustomStringConvertible {
  case format(FormatError)
  case indexIsNotEmpty(path: String)

  package var description: String {
    switch self {
    case .format(let error): error.description
    case .indexIsNotEmpty(let path):
      "\(path): folder holds files that are not a newsindex index; choose an empty folder or an existing index"
    }
  }
}
