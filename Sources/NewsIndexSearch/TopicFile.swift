/// TREC topic files (`<top> <num> … <title> … <desc> … <narr> … </top>`) read as batch queries.
///
/// Each topic becomes one ``BatchQuery`` whose id is the `<num>` value (without `Number:`) and
/// whose text is the chosen field(s), made plain: characters of the query syntax (`"`, `(`, `)`,
/// `+`, `:`, a leading `-`, …) become spaces and the operators `AND`/`OR`/`NOT` become words, so
/// a natural-language topic is a ranked OR of its words whatever punctuation it holds.
package enum TopicFile {
  /// Which part of a topic is searched.
  package enum Field: String, Sendable, CaseIterable {
    case title
    case description
    /// Title and description together.
    case both
  }

  /// Whether `input` looks like a TREC topic file (holds `<top>`).
  package static func isTopicFile(_ input: String) -> Bool {
    input.contains("<top>")
  }

  /// The topics of `input`, in file order; a topic without the chosen text is skipped.
  package static func parse(_ input: String, field: Field) -> [BatchQuery] {
    var queries: [BatchQuery] = []
    var lineNumber = 1
    var rest = Substring(input)
    while let start = rest.range(of: "<top>") {
      lineNumber += rest[..<start.lowerBound].count { $0 == "\n" }
      let body = rest[start.upperBound...]
      let end = body.range(of: "</top>")?.lowerBound ?? body.endIndex
      let topic = body[..<end]
      let sections = sections(of: topic)
      let number = (sections["num"] ?? "").replacing("Number:", with: "")
      let title = sections["title"] ?? ""
      let description = (sections["desc"] ?? "").replacing("Description:", with: "")
      let text: String
      switch field {
      case .title: text = title
      case .description: text = description
      case .both: text = title + " " + description
      }
      let id = words(number).joined(separator: " ")
      let plain = plainQuery(text)
      if !plain.isEmpty {
        queries.append(BatchQuery(id: id.isEmpty ? String(queries.count + 1) : id, text: plain, lineNumber: lineNumber))
      }
      lineNumber += topic.count { $0 == "\n" }
      rest = body[end...]
    }
    return queries
  }

  /// The text after each `<tag>` up to the next tag, closing tags (`</title>`) removed.
  private static func sections(of topic: Substring) -> [String: String] {
    var result: [String: String] = [:]
    var current: String?
    var text = ""
    var i = topic.startIndex
    while i < topic.endIndex {
      if topic[i] == "<", let close = topic[i...].firstIndex(of: ">") {
        let tag = topic[topic.index(after: i)..<close]
        if let name = current { result[name] = text }
        if tag.hasPrefix("/") {
          current = nil
        } else {
          current = tag.lowercased()
          text = ""
        }
        i = topic.index(after: close)
        continue
      }
      if current != nil { text.append(topic[i]) }
      i = topic.index(after: i)
    }
    if let name = current { result[name] = text }
    return result
  }

  private static func words(_ text: String) -> [Substring] {
    text.split(whereSeparator: { $0.isWhitespace })
  }

  /// `text` with query-syntax characters turned into spaces and operators into plain words.
  package static func plainQuery(_ text: String) -> String {
    let syntax: Set<Character> = ["\"", "(", ")", "+", ":", "!", "&", "|", "*", "?", "~", "^", "[", "]", "{", "}", "\\"]
    let cleaned = String(text.map { syntax.contains($0) ? " " : $0 })
    return words(cleaned).compactMap { word -> String? in
      var word = word
      while word.first == "-" { word = word.dropFirst() }
      if word.isEmpty { return nil }
      return word == "AND" || word == "OR" || word == "NOT" ? word.lowercased() : String(word)
    }.joined(separator: " ")
  }
}
