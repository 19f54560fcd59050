import Foundation

/// A fresh folder under the system temp directory, removed by ``remove()``.
package struct TemporaryDirectory: Sendable {
  package let path: String

  package init(_ label: String = "newsindex-test") {
    self.init(label, under: FileManager.default.temporaryDirectory.path)
  }

  private init(_ label: String, under parent: String) {
    path = URL(fileURLWithPath: parent).appendingPathComponent("\(label)-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// A folder in memory (`/dev/shm`) when there is one, where `fsync` costs nothing: for tests
  /// that write hundreds of small indexes. Elsewhere a folder under the system temp directory.
  package static func inMemory(_ label: String) -> TemporaryDirectory {
    var isDirectory: ObjCBool = false
    let shm = "/dev/shm"
    guard FileManager.default.fileExists(atPath: shm, isDirectory: &isDirectory), isDirectory.boolValue,
      FileManager.default.isWritableFile(atPath: shm)
    else { return TemporaryDirectory(label) }
    return TemporaryDirectory(label, under: shm)
  }

  package func file(_ name: String) -> String { path + "/" + name }

  /// Writes `contents` to `name` (creating subfolders) and returns its path.
  @discardableResult
  package func write(_ name: String, _ contents: String) -> String {
    write(name, bytes: Array(contents.utf8))
  }

  @discardableResult
  package func write(_ name: String, bytes: [UInt8]) -> String {
    let target = file(name)
    try? FileManager.default.createDirectory(
      atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: target, contents: Data(bytes))
    return target
  }

  package func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}
