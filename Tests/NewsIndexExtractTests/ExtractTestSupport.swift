import Foundation
import NewsIndexCore
import Testing

@testable import NewsIndexExtract

/// A fresh temporary folder, removed by `remove()`.
struct TemporaryFolder {
  let path: String

  init() throws {
    let base = FileManager.default.temporaryDirectory.path
    path = base + "/newsindex-extract-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  @discardableResult
  func write(_ relativePath: String, _ text: String) throws -> String {
    try write(relativePath, bytes: Array(text.utf8))
  }

  @discardableResult
  func write(_ relativePath: String, bytes: [UInt8]) throws -> String {
    let full = path + "/" + relativePath
    let folder = (full as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: full))
    return full
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}

/// Extracts from in-memory text with the default extractor.
func extract(_ text: String, name: String) throws -> [ExtractedDocument] {
  try extract(bytes: Array(text.utf8), name: name)
}

func extract(bytes: [UInt8], name: String) throws -> [ExtractedDocument] {
  try DocumentExtractor().extractDocuments(from: bytes, path: "/tmp/" + name, relativePath: name)
}

/// The single document of a file, failing the test when there is not exactly one.
func single(_ text: String, name: String) throws -> ExtractedDocument {
  let documents = try extract(text, name: name)
  try #require(documents.count == 1)
  return documents[0]
}

func single(bytes: [UInt8], name: String) throws -> ExtractedDocument {
  let documents = try extract(bytes: bytes, name: name)
  try #require(documents.count == 1)
  return documents[0]
}

/// Where the shared evaluation corpora live: `shared/` beside the repository (as on the team's
/// machines and in CI). Tests that need them are skipped, with this folder named, when absent.
enum SharedCorpora {
  /// The repository root, found from this file's location.
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path
  static let root = URL(fileURLWithPath: repository).deletingLastPathComponent()
    .appendingPathComponent("shared/corpora").path
  static let sampleText = repository + "/corpus/text"
  static let reuters = root + "/reuters21578/distribution"
  static let rssFeeds = root + "/xml-news/rss-feeds"
  static let newsML = root + "/xml-news/newsml-g2-dpa"
  static let readabilityPages = root + "/html-news-pages/readability-test-pages"

  static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
