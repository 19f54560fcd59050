/// Everything that can be wrong with an index on disk, each with the file and a next step.
package enum FormatError: Error, CustomStringConvertible, Equatable {
  case missingIndex(path: String)
  case unreadable(path: String, reason: String)
  case notWritable(path: String, reason: String)
  /// The file system is full (`ENOSPC`, `EDQUOT`).
  case noSpace(path: String)
  /// A signal asked the writer to stop (``WriteInterruption``).
  case interrupted(signal: Int32)
  case badMagic(path: String, expected: String)
  case wrongKind(path: String, found: String, expected: String)
  case unsupportedVersion(path: String, found: UInt16, supported: ClosedRange<UInt16>)
  case truncated(path: String, byteOffset: Int, bytesNeeded: Int)
  case checksumMismatch(path: String, stored: UInt32, computed: UInt32)
  case corrupt(path: String, byteOffset: Int, reason: String)
  case badCommit(path: String, reason: String)
  case unsupportedAnalyzer(path: String, analyzer: String)
  case locked(path: String)
  /// A file the commit names is not in the folder.
  case missingFile(path: String)

  package var description: String {
    guard let advice else { return summary }
    return summary + "; " + advice
  }

  /// What is wrong, without the next step (``advice``): `path: checksum mismatch (…)`.
  package var summary: String {
    switch self {
    case .missingIndex(let path):
      "\(path): no index here"
    case .unreadable(let path, let reason):
      "\(path): cannot read (\(reason))"
    case .notWritable(let path, let reason):
      "\(path): cannot write (\(reason))"
    case .noSpace(let path):
      "\(path): cannot write (No space left on device)"
    case .interrupted(let signal):
      "interrupted by signal \(signal)"
    case .badMagic(let path, let expected):
      "\(path): not a newsindex \(expected) file (bad magic)"
    case .wrongKind(let path, let found, let expected):
      "\(path): holds a '\(found)' file where '\(expected)' was expected"
    case .unsupportedVersion(let path, let found, let supported):
      "\(path): format version \(found) not in \(supported.lowerBound)...\(supported.upperBound)"
    case .truncated(let path, let offset, let needed):
      "\(path): truncated at byte \(offset) (\(needed) more bytes expected)"
    case .checksumMismatch(let path, let stored, let computed):
      "\(path): checksum mismatch (stored \(hex(stored)), computed \(hex(computed))); the file is damaged"
    case .corrupt(let path, let offset, let reason):
      "\(path): corrupt at byte \(offset): \(reason)"
    case .badCommit(let path, let reason):
      "\(path): unreadable commit (\(reason))"
    case .unsupportedAnalyzer(let path, let analyzer):
      "\(path): built with analyzer '\(analyzer)', which this newsindex cannot reproduce"
    case .locked(let path):
      "\(path): another build holds the write lock"
    case .missingFile(let path):
      "\(path): missing, though the commit names it"
    }
  }

  /// The next step for the user, nil when there is none to give.
  package var advice: String? {
    switch self {
    case .missingIndex(let path): "create one with 'newsindex build CORPUS --index \(path)'"
    case .unreadable, .notWritable, .noSpace, .interrupted: nil
    case .unsupportedVersion: "rebuild with 'newsindex build --rebuild'"
    case .badMagic, .wrongKind, .truncated, .checksumMismatch, .corrupt, .badCommit, .unsupportedAnalyzer,
      .missingFile:
      "rebuild the index"
    case .locked: "wait for it to finish"
    }
  }

  /// Whether the error says an index file is damaged or cannot be used by this binary (as
  /// opposed to an I/O error, a full disk or a lock): what a build refuses to build on.
  package var isDamage: Bool {
    switch self {
    case .badMagic, .wrongKind, .unsupportedVersion, .truncated, .checksumMismatch, .corrupt, .badCommit,
      .unsupportedAnalyzer, .missingFile:
      true
    case .missingIndex, .unreadable, .notWritable, .noSpace, .interrupted, .locked: false
    }
  }
}

private func hex(_ value: UInt32) -> String {
  let digits = String(value, radix: 16)
  return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
