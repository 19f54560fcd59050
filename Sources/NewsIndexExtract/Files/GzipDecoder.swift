import CZlib

/// Decompresses gzip files (`page.html.gz`, `reut2-000.sgm.gz`, TREC dumps) with zlib's
/// `inflate`, so archives are indexed as they are stored.
///
/// A file is gzip when it starts with the format's magic bytes (`1F 8B 08`), whatever its name:
/// the name only decides whether a folder walk picks the file up (``FileWalker``) and, without
/// its `.gz`, which format the content is sniffed as (``SourceFormat``). Several members one
/// after the other (`cat a.gz b.gz`) are one file, as `gunzip` reads them; bytes after the last
/// member that do not start another one are ignored, as `gunzip` does.
///
/// The decompressed size is bounded by the same limit as a plain file's size
/// (`--max-file-size`): a gzip bomb (a few KB that inflate to gigabytes) is refused once that
/// many bytes are out, never held in memory.
enum GzipDecoder {
  /// Whether `bytes` start like a gzip member (magic `1F 8B`, method 8: deflate).
  static func isGzip(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 3 && bytes[0] == 0x1F && bytes[1] == 0x8B && bytes[2] == 0x08
  }

  /// `path` without a final `.gz` (any case), or `path` itself.
  static func strippingSuffix(_ path: String) -> String {
    let tail = Array(path.utf8.suffix(3))
    guard path.utf8.count > 3, tail[0] == 0x2E, tail[1] | 0x20 == 0x67, tail[2] | 0x20 == 0x7A
    else { return path }
    return String(path.dropLast(3))
  }

  /// The decompressed content of the gzip file `input`.
  ///
  /// - Parameters:
  ///   - path: the file's escaped path, for errors.
  ///   - limit: most decompressed bytes accepted.
  /// - Throws: ``ExtractError/decompressedTooLarge(path:limit:)`` past `limit`,
  ///   ``ExtractError/malformed(path:reason:)`` for damaged or truncated data.
  static func decompress(_ input: [UInt8], path: String, limit: Int) throws(ExtractError) -> [UInt8]
  {
    var stream = z_stream()
    // 15 + 16: a 32 KB window, gzip header and trailer (CRC-32 and length are checked by zlib).
    guard nx_inflate_init(&stream, 15 + 16) == Z_OK else {
      throw .malformed(path: path, reason: "gzip: zlib could not start")
    }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    output.reserveCapacity(min(limit, max(input.count * 4, 1 << 16)))
    var chunk = [UInt8](repeating: 0, count: 1 << 18)
    var problem: ExtractError?
    input.withUnsafeBufferPointer { source in
      chunk.withUnsafeMutableBufferPointer { buffer in
        guard let base = source.baseAddress, let chunkBase = buffer.baseAddress else { return }
        var consumed = 0  // input bytes handed to zlib
        stream.next_in = UnsafeMutablePointer(mutating: base)
        stream.avail_in = 0
        while true {
          if stream.avail_in == 0 && consumed < source.count {
            // avail_in is 32 bits: feed a larger file in pieces.
            let piece = min(source.count - consumed, 1 << 30)
            stream.next_in = UnsafeMutablePointer(mutating: base + consumed)
            stream.avail_in = UInt32(piece)
            consumed += piece
          }
          stream.next_out = chunkBase
          stream.avail_out = UInt32(buffer.count)
          let status = inflate(&stream, Z_NO_FLUSH)
          let produced = buffer.count - Int(stream.avail_out)
          if output.count + produced > limit {
            problem = .decompressedTooLarge(path: path, limit: limit)
            return
          }
          output.append(contentsOf: UnsafeBufferPointer(start: chunkBase, count: produced))
          switch status {
          case Z_OK:
            continue
          case Z_STREAM_END:
            // Another member may follow; anything else after the last one is ignored.
            let remaining = Int(stream.avail_in) + (source.count - consumed)
            guard remaining >= 2, stream.next_in[0] == 0x1F, stream.next_in[1] == 0x8B else {
              return
            }
            guard inflateReset(&stream) == Z_OK else {
              problem = .malformed(path: path, reason: "gzip: zlib could not restart")
              return
            }
          case Z_BUF_ERROR:
            // No progress without more input: feed the next piece, or the data ends early.
            if stream.avail_in == 0 && consumed < source.count { continue }
            problem = .malformed(path: path, reason: "gzip data truncated")
            return
          default:
            let offset = consumed - Int(stream.avail_in)
            let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
            problem = .malformed(path: path, reason: "gzip: \(message) near byte \(offset)")
            return
          }
        }
      }
    }
    if let problem { throw problem }
    return output
  }
}
