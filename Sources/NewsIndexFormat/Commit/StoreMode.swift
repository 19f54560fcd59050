package import NewsIndexCore

/// How much of each document an index keeps in its `.store` files (`build --store`).
///
/// The store is the largest part of an index (about as large as the postings on news text),
/// and users who keep their originals may not need the copy. Ids are always kept (run files,
/// every output names documents by id), as are the per-document values (`.dv`: date and
/// duplicate signatures), so searching, date filters and collapsing work the same in every mode.
package enum StoreMode: String, Codable, Sendable, CaseIterable {
  /// Every field: hits show title, date, byline, source, path and a snippet of the body.
  case full
  /// Everything but the body: hits show title, date, credits and path, with no snippet.
  case compact
  /// The id, date and path only: hits show their id, date and path.
  case none

  /// What the store keeps of `document`.
  package func stored(_ document: ExtractedDocument) -> ExtractedDocument {
    switch self {
    case .full: return document
    case .compact:
      var kept = document
      kept.body = ""
      return kept
    case .none:
      return ExtractedDocument(id: document.id, path: document.path, date: document.date)
    }
  }

  /// The mode a commit records (nil, as before the option existed, is `full`).
  package init(recorded: StoreMode?) { self = recorded ?? .full }

  /// Said where a hit's body (or title) would be, so that nobody mistakes it for an empty story.
  package var missingText: String? {
    switch self {
    case .full: nil
    case .compact: "(no snippet: the body is not stored, index built with --store compact)"
    case .none: "(not stored: index built with --store none)"
    }
  }
}
