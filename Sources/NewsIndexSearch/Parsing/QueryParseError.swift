/// A query that cannot be read; `byteOffset` points into the query text.
package enum QueryParseError: Error, CustomStringConvertible, Equatable {
  case empty
  case unexpected(String, byteOffset: Int)
  case tooLong(byteCount: Int, limit: Int)
  case badDate(String, byteOffset: Int)
  case unterminatedDateRange(byteOffset: Int)
  case negatedDateRange(byteOffset: Int)
  case onlyDateRange
  case badBoost(String, byteOffset: Int)

  package var description: String {
    switch self {
    case .empty:
      "empty query; give at least one word, e.g. newsindex search 'interest rates'"
    case .unexpected(let token, let offset):
      "unexpected '\(token)' at character \(offset + 1) of the query; quote it to search for it literally"
    case .tooLong(let count, let limit):
      "query of \(count) bytes exceeds the limit of \(limit) bytes"
    case .badDate(let word, let offset):
      "'\(word)' at character \(offset + 1) of the query is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or "
        + "YYYY-MM-DDTHH:MM:SSZ, e.g. date:[2025-01-01 TO 2025-06-30]"
    case .unterminatedDateRange(let offset):
      "date range at character \(offset + 1) of the query has no closing ']'; e.g. date:[2025-01-01 TO *]"
    case .negatedDateRange(let offset):
      "date range at character \(offset + 1) of the query cannot be negated; give the dates to keep, "
        + "e.g. date:[* TO 2024-12-31]"
    case .badBoost(let text, let offset):
      "'^\(text)' at character \(offset + 1) of the query is not a boost; write '^' and a number ≥ 0, "
        + "e.g. cocoa^2 or \"cocoa exports\"^1.5"
    case .onlyDateRange:
      "a date range filters a search but finds nothing alone; add words, e.g. 'election date:[2025-01-01 TO *]'"
    }
  }
}
