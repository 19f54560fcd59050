import Foundation
import Testing

@testable import NewsIndexExtract

@Suite struct SourceSliceTests {
  /// Slicing a JSON Lines dump gives exactly the documents (and ids) of extracting it whole.
  @Test func slicesOfADumpGiveTheSameDocumentsAsTheWholeFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    var lines: [String] = []
    for i in 0..<3_000 {
      if i % 7 == 0 {
        lines.append("")  // blank lines do not count as ordinals
      }
      let id = i % 3 == 0 ? "" : "\"id\":\"doc-\(i)\","
      lines.append("{\(id)\"title\":\"Story \(i)\",\"body\":\"Body text number \(i) with some words.\"}")
    }
    let path = try folder.write("dump.jsonl", lines.joined(separator: "\n") + "\n")
    let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let file = SourceFile(path: path, relativePath: "dump.jsonl", byteCount: size, modificationTime: 0)
    let extractor = DocumentExtractor()
    let whole = try extractor.extractDocuments(from: file)
    let slices = extractor.slices(of: file, targetBytes: 20_000)
    #expect(slices.count > 5)
    #expect(slices.first?.byteRange?.lowerBound == 0)
    #expect(slices.last?.byteRange?.upperBound == size)
    for (a, b) in zip(slices, slices.dropFirst()) { #expect(a.byteRange?.upperBound == b.byteRange?.lowerBound) }
    var sliced: [String] = []
    for slice in slices { sliced += try extractor.extractDocuments(from: slice).map(\.id) }
    #expect(sliced == whole.map(\.id))
    #expect(Set(sliced).count == 3_000)
    // A small file, or another format, stays one slice.
    #expect(extractor.slices(of: file, targetBytes: size * 2).count == 1)
  }
}
