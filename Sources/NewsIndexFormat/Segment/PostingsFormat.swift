import NewsIndexCore

/// Constants of the postings layout, shared by writer and reader.
package enum PostingsFormat {
  /// Documents per postings block; each block has one skip entry.
  package static let blockSize = 128
  /// Term entries per front-coded block of the term dictionary.
  package static let termsPerBlock = 32
  /// Bytes of the fixed trailer at the end of the `.terms` payload.
  static let termsTrailerByteCount = 28
  /// First byte of a word stream's dictionary key: after every field's keys.
  package static let wordStreamKeyByte: UInt8 = 0xFF
  /// The title's weight in a word stream's frequency, `titleWeight · tf(title) + tf(body)`, and
  /// length, `titleWeight · length(title) + length(body)`: BM25F's default title weight.
  package static let wordStreamTitleWeight: UInt32 = 3

  /// Appends one block of doc ids and frequencies (FileFormat.md, `.doc`): bit-packed when it is
  /// full, varints otherwise. Doc ids are coded as gaps minus one from the previous one
  /// (`previousLastDoc`, the previous block's last, -1 before the first block).
  static func appendDocBlock(
    docs: [UInt32], frequencies: [UInt32], after previousLastDoc: Int64, scratch: inout [UInt32],
    to out: inout [UInt8]
  ) {
    var reference = previousLastDoc
    if docs.count == BitPacking.blockSize {
      for k in 0..<BitPacking.blockSize {
        scratch[k] = UInt32(truncatingIfNeeded: Int64(docs[k]) - reference - 1)
        reference = Int64(docs[k])
      }
      appendPacked(scratch, to: &out)
      for k in 0..<BitPacking.blockSize { scratch[k] = frequencies[k] - 1 }
      appendPacked(scratch, to: &out)
    } else {
      for k in 0..<docs.count {
        appendVarInt(UInt64(Int64(docs[k]) - reference - 1), to: &out)
        appendVarInt(UInt64(frequencies[k]), to: &out)
        reference = Int64(docs[k])
      }
    }
  }

  /// LEB128, as ``ByteWriter`` writes it, straight into `out`.
  @inline(__always) private static func appendVarInt(_ value: UInt64, to out: inout [UInt8]) {
    var rest = value
    while rest >= 0x80 {
      out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    out.append(UInt8(rest))
  }

  /// Appends 128 values packed, preceded by their bit width.
  static func appendPacked(_ values: [UInt32], to out: inout [UInt8]) {
    values.withUnsafeBufferPointer { values in
      let width = BitPacking.width(of: values)
      out.append(UInt8(width))
      BitPacking.pack(values, width: width, into: &out)
    }
  }
}

/// Where one term's data lies, as the dictionary records it.
package struct TermInfo: Sendable, Equatable {
  /// Documents containing the term (in this segment).
  package var docFreq: Int
  /// Occurrences of the term in all documents (in this segment).
  package var totalTermFreq: Int
  /// Byte offset of the term's skip table in the `.doc` payload.
  package var postingsOffset: Int
  /// Byte offset of the term's first position in the `.pos` payload.
  package var positionsOffset: Int
}
