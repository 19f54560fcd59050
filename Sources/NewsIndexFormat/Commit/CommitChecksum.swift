import Foundation
import NewsIndexCore

/// The integrity check of `meta.json`: a `checksum` field beside the commit's own fields.
///
/// `checksum` is the CRC-32C of the commit's *canonical encoding*: the ``Commit`` as decoded,
/// re-encoded by `JSONEncoder` with `.sortedKeys` and no other formatting, without the
/// `checksum` field. Whitespace, key order and number spelling (`5` vs `5.0`) are not part of
/// it, so a pretty-printer or a reformatting editor is harmless; any change of a value is seen.
/// A commit without the field (written before checksums, format 2) is still read: the reader
/// cannot verify it, and `newsindex check` warns; the next build writes a checksummed commit.
/// Either way, a top-level key the commit does not know is refused, so a damaged `checksum` key
/// cannot pass for an old commit.
package enum CommitChecksum {
  /// The JSON key of the checksum.
  package static let key = "checksum"

  /// The CRC-32C of `commit`'s canonical encoding (see the type's documentation).
  package static func checksum(of commit: Commit) throws(FormatError) -> UInt32 {
    try CRC32C.checksum(canonicalBytes(of: commit))
  }

  /// `commit` as `meta.json` bytes: pretty-printed with sorted keys, plus the `checksum` field.
  package static func encode(_ commit: Commit, path: String) throws(FormatError) -> [UInt8] {
    let checksum: UInt32
    do { checksum = try Self.checksum(of: commit) } catch {
      throw .notWritable(path: path, reason: "cannot encode commit")
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do {
      return Array(try encoder.encode(Checksummed(commit: commit, checksum: checksum)))
    } catch {
      throw .notWritable(path: path, reason: "cannot encode commit")
    }
  }

  /// Decodes `meta.json` bytes and verifies them.
  ///
  /// - Returns: the commit, and whether it carried a checksum (nil checksum: an old commit,
  ///   read unverified).
  /// - Throws: `FormatError.badCommit` for bytes that are not a commit or hold an unknown
  ///   top-level key, `.checksumMismatch` when the values differ from what was checksummed.
  static func decode(_ data: Data, path: String) throws(FormatError) -> (commit: Commit, checksum: UInt32?) {
    let commit: Commit
    let stored: StoredChecksum
    let object: [String: Any]
    do {
      commit = try JSONDecoder().decode(Commit.self, from: data)
      stored = try JSONDecoder().decode(StoredChecksum.self, from: data)
      guard let parsed = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw FormatError.badCommit(path: path, reason: "not a JSON object")
      }
      object = parsed
    } catch {
      throw .badCommit(path: path, reason: "not a newsindex meta.json")
    }
    // Another format's commit may have other fields: the caller reports its version instead.
    guard FormatVersion.readable.contains(commit.formatVersion) else { return (commit, stored.checksum) }
    let canonical = try canonicalBytes(of: commit, path: path)
    let known = (try? JSONSerialization.jsonObject(with: Data(canonical)) as? [String: Any])?.keys
    let unknown = Set(object.filter { !($0.value is NSNull) }.keys).subtracting(known.map(Set.init) ?? []).subtracting([key])
    if let first = unknown.sorted().first {
      throw .badCommit(path: path, reason: "unknown field '\(first)'")
    }
    if let checksum = stored.checksum {
      let computed = CRC32C.checksum(canonical)
      guard computed == checksum else {
        throw .checksumMismatch(path: path, stored: checksum, computed: computed)
      }
    }
    return (commit, stored.checksum)
  }

  private static func canonicalBytes(of commit: Commit, path: String = "meta.json") throws(FormatError) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    do { return Array(try encoder.encode(commit)) } catch {
      throw .badCommit(path: path, reason: "cannot re-encode the commit")
    }
  }

  /// A commit encoded with its checksum in the same JSON object.
  private struct Checksummed: Encodable {
    let commit: Commit
    let checksum: UInt32

    func encode(to encoder: any Encoder) throws {
      try commit.encode(to: encoder)
      var container = encoder.container(keyedBy: StoredChecksum.CodingKeys.self)
      try container.encode(checksum, forKey: .checksum)
    }
  }

  /// The checksum field alone (the commit's decoder ignores it).
  private struct StoredChecksum: Decodable {
    let checksum: UInt32?

    enum CodingKeys: String, CodingKey { case checksum }
  }
}
