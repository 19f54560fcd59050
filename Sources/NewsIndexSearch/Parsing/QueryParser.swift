import NewsIndexCore

/// Reads the query language, a subset of Lucene's classic syntax.
///
/// ```
/// query   := orExpr
/// orExpr  := andExpr ( ["OR"] andExpr )*          juxtaposition is a ranked OR
/// andExpr := unary ( ("AND" | "&&") unary )*
/// unary   := ( "+" | "-" | "NOT" | "!" )? ( primary | dates )
/// primary := [FIELD ":"] ( WORD | "\"" phrase "\"" | "(" orExpr ")" ) [ "^" BOOST ]
/// dates   := "date:" ( DATE | "[" (DATE | "*") "TO" (DATE | "*") "]" )
/// ```
/// Operators are upper case (`and`, `or`, `not` are words). `FIELD` is `title` or `body`; an
/// unknown `name:` prefix is read as text. A missing `)` or closing quote is supplied at the end
/// of the query; a stray `)` is an error.
///
/// `BOOST` is a number ≥ 0 (`2`, `1.5`, `.5`) that multiplies the clause's score, as in Lucene's
/// classic parser; `^0` keeps the clause for matching only. `^` ends a word; a `^` not followed
/// by such a number is an error.
///
/// A date range is a filter, not a clause: wherever it stands, it ANDs with the whole query (it
/// cannot be negated), and several ranges intersect. `DATE` is `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or
/// an ISO 8601 time (``DocumentDate``); both ends are inclusive and cover their whole period, so
/// `date:[2025-01 TO 2025-03]` is January 1 to March 31 and `date:2025` the year; `*` leaves an
/// end open. Only documents with a known date pass a range.
package struct QueryParser {
  /// Longer queries are refused rather than evaluated.
  package static let maxQueryBytes = 64 * 1024

  private let text: [UInt8]
  private var index = 0
  /// Date ranges read so far.
  private var filter = SearchFilter()
  /// Set when the last `unary` was a date range (it yields no clause).
  private var readDateRange = false

  private init(_ text: String) {
    self.text = Array(text.utf8)
  }

  /// Parses `text` into a ``Query``, ignoring date ranges (callers that search use
  /// ``parseWithFilter(_:)``).
  /// - Throws: ``QueryParseError`` for an empty query, a stray `)`, or an oversized query.
  package static func parse(_ text: String) throws(QueryParseError) -> Query {
    try parseWithFilter(text).query
  }

  /// Parses `text` into a ``Query`` and the filter its date ranges make.
  /// - Throws: ``QueryParseError`` for an empty query (or one of date ranges only), a stray `)`,
  ///   a date that cannot be read, a negated date range, or an oversized query.
  package static func parseWithFilter(_ text: String) throws(QueryParseError) -> (query: Query, filter: SearchFilter) {
    guard text.utf8.count <= maxQueryBytes else {
      throw .tooLong(byteCount: text.utf8.count, limit: maxQueryBytes)
    }
    var parser = QueryParser(text)
    let query = try parser.parseOr(field: nil, depth: 0)
    parser.skipSpace()
    if parser.index < parser.text.count {
      throw .unexpected(parser.peekWord(), byteOffset: parser.index)
    }
    guard !query.isEmpty else { throw parser.filter.isEmpty ? .empty : .onlyDateRange }
    return (query, parser.filter)
  }

  // MARK: Grammar

  private mutating func parseOr(field: Field?, depth: Int) throws(QueryParseError) -> Query {
    var clauses: [Query.Clause] = []
    while true {
      skipSpace()
      if atEnd || peek == UInt8(ascii: ")") { break }
      if consumeKeyword("OR") || consumeSymbol("||") { continue }
      let chain = try parseAnd(field: field, depth: depth)
      if chain.count == 1 {
        clauses.append(chain[0])
      } else if !chain.isEmpty {
        clauses.append(.init(.should, .boolean(chain)))
      }
    }
    if clauses.count == 1, clauses[0].occur == .should { return clauses[0].query }
    return .boolean(clauses)
  }

  /// Returns the clauses of an AND chain (all `must`/`mustNot`), or one clause with its own occur.
  /// Date ranges in the chain yield no clause (they went into ``filter``).
  private mutating func parseAnd(field: Field?, depth: Int) throws(QueryParseError) -> [Query.Clause] {
    var chain: [Query.Clause] = []
    if let first = try parseUnary(field: field, depth: depth) {
      chain.append(first)
    } else if !readDateRange {
      return []
    }
    while true {
      let save = index
      skipSpace()
      guard consumeKeyword("AND") || consumeSymbol("&&") else {
        index = save
        break
      }
      skipSpace()
      if let next = try parseUnary(field: field, depth: depth) { chain.append(next) }
    }
    if chain.count == 1 { return chain }
    return chain.map { .init($0.occur == .mustNot ? .mustNot : .must, $0.query) }
  }

  private mutating func parseUnary(field: Field?, depth: Int) throws(QueryParseError) -> Query.Clause? {
    readDateRange = false
    skipSpace()
    guard !atEnd else { return nil }
    var occur = Query.Occur.should
    if peek == UInt8(ascii: "+") {
      occur = .must
      index += 1
    } else if peek == UInt8(ascii: "-") || peek == UInt8(ascii: "!") {
      occur = .mustNot
      index += 1
    } else if consumeKeyword("NOT") {
      occur = .mustNot
      skipSpace()
    }
    let start = index
    if try parseDates() {
      guard occur != .mustNot else { throw .negatedDateRange(byteOffset: start) }
      readDateRange = true
      return nil
    }
    guard let query = try parsePrimary(field: field, depth: depth) else { return nil }
    return .init(occur, query)
  }

  private mutating func parsePrimary(field: Field?, depth: Int) throws(QueryParseError) -> Query? {
    let start = index
    let query = try parseUnboosted(field: field, depth: depth)
    guard !atEnd, peek == UInt8(ascii: "^") else { return query }
    let caret = index
    index += 1
    let boost = try parseBoost(at: caret)
    // `^2` with nothing before it: the caret stands where a word was expected.
    guard caret > start else { throw .unexpected("^", byteOffset: caret) }
    return query.map { .boosted($0, boost: boost) }
  }

  /// Reads the number after a `^` at `caret`.
  private mutating func parseBoost(at caret: Int) throws(QueryParseError) -> Double {
    let start = index
    while !atEnd && !isBoundary(peek) && peek != UInt8(ascii: "^") { index += 1 }
    let word = String(decoding: text[start..<index], as: UTF8.self)
    let digits = word.utf8.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") }
    guard digits, word.utf8.contains(where: { $0 != UInt8(ascii: ".") }), let boost = Double(word), boost.isFinite
    else { throw .badBoost(word, byteOffset: caret) }
    return boost
  }

  private mutating func parseUnboosted(field: Field?, depth: Int) throws(QueryParseError) -> Query? {
    guard !atEnd else { return nil }
    var field = field
    if let (named, length) = fieldPrefix() {
      field = named
      index += length
    }
    guard !atEnd else { return nil }
    switch peek {
    case UInt8(ascii: "("):
      index += 1
      guard depth < 64 else { throw .unexpected("(", byteOffset: index - 1) }
      let inner = try parseOr(field: field, depth: depth + 1)
      skipSpace()
      if !atEnd && peek == UInt8(ascii: ")") { index += 1 }
      return inner.isEmpty ? nil : inner
    case UInt8(ascii: ")"):
      throw .unexpected(")", byteOffset: index)
    case UInt8(ascii: "\""):
      index += 1
      let start = index
      while !atEnd && peek != UInt8(ascii: "\"") { index += 1 }
      let phrase = String(decoding: text[start..<index], as: UTF8.self)
      if !atEnd { index += 1 }
      return .phrase(field: field, text: phrase)
    default:
      let start = index
      while !atEnd && !isBoundary(peek) && peek != UInt8(ascii: "^") { index += 1 }
      guard index > start else { return nil }
      return .term(field: field, text: String(decoding: text[start..<index], as: UTF8.self))
    }
  }

  // MARK: Dates

  /// Reads `date:DATE` or `date:[A TO B]` at the cursor into ``filter``; false (nothing
  /// consumed) when the cursor is not at `date:` followed by a date, `[` or `*`.
  private mutating func parseDates() throws(QueryParseError) -> Bool {
    let prefix = Array("date:".utf8)
    guard index + prefix.count < text.count,
      zip(text[index..<(index + prefix.count)], prefix).allSatisfy({ $0 | 0x20 == $1 })
    else { return false }
    let open = text[index + prefix.count]
    guard open == UInt8(ascii: "[") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(open) else { return false }
    index += prefix.count
    if open != UInt8(ascii: "[") {
      let start = index
      let word = readDateWord()
      guard let period = DocumentDate.period(word) else { throw .badDate(word, byteOffset: start) }
      filter.restrict(since: period.lowerBound, until: period.upperBound)
      return true
    }
    let bracket = index
    index += 1
    skipSpace()
    let lowerStart = index
    let lower = readDateWord()
    skipSpace()
    guard consumeKeyword("TO") || consumeKeyword("to") else {
      throw .unexpected(atEnd ? "date:[" : peekWord(), byteOffset: atEnd ? bracket : index)
    }
    skipSpace()
    let upperStart = index
    let upper = readDateWord()
    skipSpace()
    guard !atEnd, peek == UInt8(ascii: "]") else { throw .unterminatedDateRange(byteOffset: bracket) }
    index += 1
    func end(_ word: String, at offset: Int) throws(QueryParseError) -> ClosedRange<Int64>? {
      if word == "*" { return nil }
      guard let period = DocumentDate.period(word) else { throw .badDate(word, byteOffset: offset) }
      return period
    }
    let since = try end(lower, at: lowerStart)?.lowerBound
    let until = try end(upper, at: upperStart)?.upperBound
    filter.restrict(since: since, until: until)
    return true
  }

  /// The bytes up to the next space, `]` or the end.
  private mutating func readDateWord() -> String {
    let start = index
    while !atEnd && peek != UInt8(ascii: "]") && !isBoundary(peek) { index += 1 }
    return String(decoding: text[start..<index], as: UTF8.self)
  }

  // MARK: Lexing

  private var atEnd: Bool { index >= text.count }
  private var peek: UInt8 { text[index] }

  private func isBoundary(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "(")
      || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\"")
  }

  private mutating func skipSpace() {
    while !atEnd && (peek == 0x20 || peek == 0x09 || peek == 0x0A || peek == 0x0D || peek < 0x20) { index += 1 }
  }

  /// Consumes `word` when it stands alone (followed by a boundary or the end).
  private mutating func consumeKeyword(_ word: String) -> Bool {
    let bytes = Array(word.utf8)
    guard index + bytes.count <= text.count, text[index..<(index + bytes.count)].elementsEqual(bytes) else {
      return false
    }
    let after = index + bytes.count
    guard after == text.count || isBoundary(text[after]) else { return false }
    index = after
    return true
  }

  private mutating func consumeSymbol(_ symbol: String) -> Bool {
    let bytes = Array(symbol.utf8)
    guard index + bytes.count <= text.count, text[index..<(index + bytes.count)].elementsEqual(bytes) else {
      return false
    }
    index += bytes.count
    return true
  }

  /// A known field name followed by `:` at the cursor, and the bytes it spans.
  private func fieldPrefix() -> (Field, Int)? {
    var end = index
    while end < text.count && text[end] != UInt8(ascii: ":") && !isBoundary(text[end]) { end += 1 }
    guard end < text.count, text[end] == UInt8(ascii: ":"), end > index,
      let field = Field(name: String(decoding: text[index..<end], as: UTF8.self))
    else { return nil }
    return (field, end - index + 1)
  }

  private func peekWord() -> String {
    var end = index
    while end < text.count && text[end] != 0x20 { end += 1 }
    return String(decoding: text[index..<max(end, index + 1)], as: UTF8.self)
  }
}

extension Query {
  /// True for a boolean without clauses.
  var isEmpty: Bool {
    switch self {
    case .boolean(let clauses): clauses.isEmpty
    case .boosted(let query, _): query.isEmpty
    default: false
    }
  }
}
