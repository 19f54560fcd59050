package import NewsIndexCore
import NewsIndexFormat

/// The dictionary terms a wildcard or fuzzy word stands for, found by walking each segment's
/// front-coded dictionary block by block from the block index (never from the first term).
///
/// A word in every field walks the word streams' entries (one per term of title or body); a
/// field walks that field's terms. Document frequencies are summed over segments.
package struct TermExpansion: Sendable, Equatable {
  /// One dictionary term and what it brings.
  package struct Match: Sendable, Equatable {
    package var term: [UInt8]
    package var docFreq: Int
    /// Edits from the fuzzy word (0 for a wildcard).
    package var distance = 0
  }

  /// The terms kept, best first (most documents; for fuzzy, fewest edits first).
  package var matches: [Match] = []
  /// Terms the pattern matched before the bound was applied.
  package var matchedCount = 0
  /// Dictionary blocks read over all segments.
  package var blocksRead = 0
  /// Dictionary terms whose edit distance was computed (fuzzy; the others were jumped over).
  package var termsCompared = 0
  /// The bound in force.
  package var limit = 0

  /// Whether terms past the bound were dropped.
  package var truncated: Bool { matchedCount > matches.count }

  /// At most this many terms stand for a wildcard (Lucene's default clause limit).
  package static let wildcardLimit = 1024
  /// At most this many terms stand for a fuzzy word (Lucene's FuzzyQuery default).
  package static let fuzzyLimit = 50

  /// Terms matching `pattern` (already folded: `*` any run of characters, `?` one character),
  /// the `limit` with the most documents. The walk covers only the keys that start with the
  /// pattern's literal prefix (`export*`: the block holding `export` onwards, until the keys
  /// stop starting with it); a leading wildcard walks the whole field.
  package static func wildcard(
    _ pattern: [UInt8], field: Field?, reader: IndexReader, limit: Int = wildcardLimit
  ) -> TermExpansion {
    let literal = Array(pattern.prefix { $0 != UInt8(ascii: "*") && $0 != UInt8(ascii: "?") })
    let isPrefix = literal.count == pattern.count - 1 && pattern.last == UInt8(ascii: "*")
    var expansion = TermExpansion()
    expansion.limit = limit
    var found: [[UInt8]: Int] = [:]
    let keyByte = field?.rawValue ?? PostingsFormat.wordStreamKeyByte
    for segment in reader.segments {
      var terms = TermIterator(segment, words: field == nil)
      terms.seek(atOrAfter: [keyByte] + literal)
      while (try? terms.next()) == true {
        let key = terms.key
        guard key.first == keyByte, key[1...].starts(with: literal) else { break }
        let term = Array(key[1...])
        if isPrefix || WildcardPattern.matches(pattern, term) { found[term, default: 0] += terms.info.docFreq }
      }
      expansion.blocksRead += terms.blocksRead
    }
    expansion.matchedCount = found.count
    expansion.matches = found.map { Match(term: $0.key, docFreq: $0.value) }
      .sorted { $0.docFreq != $1.docFreq ? $0.docFreq > $1.docFreq : $0.term.lexicographicallyPrecedes($1.term) }
    if expansion.matches.count > limit { expansion.matches.removeSubrange(limit...) }
    return expansion
  }

  /// Terms within `maxEdits` edits (insertions, deletions, substitutions and transpositions of
  /// neighbouring characters, Damerau's optimal string alignment, counted in Unicode scalars) of
  /// `word`, the `limit` closest (then with the most documents). The walk keeps one row of the
  /// edit-distance table per character of the current key, reuses the rows of the prefix it shares
  /// with the previous key, and when a row's minimum passes `maxEdits` jumps past every key with
  /// that prefix through the block index: a bounded search equivalent to intersecting the
  /// dictionary with a Levenshtein automaton.
  package static func fuzzy(
    _ word: [UInt8], maxEdits: Int, field: Field?, reader: IndexReader, limit: Int = fuzzyLimit
  ) -> TermExpansion {
    var expansion = TermExpansion()
    expansion.limit = limit
    var found: [[UInt8]: (docFreq: Int, distance: Int)] = [:]
    let keyByte = field?.rawValue ?? PostingsFormat.wordStreamKeyByte
    let query = Array(String(decoding: word, as: UTF8.self).unicodeScalars.map(\.value))
    for segment in reader.segments {
      var table = EditDistanceTable(query: query)
      var terms = TermIterator(segment, words: field == nil)
      terms.seek(atOrAfter: [keyByte])
      while (try? terms.next()) == true {
        let key = terms.key
        guard key.first == keyByte else { break }
        let term = key[1...]
        let scalars = Array(String(decoding: term, as: UTF8.self).unicodeScalars.map(\.value))
        expansion.termsCompared += 1
        let (distance, deadRow) = table.distance(to: scalars, maxEdits: maxEdits)
        if let deadRow {
          // Every key starting with the first `deadRow` scalars is too far: skip them all.
          let prefix = Array(String(String.UnicodeScalarView(scalars[..<deadRow].compactMap(Unicode.Scalar.init))).utf8)
          if var next = Optional([keyByte] + prefix), let last = next.indices.last, next[last] < 0xFF {
            next[last] += 1
            terms.seek(atOrAfter: next)
          }
          continue
        }
        if distance <= maxEdits {
          let old = found[Array(term)]
          found[Array(term)] = ((old?.docFreq ?? 0) + terms.info.docFreq, distance)
        }
      }
      expansion.blocksRead += terms.blocksRead
    }
    expansion.matchedCount = found.count
    expansion.matches = found.map { Match(term: $0.key, docFreq: $0.value.docFreq, distance: $0.value.distance) }
      .sorted {
        if $0.distance != $1.distance { return $0.distance < $1.distance }
        if $0.docFreq != $1.docFreq { return $0.docFreq > $1.docFreq }
        return $0.term.lexicographicallyPrecedes($1.term)
      }
    if expansion.matches.count > limit { expansion.matches.removeSubrange(limit...) }
    return expansion
  }
}

extension TermExpansion {
  /// Adds `other`'s matches (a term in both keeps its smaller distance), keeping the bound.
  package mutating func merge(_ other: TermExpansion) {
    var byTerm: [[UInt8]: Match] = [:]
    for match in matches + other.matches {
      if let known = byTerm[match.term], known.distance <= match.distance { continue }
      byTerm[match.term] = match
    }
    matchedCount = max(matchedCount, other.matchedCount, byTerm.count)
    blocksRead += other.blocksRead
    termsCompared += other.termsCompared
    matches = byTerm.values.sorted {
      if $0.distance != $1.distance { return $0.distance < $1.distance }
      if $0.docFreq != $1.docFreq { return $0.docFreq > $1.docFreq }
      return $0.term.lexicographicallyPrecedes($1.term)
    }
    if matches.count > limit { matches.removeSubrange(limit...) }
  }
}

/// Rows of the optimal-string-alignment distance table between a query word (columns) and the
/// dictionary keys walked in order (rows), kept across keys so that a shared prefix is not
/// recomputed.
struct EditDistanceTable {
  let query: [UInt32]
  /// Row `i` is the distances of the key's first `i` scalars to every query prefix.
  private var rows: [[Int]]
  private var key: [UInt32] = []

  init(query: [UInt32]) {
    self.query = query
    rows = [Array(0...query.count)]
  }

  /// The distance from `scalars` to the query, and, when some row's minimum passes `maxEdits`,
  /// the length of the shortest prefix of `scalars` no extension of which can come within it.
  mutating func distance(to scalars: [UInt32], maxEdits: Int) -> (Int, deadRow: Int?) {
    var shared = 0
    while shared < key.count && shared < scalars.count && key[shared] == scalars[shared] { shared += 1 }
    // Rows 0...shared stay valid only if they were all computed (a dead row stops the fill).
    shared = min(shared, rows.count - 1)
    rows.removeSubrange((shared + 1)...)
    key = scalars
    for i in stride(from: shared + 1, through: scalars.count, by: 1) {
      let previous = rows[i - 1]
      var row = [Int](repeating: 0, count: query.count + 1)
      row[0] = i
      var minimum = i
      for j in stride(from: 1, through: query.count, by: 1) {
        let cost = scalars[i - 1] == query[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
        if i > 1 && j > 1 && scalars[i - 1] == query[j - 2] && scalars[i - 2] == query[j - 1] {
          value = min(value, rows[i - 2][j - 2] + 1)
        }
        row[j] = value
        minimum = min(minimum, value)
      }
      rows.append(row)
      if minimum > maxEdits { return (minimum, i) }
    }
    return (rows[scalars.count][query.count], nil)
  }
}

/// Glob matching over UTF-8 bytes: `*` any run of characters, `?` one character (one scalar).
enum WildcardPattern {
  static func matches(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
    let p = Array(String(decoding: pattern, as: UTF8.self).unicodeScalars)
    let t = Array(String(decoding: text, as: UTF8.self).unicodeScalars)
    var pi = 0
    var ti = 0
    var star = -1
    var mark = 0
    while ti < t.count {
      if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
        pi += 1
        ti += 1
      } else if pi < p.count && p[pi] == "*" {
        star = pi
        mark = ti
        pi += 1
      } else if star >= 0 {
        pi = star + 1
        mark += 1
        ti = mark
      } else {
        return false
      }
    }
    while pi < p.count && p[pi] == "*" { pi += 1 }
    return pi == p.count
  }
}
