/// A query that cannot be read; `byteOffset` points into the query text.
package enum QueryParseError: Error, CustomStringConvertible, Equatable {
  case empty
  case unexpected(String, byteOffset: Int)
  case tooLong(byteCount: Int, limit: Int)

  package var description: String {
    switch self {
    case .empty:
      "empty query; give at least one word, e.g. newsindex search 'interest rates'"
    case .unexpected(let token, let offset):
      "unexpected '\(token)' at character \(offset + 1) of the query; quote it to search for it literally"
    case .tooLong(let count, let limit):
      "query of \(count) bytes exceeds the limit of \(limit) bytes"
    }
  }
}
