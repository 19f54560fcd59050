/// The kinds of per-segment file; the raw value is the file name extension.
package enum IndexFileKind: String, CaseIterable, Sendable, Codable {
  /// Sorted term dictionary, front-coded in blocks, with a block index.
  case terms
  /// Doc ids and term frequencies, in blocks of ``PostingsFormat/blockSize`` with skip entries.
  case postings = "doc"
  /// Token positions, delta-coded per document.
  case positions = "pos"
  /// Field lengths (tokens) per document and field.
  case norms
  /// Stored fields per document, with an offset table.
  case store
  /// Fixed-width values per document: date, exact and near-duplicate signatures
  /// (``DocumentValues``). Optional: segments written before it existed have none.
  case documentValues = "dv"
  /// Per document, its words' ordinals and counts (``TermVectorFormat``). Optional: segments
  /// written before term vectors existed have none.
  case termVectors = "tv"

  /// The four bytes after the magic in the file header.
  package var tag: [UInt8] {
    switch self {
    case .terms: Array("TERM".utf8)
    case .postings: Array("POST".utf8)
    case .positions: Array("POSN".utf8)
    case .norms: Array("NORM".utf8)
    case .store: Array("STOR".utf8)
    case .documentValues: Array("DVAL".utf8)
    case .termVectors: Array("TVEC".utf8)
    }
  }

  package var fileExtension: String { rawValue }
}
