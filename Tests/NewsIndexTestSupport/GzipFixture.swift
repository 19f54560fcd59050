import CZlib

/// Writes gzip files for tests with zlib's `deflate` (the product only reads them).
package enum GzipFixture {
  /// `bytes` as one gzip member.
  package static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
    var stream = z_stream()
    precondition(nx_deflate_init_gzip(&stream, level) == Z_OK, "zlib deflateInit2 failed")
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
    var input = bytes
    let produced = input.withUnsafeMutableBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        stream.next_in = source.baseAddress
        stream.avail_in = UInt32(source.count)
        stream.next_out = target.baseAddress
        stream.avail_out = UInt32(target.count)
        precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END, "zlib deflate did not finish")
        return target.count - Int(stream.avail_out)
      }
    }
    return Array(output.prefix(produced))
  }

  /// `text`'s UTF-8 as one gzip member.
  package static func compress(_ text: String) -> [UInt8] { compress(Array(text.utf8)) }
}
