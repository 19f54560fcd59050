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
  case unbalancedParenthesis(byteOffset: Int)
  case unbalancedQuote(byteOffset: Int)
  /// An operator with nothing before it (`before`) or after it.
  case danglingOperator(String, byteOffset: Int, before: Bool)
  case unknownField(String, byteOffset: Int)
  case emptyField(String, byteOffset: Int)
  case emptyGroup(byteOffset: Int)
  case emptyPhrase(byteOffset: Int)
  case badSlop(String, byteOffset: Int)
  case badFuzzy(String, byteOffset: Int)
  case unsupported(String, byteOffset: Int, hint: String)

  /// Where in the query text the problem lies, when it is at one place.
  package var byteOffset: Int? {
    switch self {
    case .empty, .tooLong, .onlyDateRange: nil
    case .unexpected(_, let offset), .badDate(_, let offset), .unterminatedDateRange(let offset),
      .negatedDateRange(let offset), .badBoost(_, let offset), .unbalancedParenthesis(let offset),
      .unbalancedQuote(let offset), .danglingOperator(_, let offset, _), .unknownField(_, let offset),
      .emptyField(_, let offset), .emptyGroup(let offset), .emptyPhrase(let offset), .badSlop(_, let offset),
      .badFuzzy(_, let offset), .unsupported(_, let offset, _):
      offset
    }
  }

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
    case .unbalancedParenthesis(let offset):
      "'(' at character \(offset + 1) of the query is never closed; add ')' (or --lenient to close it at the end)"
    case .unbalancedQuote(let offset):
      "'\"' at character \(offset + 1) of the query is never closed; add the closing quote (or --lenient)"
    case .danglingOperator(let name, let offset, let before):
      "'\(name)' at character \(offset + 1) of the query has nothing \(before ? "before" : "after") it; "
        + "give a word on each side, e.g. cocoa AND coffee, or quote it to search for it"
    case .unknownField(let name, let offset):
      "unknown field '\(name)' at character \(offset + 1) of the query; the fields are title, body, "
        + "byline (author), source (agency) and date; quote the text to search for it"
    case .emptyField(let name, let offset):
      "field '\(name):' at character \(offset + 1) of the query has nothing after it; e.g. \(name):korea"
    case .emptyGroup(let offset):
      "'()' at character \(offset + 1) of the query is empty; put words inside or remove it"
    case .emptyPhrase(let offset):
      "the phrase at character \(offset + 1) of the query is empty; put words inside the quotes"
    case .badSlop(let text, let offset):
      "'~\(text)' at character \(offset + 1) of the query is not a phrase slop; write '~' and a whole number "
        + "0...\(QueryParser.maxSlop), e.g. \"oil prices\"~5"
    case .badFuzzy(let text, let offset):
      "'\(text)' at character \(offset + 1) of the query is not a fuzzy word; write word~1 or word~2 (word~ is word~2)"
    case .unsupported(let text, let offset, let hint):
      "'\(text)' at character \(offset + 1) of the query is not supported: \(hint)"
    case .onlyDateRange:
      "a date range filters a search but finds nothing alone; add words, e.g. 'election date:[2025-01-01 TO *]'"
    }
  }
}
