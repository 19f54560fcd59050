/// A qrels or run file that cannot be read as TREC text.
package enum EvaluationError: Error, CustomStringConvertible, Equatable {
  /// A line with too few columns or a non-numeric value.
  case malformedLine(file: String, line: Int, expected: String)

  package var description: String {
    switch self {
    case .malformedLine(let file, let line, let expected):
      "\(file):\(line): expected \(expected); check that the file is in TREC format"
    }
  }
}
