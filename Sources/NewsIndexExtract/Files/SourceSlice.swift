import Foundation
import Glibc
package import NewsIndexCore

/// A part of a source file that can be extracted on its own: the whole file, or a run of whole
/// lines of a large JSON Lines dump (so one big dump is extracted and indexed in parallel, in
/// bounded memory).
package struct SourceSlice: Sendable {
  package var file: SourceFile
  /// The bytes of the slice, starting and ending at line starts; nil for the whole file.
  package var byteRange: Range<Int>?
  /// Non-empty lines before the slice (ids of lines without one continue the file's numbering).
  package var firstOrdinal: Int

  package var byteCount: Int { byteRange?.count ?? file.byteCount }
}

extension DocumentExtractor {
  /// Splits a JSON Lines file larger than `targetBytes` into line-aligned slices of about that
  /// size; any other file is one slice.
  ///
  /// Slices of a dump are not held to `maxFileBytes` (each is small); other files are.
  package func slices(of file: SourceFile, targetBytes: Int) -> [SourceSlice] {
    let whole = [SourceSlice(file: file, byteRange: nil, firstOrdinal: 0)]
    let ext = SourceFormat.fileExtension(file.relativePath)
    guard ext == "jsonl" || ext == "ndjson", targetBytes > 0, file.byteCount > targetBytes + targetBytes / 2 else {
      return whole
    }
    let fd = EscapedPath.withCPath(file.rawPath) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
    guard fd >= 0 else { return whole }
    defer { close(fd) }
    var slices: [SourceSlice] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var offset = 0
    var sliceStart = 0
    var sliceOrdinal = 0
    var ordinal = 0
    var lineHasContent = false
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { break }
      // Jump from newline to newline with memchr; only the bytes after each are looked at.
      buffer.withUnsafeBytes { raw in
        let base = raw.baseAddress!
        var i = 0
        while i < n {
          guard let hit = memchr(base + i, 0x0A, n - i) else {
            for k in i..<n where raw[k] != 0x20 && raw[k] != 0x09 && raw[k] != 0x0D {
              lineHasContent = true
              break
            }
            break
          }
          let newline = base.distance(to: UnsafeRawPointer(hit))
          if !lineHasContent {
            for k in i..<newline where raw[k] != 0x20 && raw[k] != 0x09 && raw[k] != 0x0D {
              lineHasContent = true
              break
            }
          }
          if lineHasContent { ordinal += 1 }
          lineHasContent = false
          let nextLine = offset + newline + 1
          if nextLine - sliceStart >= targetBytes && file.byteCount - nextLine > targetBytes / 2 {
            slices.append(SourceSlice(file: file, byteRange: sliceStart..<nextLine, firstOrdinal: sliceOrdinal))
            sliceStart = nextLine
            sliceOrdinal = ordinal
          }
          i = newline + 1
        }
      }
      offset += n
    }
    guard !slices.isEmpty else { return whole }
    slices.append(SourceSlice(file: file, byteRange: sliceStart..<max(offset, sliceStart), firstOrdinal: sliceOrdinal))
    return slices
  }

  /// Extracts the documents of one slice (the whole file when the slice has no byte range).
  package func extractDocuments(from slice: SourceSlice) throws(ExtractError) -> [ExtractedDocument] {
    guard let range = slice.byteRange else { return try extractDocuments(from: slice.file) }
    let fd = EscapedPath.withCPath(slice.file.rawPath) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
    guard fd >= 0 else { throw .unreadable(path: slice.file.path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: range.count)
    var done = 0
    while done < range.count {
      let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, range.count - done, off_t(range.lowerBound + done)) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { break }
      done += n
    }
    bytes.removeSubrange(done...)
    let utf8 = CharsetDecoder.utf8Bytes(bytes, declared: nil)
    let context = ExtractionContext(relativePath: slice.file.relativePath)
    return JSONLinesExtractor.extract(utf8, context: context, firstOrdinal: slice.firstOrdinal).documents
  }
}
