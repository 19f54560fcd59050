import NewsIndexCore

/// How forgiving ``QueryParser`` is.
package enum QuerySyntax: Sendable, Equatable {
  /// A malformed query is an error naming its position (the default of `search`).
  case strict
  /// Today's forgiving reading for scripts (`--lenient`): a missing `)` or closing quote is
  /// supplied at the end, an unknown `name:` prefix is text, a dangling operator is a word or
  /// nothing.
  case lenient
}

/// Reads the query language, a subset of Lucene's classic syntax.
///
/// ```
/// query   := orExpr
/// orExpr  := andExpr ( ["OR"] andExpr )*          juxtaposition is a ranked OR
/// andExpr := unary ( ("AND" | "&&") unary )*
/// unary   := ( "+" | "-" | "NOT" | "!" )? ( primary | dates )
/// primary := [FIELD ":"] ( WORD ["~" [EDITS]] | "\"" phrase "\"" ["~" SLOP] | "(" orExpr ")" ) [ "^" BOOST ]
/// dates   := "date:" ( DATE | "[" (DATE | "*") "TO" (DATE | "*") "]" )
/// ```
/// Operators are upper case (`and`, `or`, `not` are words). `FIELD` is `title`, `body`,
/// `byline` (`author`) or `source` (`agency`). A `WORD` with `*` or `?` is a wildcard
/// (`export*`, `*port`, `ex?ort`, also inside phrases); `WORD~N` is fuzzy (N edits, 0–2, 2 when
/// omitted); `"…"~N` is a sloppy phrase. These keep the user's text (``Query/TermSyntax``).
///
/// In ``QuerySyntax/strict`` mode (the default) an unbalanced parenthesis or quote, a dangling
/// operator, an unknown or empty field, an empty group or an unsupported construct (`[a TO b]`
/// outside `date:`, `/regex/`, `{…}`) is an error naming its position. In
/// ``QuerySyntax/lenient`` mode a missing `)` or closing quote is supplied at the end of the
/// query, an unknown `name:` prefix is read as text, and operators with nothing to join are
/// passed over; a stray `)` is an error in both.
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
  /// The largest phrase slop accepted (`"a b"~N`).
  package static let maxSlop = 1000

  private let text: [UInt8]
  private let strict: Bool
  private var index = 0
  /// Date ranges read so far.
  private var filter = SearchFilter()
  /// Set when the last `unary` was a date range (it yields no clause).
  private var readDateRange = false

  private init(_ text: String, syntax: QuerySyntax) {
    self.text = Array(text.utf8)
    self.strict = syntax == .strict
  }

  /// Parses `text` into a ``Query``, ignoring date ranges (callers that search use
  /// ``parseWithFilter(_:syntax:)``).
  /// - Throws: ``QueryParseError`` for an empty or malformed query, or an oversized one.
  package static func parse(_ text: String, syntax: QuerySyntax = .strict) throws(QueryParseError) -> Query {
    try parseWithFilter(text, syntax: syntax).query
  }

  /// Parses `text` into a ``Query`` and the filter its date ranges make.
  /// - Throws: ``QueryParseError`` for an empty query (or one of date ranges only), a stray `)`,
  ///   a date that cannot be read, a negated date range, an oversized query, and in strict mode
  ///   every malformed construct.
  package static func parseWithFilter(
    _ text: String, syntax: QuerySyntax = .strict
  ) throws(QueryParseError) -> (query: Query, filter: SearchFilter) {
    guard text.utf8.count <= maxQueryBytes else {
      throw .tooLong(byteCount: text.utf8.count, limit: maxQueryBytes)
    }
    var parser = QueryParser(text, syntax: syntax)
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
    var readAny = false
    while true {
      skipSpace()
      if atEnd || peek == UInt8(ascii: ")") { break }
      let operatorStart = index
      if consumeKeyword("OR") || consumeSymbol("||") {
        if strict {
          let name = String(decoding: text[operatorStart..<index], as: UTF8.self)
          guard readAny else { throw .danglingOperator(name, byteOffset: operatorStart, before: true) }
          try expectOperand(after: name, at: operatorStart)
        }
        continue
      }
      if strict && (consumeKeyword("AND") || consumeSymbol("&&")) {
        let name = String(decoding: text[operatorStart..<index], as: UTF8.self)
        throw .danglingOperator(name, byteOffset: operatorStart, before: true)
      }
      let chain = try parseAnd(field: field, depth: depth)
      readAny = true
      if chain.count == 1 {
        clauses.append(chain[0])
      } else if !chain.isEmpty {
        clauses.append(.init(.should, .boolean(chain)))
      }
    }
    if clauses.count == 1, clauses[0].occur == .should { return clauses[0].query }
    return .boolean(clauses)
  }

  /// In strict mode, throws unless an operand follows the operator `name` that starts at `start`
  /// (not the end, a `)` or another operator).
  private mutating func expectOperand(after name: String, at start: Int) throws(QueryParseError) {
    let save = index
    skipSpace()
    defer { index = save }
    let missing =
      atEnd || peek == UInt8(ascii: ")") || consumeKeyword("OR") || consumeKeyword("AND")
      || consumeSymbol("||") || consumeSymbol("&&")
    if missing { throw .danglingOperator(name, byteOffset: start, before: false) }
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
      let operatorStart = index
      guard consumeKeyword("AND") || consumeSymbol("&&") else {
        index = save
        break
      }
      if strict {
        try expectOperand(after: String(decoding: text[operatorStart..<index], as: UTF8.self), at: operatorStart)
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
    let operatorStart = index
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
    if strict && occur != .should && (atEnd || isBoundary(peek) && peek != UInt8(ascii: "(") && peek != UInt8(ascii: "\"")) {
      let name = String(decoding: text[operatorStart..<min(index, operatorStart + (text[operatorStart] == UInt8(ascii: "N") ? 3 : 1))], as: UTF8.self)
      throw .danglingOperator(name, byteOffset: operatorStart, before: false)
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
    let fieldStart = index
    if let (named, length) = fieldPrefix() {
      field = named
      index += length
      if strict && (atEnd || isBoundary(peek) && peek != UInt8(ascii: "(") && peek != UInt8(ascii: "\"")) {
        throw .emptyField(named.name, byteOffset: fieldStart)
      }
    } else if strict, let name = unknownFieldName() {
      if name.lowercased() == "date" {
        let word = peekWord()
        throw .badDate(String(word.dropFirst(5)), byteOffset: index + 5)
      }
      throw .unknownField(name, byteOffset: index)
    }
    guard !atEnd else { return nil }
    switch peek {
    case UInt8(ascii: "("):
      let open = index
      index += 1
      guard depth < 64 else { throw .unexpected("(", byteOffset: index - 1) }
      let inner = try parseOr(field: field, depth: depth + 1)
      skipSpace()
      if !atEnd && peek == UInt8(ascii: ")") {
        index += 1
      } else if strict {
        throw .unbalancedParenthesis(byteOffset: open)
      }
      if strict && inner.isEmpty { throw .emptyGroup(byteOffset: open) }
      if strict && !atEnd && peek == UInt8(ascii: "~") {
        throw .unsupported("~", byteOffset: index, hint: "'~' applies to a word (fuzzy) or a phrase (slop), not a group")
      }
      return inner.isEmpty ? nil : inner
    case UInt8(ascii: ")"):
      throw .unexpected(")", byteOffset: index)
    case UInt8(ascii: "\""):
      let open = index
      index += 1
      let start = index
      while !atEnd && peek != UInt8(ascii: "\"") { index += 1 }
      let phrase = String(decoding: text[start..<index], as: UTF8.self)
      if !atEnd {
        index += 1
      } else if strict {
        throw .unbalancedQuote(byteOffset: open)
      }
      if strict && phrase.utf8.allSatisfy({ $0 <= 0x20 }) { throw .emptyPhrase(byteOffset: open) }
      if !atEnd && peek == UInt8(ascii: "~") {
        let tilde = index
        index += 1
        let digits = readDigits()
        guard let slop = Int(digits), slop <= Self.maxSlop else {
          if strict || !digits.isEmpty { throw .badSlop(digits, byteOffset: tilde) }
          return .phrase(field: field, text: phrase)
        }
        return Query.sloppyPhrase(field: field, text: phrase, slop: slop)
      }
      return .phrase(field: field, text: phrase)
    default:
      let start = index
      if strict, let hint = Self.unsupportedHint(peek) {
        throw .unsupported(String(UnicodeScalar(peek)), byteOffset: index, hint: hint)
      }
      while !atEnd && !isBoundary(peek) && peek != UInt8(ascii: "^") && peek != UInt8(ascii: "~") { index += 1 }
      guard index > start else {
        guard !atEnd, peek == UInt8(ascii: "~") else { return nil }
        if strict { throw .unsupported("~", byteOffset: index, hint: "'~' follows a word (cofee~1) or a phrase (\"a b\"~3)") }
        index += 1
        return nil
      }
      let word = String(decoding: text[start..<index], as: UTF8.self)
      if strict && Query.isWildcard(word) && !word.unicodeScalars.contains(where: { $0 != "*" && $0 != "?" }) {
        throw .unsupported(word, byteOffset: start, hint: "a wildcard needs at least one letter or digit, e.g. export*")
      }
      if !atEnd && peek == UInt8(ascii: "~") {
        let tilde = index
        index += 1
        let digits = readDigits()
        if let edits = digits.isEmpty ? 2 : Int(digits), edits <= 2, !Query.isWildcard(word) {
          return Query.fuzzy(field: field, word: word, maxEdits: edits)
        }
        if strict { throw .badFuzzy(word + "~" + digits, byteOffset: tilde) }
      }
      return .term(field: field, text: word)
    }
  }

  /// Why a word may not start with `byte` in strict mode; nil when it may.
  private static func unsupportedHint(_ byte: UInt8) -> String? {
    switch byte {
    case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "]"), UInt8(ascii: "}"):
      "ranges work only on dates, e.g. date:[2025-01-01 TO *]; quote the text to search for it"
    case UInt8(ascii: "/"): "regular expressions are not supported; try a wildcard such as export*"
    case UInt8(ascii: "\\"): "escapes are not supported; quote the text to search for it"
    case UInt8(ascii: ":"): "a field name goes before ':', e.g. title:korea"
    default: nil
    }
  }

  /// ASCII digits at the cursor (consumed), up to a boundary.
  private mutating func readDigits() -> String {
    let start = index
    while !atEnd && !isBoundary(peek) && peek != UInt8(ascii: "^") { index += 1 }
    let word = String(decoding: text[start..<index], as: UTF8.self)
    return word
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

  /// A `name:` prefix at the cursor whose name is ASCII letters (so `10:30` and `a:b:c` URLs'
  /// digits do not count) but no field; nil otherwise.
  private func unknownFieldName() -> String? {
    var end = index
    while end < text.count, (text[end] | 0x20) >= UInt8(ascii: "a") && (text[end] | 0x20) <= UInt8(ascii: "z") || text[end] == UInt8(ascii: "_") {
      end += 1
    }
    guard end > index, end < text.count, text[end] == UInt8(ascii: ":") else { return nil }
    return String(decoding: text[index..<end], as: UTF8.self)
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
