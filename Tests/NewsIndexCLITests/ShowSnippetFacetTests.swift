import Foundation
import NewsIndexTestSupport
import Testing

/// Issue 18, items 2–4 on the sample corpus: `show`, snippets that follow the query, facets and
/// timelines.
@Suite(.serialized) final class ShowSnippetFacetTests {
  let cli = CommandRunner()
  let folder = TemporaryDirectory("newsindex-show")
  var index: String { folder.file("index") }

  init() throws {
    let built = try CommandRunner().run(["build", "corpus", "--index", folder.file("index"), "--threads", "2", "--languages"])
    precondition(built.status == 0, built.stderr)
  }

  deinit { folder.remove() }

  func jsonLines(_ arguments: [String]) throws -> [[String: Any]] {
    try cli.run(arguments + ["--index", index]).stdout.split(separator: "\n").compactMap {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  @Test func showPrintsTheStoredArticleWithItsAbsolutePath() throws {
    let id = "text/korea-canada-free-trade-agreement.txt"
    let text = try cli.run(["show", id, "--index", index])
    #expect(text.status == 0, "\(text.stderr)")
    let absolute = CommandRunner.repositoryRoot.path + "/corpus/" + id
    #expect(text.stdout.contains("path: " + absolute), "\(text.stdout)")
    #expect(FileManager.default.fileExists(atPath: absolute))
    let json = try #require(try jsonLines(["show", id, "--format", "json"]).first)
    #expect(json["id"] as? String == id)
    #expect((json["body"] as? String ?? "").count > 200)
    #expect(json["absolute_path"] as? String == absolute)
    let missing = try cli.run(["show", "no/such/doc.txt", "--index", index])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("no document with id no/such/doc.txt"))
  }

  @Test func showHighlightMarksPhrasesAsUnitsAndOffsetsPointAtTheText() throws {
    let id = "text/korea-canada-free-trade-agreement.txt"
    let marked = try cli.run(["show", id, "--index", index, "--highlight", "\"free trade agreement\" korea"]).stdout
    #expect(marked.contains("[[free trade agreement]]") || marked.contains("[[Free Trade Agreement]]"), "\(marked)")
    let json = try #require(try jsonLines(["show", id, "--format", "json", "--highlight", "\"free trade agreement\" korea"]).first)
    let body = try #require(json["body"] as? String)
    let matches = try #require(json["body_matches"] as? [[String: [Int]]])
    #expect(!matches.isEmpty)
    for match in matches {
      let text = Self.slice(body, match)
      let lower = text.lowercased()
      #expect(lower.hasPrefix("korea") || lower.replacingOccurrences(of: "-", with: " ") == "free trade agreement", "\(text)")
    }
  }

  /// The text at a match's UTF-8 offsets, checked against its UTF-16 offsets.
  static func slice(_ text: String, _ match: [String: [Int]]) -> String {
    let utf8 = Array(text.utf8)
    let bytes = match["utf8"]!
    let byUTF8 = String(decoding: utf8[bytes[0]..<bytes[1]], as: UTF8.self)
    let units = match["utf16"]!
    let byUTF16 = (text as NSString).substring(with: NSRange(location: units[0], length: units[1] - units[0]))
    #expect(byUTF8 == byUTF16, "UTF-8 \(bytes) and UTF-16 \(units) offsets disagree")
    return byUTF8
  }

  @Test func searchFragmentsHighlightOnlyTheQueryAndCarryOffsets() throws {
    let hits = try jsonLines(["search", "\"free trade agreement\" korea", "--format", "jsonl", "--fragments", "3"])
    #expect(!hits.isEmpty)
    for hit in hits {
      #expect((hit["absolute_path"] as? String)?.hasPrefix("/") == true)
      let fragments = try #require(hit["fragments"] as? [[String: Any]])
      #expect(fragments.count <= 3)
      for fragment in fragments {
        let text = try #require(fragment["text"] as? String)
        for match in try #require(fragment["matches"] as? [[String: [Int]]]) {
          let lower = Self.slice(text, match).lowercased()
          // Never a lone word of the phrase ("trade ties").
          #expect(lower.hasPrefix("korea") || lower.replacingOccurrences(of: "-", with: " ") == "free trade agreement", "\(lower)")
        }
      }
      let title = try #require(hit["title"] as? String)
      for match in try #require(hit["title_matches"] as? [[String: [Int]]]) {
        let lower = Self.slice(title, match).lowercased()
        #expect(lower.hasPrefix("korea") || lower.replacingOccurrences(of: "-", with: " ") == "free trade agreement")
      }
    }
    let titled = hits.filter { ($0["title_matches"] as? [Any])?.isEmpty == false }
    #expect(!titled.isEmpty, "a title holding the phrase is highlighted")
  }

  @Test func feedbackWordsAreNeverHighlighted() throws {
    for hit in try jsonLines(["search", "cocoa", "--format", "jsonl", "--rm3", "-k", "20"]) {
      for fragment in hit["fragments"] as? [[String: Any]] ?? [] {
        for match in fragment["matches"] as? [[String: [Int]]] ?? [] {
          #expect(Self.slice(fragment["text"] as! String, match).lowercased().hasPrefix("cocoa"))
        }
      }
    }
  }

  @Test func facetCountsEqualACountOverEveryHit() throws {
    let all = try jsonLines(["search", "the OR rates OR trade", "--format", "jsonl", "-k", "1000", "--no-collapse"])
    #expect(all.count > 10)
    var years: [String: Int] = [:]
    var sources: [String: Int] = [:]
    for hit in all {
      let date = hit["date"] as? String ?? ""
      if date.count >= 4, Int(date.prefix(4)) != nil { years[String(date.prefix(4)), default: 0] += 1 }
      let source = hit["source"] as? String ?? ""
      if !source.isEmpty { sources[source, default: 0] += 1 }
    }
    let byYear = try #require(try jsonLines(["search", "the OR rates OR trade", "--facet", "year", "--format", "json"]).first)
    #expect(byYear["matches"] as? Int == all.count)
    var counted: [String: Int] = [:]
    for bucket in byYear["buckets"] as? [[String: Any]] ?? [] where (bucket["count"] as? Int ?? 0) > 0 {
      counted[bucket["value"] as! String] = bucket["count"] as? Int
    }
    #expect(counted == years)
    let bySource = try #require(try jsonLines(["search", "the OR rates OR trade", "--facet", "source", "--format", "json"]).first)
    var countedSources: [String: Int] = [:]
    for bucket in bySource["buckets"] as? [[String: Any]] ?? [] {
      countedSources[bucket["value"] as! String] = bucket["count"] as? Int
    }
    #expect(countedSources == sources)
    #expect(!sources.isEmpty)
    // Date filters apply to facets as to hits.
    let since = try jsonLines(["search", "the OR rates OR trade", "--format", "jsonl", "-k", "1000", "--no-collapse", "--since", "2025-03"])
    let filtered = try #require(
      try jsonLines(["search", "the OR rates OR trade", "--facet", "month", "--format", "json", "--since", "2025-03"]).first)
    #expect(filtered["matches"] as? Int == since.count)
    #expect(since.count < all.count)
  }

  @Test func languageFacetCountsWhatExtractionReports() throws {
    // Brute force: each document's language as `extract` reports it, over every hit.
    let extracted = try cli.run(["extract", "corpus", "--format", "jsonl"]).stdout.split(separator: "\n").compactMap {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    var languageOf: [String: String] = [:]
    for document in extracted { languageOf[document["id"] as! String] = document["language"] as? String ?? "" }
    var expected: [String: Int] = [:]
    for hit in try jsonLines(["search", "the OR rates OR trade OR 한국 OR 芯片", "--format", "jsonl", "-k", "1000", "--no-collapse"]) {
      let language = languageOf[hit["id"] as! String] ?? ""
      if !language.isEmpty { expected[language, default: 0] += 1 }
    }
    #expect(Set(expected.keys) == ["en", "ko", "zh"], "\(expected)")
    let facet = try #require(try jsonLines(["search", "the OR rates OR trade OR 한국 OR 芯片", "--facet", "language", "--format", "json"]).first)
    var counted: [String: Int] = [:]
    for bucket in facet["buckets"] as? [[String: Any]] ?? [] { counted[bucket["value"] as! String] = bucket["count"] as? Int }
    #expect(counted == expected)
  }

  @Test func timelineListsEveryMonthBetweenTheFirstAndTheLast() throws {
    let output = try cli.run(["timeline", "the OR rates OR trade", "--by", "month", "--index", index])
    #expect(output.status == 0, "\(output.stderr)")
    let rows = output.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
    #expect(rows.count >= 2)
    var previous: (Int, Int)?
    for row in rows {
      #expect(row.count == 2)
      let parts = row[0].split(separator: "-").compactMap { Int($0) }
      #expect(parts.count == 2)
      if let (year, month) = previous {
        #expect(parts[0] * 12 + parts[1] == year * 12 + month + 1, "\(row)")
      }
      previous = (parts[0], parts[1])
    }
    let json = try #require(try jsonLines(["timeline", "the OR rates OR trade", "--by", "year", "--format", "json"]).first)
    let total = (json["buckets"] as? [[String: Any]] ?? []).reduce(0) { $0 + ($1["count"] as? Int ?? 0) }
    #expect(total + (json["missing"] as? Int ?? 0) == json["matches"] as? Int)
    #expect(try cli.run(["timeline", "zzzqqq", "--index", index]).status == 1)
  }
}
