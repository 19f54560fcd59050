/// The one `--format` vocabulary shared by every command (docs/OUTPUT.md):
///
/// - `text`: for people;
/// - `jsonl`: JSON Lines, one object per line (a hit, a group, a document, a batch query's result);
/// - `json`: one JSON document for the whole answer (a result with its count, a report), with a
///   `schema_version`;
/// - `tsv`: tab-separated columns, no header;
/// - `trec`: TREC run lines (`qid Q0 docid rank score tag`).
///
/// Each command's `Format` enum takes the names of the formats that make sense for it from here.
enum OutputFormat {
  /// The version of the JSON field names and layouts of docs/OUTPUT.md; raised when a field is
  /// renamed or removed (new fields do not raise it).
  static let schemaVersion = 1

  /// `"schema_version":N` (a member of a JSON object).
  static var schemaMember: String { "\"schema_version\":\(schemaVersion)" }
}
