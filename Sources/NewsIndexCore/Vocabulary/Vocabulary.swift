/// A document's number inside one segment, dense from 0 in the order documents were added.
package typealias DocID = UInt32

/// A term's number inside one in-memory term table (never written to disk).
package typealias TermID = UInt32

/// The indexed text fields of a news document.
///
/// The raw value is the byte written in front of every term key on disk, so the order and the
/// numbers are part of the index format and never change.
package enum Field: UInt8, CaseIterable, Sendable, Hashable, CustomStringConvertible {
  case title = 0
  case body = 1
  /// The reporters' names (`byline:"zhang can"`); searched only when named.
  case byline = 2
  /// The agency or publisher (`source:xinhua`); searched only when named.
  case source = 3

  /// The fields a query without a field name searches and ranks (BM25F over title and body):
  /// byline and source are searched only when a query names them, so they never move rankings.
  package static let ranked: [Field] = [.title, .body]

  /// The name used in queries (`title:korea`) and in `stats`.
  package var name: String {
    switch self {
    case .title: "title"
    case .body: "body"
    case .byline: "byline"
    case .source: "source"
    }
  }

  package var description: String { name }

  /// Looks a field up by its query name, ignoring ASCII case.
  package init?(name: some StringProtocol) {
    switch name.lowercased() {
    case "title": self = .title
    case "body", "text": self = .body
    case "byline", "author": self = .byline
    case "source", "agency": self = .source
    default: return nil
    }
  }
}
