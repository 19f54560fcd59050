package import NewsIndexCore

/// A parsed query, before analysis: the words are still the user's text.
package indirect enum Query: Equatable, Sendable {
  /// A word; `field` nil means title and body. Analysis may turn it into several terms
  /// (`free-trade`, CJK text), which then must appear as a phrase.
  case term(field: Field?, text: String)
  /// An exact phrase: analyzed terms at consecutive positions.
  case phrase(field: Field?, text: String)
  case boolean([Clause])
  /// A clause whose score is multiplied by `boost` (`word^2`, `"a phrase"^1.5`, `(a OR b)^0.5`),
  /// as in Lucene's classic query parser; 0 keeps the clause for matching only.
  case boosted(Query, boost: Double)

  /// How a clause of a boolean query takes part in matching.
  package enum Occur: Equatable, Sendable {
    /// Optional; adds to the score. A boolean with no `must` clause needs one `should` to match.
    case should
    /// Required (`+word`, `a AND b`).
    case must
    /// Excluded (`-word`, `NOT word`); never scores.
    case mustNot
  }

  package struct Clause: Equatable, Sendable {
    package var occur: Occur
    package var query: Query

    package init(_ occur: Occur, _ query: Query) {
      self.occur = occur
      self.query = query
    }
  }
}
