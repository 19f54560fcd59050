import Foundation

/// The lines wire copy ends with, which are not part of the story: credits
/// (`Reporting by Zhang Can; Editing by Tom Lee`, in parentheses or not) and end marks
/// (`(END)`, `-30-`, `###`, a lone `■`). A Yonhap-style `(END)` closing the last paragraph's line
/// is a trailer too (``endMarkSuffix(of:)``).
enum WireTrailer {
  private static let endMarks: Set<String> = [
    "(end)", "(ends)", "end", "ends", "-30-", "- 30 -", "###", "# # #", "■", "-0-", "(more)",
  ]

  private static let creditOpenings = [
    "reporting by ", "additional reporting by ", "writing by ", "editing by ", "compiled by ",
    "reported by ", "edited by ", "written by ", "produced by ",
  ]

  /// Whether the whole (trimmed) line is a trailer.
  static func isTrailer(_ line: some StringProtocol) -> Bool {
    guard line.utf8.count <= 600 else { return false }
    let lowered = line.trimmingSpaces.lowercased()
    if endMarks.contains(lowered) { return true }
    guard lowered.count <= 300 else { return false }
    var credit = lowered[...]
    if credit.hasPrefix("(") && credit.hasSuffix(")") { credit = credit.dropFirst().dropLast() }
    return creditOpenings.contains { credit.hasPrefix($0) }
  }

  /// The names a credit line gives first (`Reporting by Zhang Can and Li Wei in Beijing; …` →
  /// `Zhang Can`, `Li Wei`), empty for an end mark or when no name reads as one.
  static func names(in line: some StringProtocol) -> [String] {
    var text = line.trimmingSpaces
    if text.hasPrefix("(") && text.hasSuffix(")") { text = text.dropFirst().dropLast() }
    guard
      let by = text.range(of: " by ", options: .caseInsensitive)
        ?? text.range(of: "by ", options: .caseInsensitive)
    else { return [] }
    var credit = text[by.upperBound...]
    if let end = credit.firstIndex(where: { $0 == ";" || $0 == "(" }) { credit = credit[..<end] }
    var names: [String] = []
    for piece in credit.split(separator: ",").flatMap({ $0.components(separatedBy: " and ") }) {
      // A name is its leading capitalised words: `Zhang Can in Beijing` → `Zhang Can`.
      let words = piece.split(separator: " ").prefix { $0.first.map { !$0.isLowercase } ?? false }
      if let name = WireByline.name(words.joined(separator: " ")[...]) { names.append(name) }
    }
    return names
  }

  /// The line without an end mark that closes it (`… the ministry said. (END)`), or `nil` when it
  /// has none.
  static func endMarkSuffix(of line: Substring) -> (kept: Substring, mark: Substring)? {
    let trimmed = line.trimmingSpaces
    for mark in ["(END)", "(ENDS)"] where trimmed.hasSuffix(" " + mark) {
      let kept = trimmed.dropLast(mark.count).trimmingSpaces
      return (kept, trimmed.suffix(mark.count))
    }
    return nil
  }
}
