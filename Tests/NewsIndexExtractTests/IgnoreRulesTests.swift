import Testing

@testable import NewsIndexExtract

struct IgnoreRulesTests {
  func excluded(_ rules: [String], _ path: String, folder: Bool = false) -> Bool? {
    IgnoreRules(lines: rules).decision(relativePath: Array(path.utf8), isFolder: folder)
  }

  @Test func unanchoredPatternsMatchANameAtAnyDepth() {
    #expect(excluded(["*.tmp"], "a/b/c.tmp") == true)
    #expect(excluded(["*.tmp"], "a/b/c.txt") == nil)
    #expect(excluded(["draft?.txt"], "x/draft1.txt") == true)
    #expect(excluded(["draft?.txt"], "x/draft12.txt") == nil)
  }

  @Test func aSlashAnchorsThePatternToItsFolder() {
    #expect(excluded(["/top.txt"], "top.txt") == true)
    #expect(excluded(["/top.txt"], "sub/top.txt") == nil)
    #expect(excluded(["sub/*.txt"], "sub/a.txt") == true)
    #expect(excluded(["sub/*.txt"], "sub/deeper/a.txt") == nil, "* stays within one name")
    #expect(excluded(["sub/**/a.txt"], "sub/deeper/still/a.txt") == true)
    #expect(excluded(["sub/**/a.txt"], "sub/a.txt") == true)
    #expect(excluded(["**/cache"], "x/y/cache", folder: true) == true)
    #expect(excluded(["logs/**"], "logs/2025/a.txt") == true)
  }

  @Test func folderPatternsMatchFoldersOnlyAndTheLastMatchDecides() {
    #expect(excluded(["drafts/"], "drafts", folder: true) == true)
    #expect(excluded(["drafts/"], "drafts", folder: false) == nil)
    #expect(excluded(["*.txt", "!keep.txt"], "keep.txt") == false)
    #expect(excluded(["!keep.txt", "*.txt"], "keep.txt") == true)
    #expect(excluded(["# a comment", "", "   "], "a.txt") == nil)
    #expect(excluded(["\\#hash.txt"], "#hash.txt") == true)
  }

  @Test func classesAndEscapes() {
    #expect(excluded(["file[0-9].txt"], "file7.txt") == true)
    #expect(excluded(["file[0-9].txt"], "filex.txt") == nil)
    #expect(excluded(["file[!0-9].txt"], "filex.txt") == true)
    #expect(excluded(["a\\*b"], "a*b") == true)
    #expect(excluded(["a\\*b"], "axb") == nil)
    #expect(excluded(["[unclosed"], "[unclosed") == true)
  }
}

struct NonArticleTests {
  @Test func projectFilesAreNoArticlesByName() {
    #expect(NonArticle.reason(forName: "README.md") != nil)
    #expect(NonArticle.reason(forName: "LICENSE") != nil)
    #expect(NonArticle.reason(forName: "Changelog.txt") != nil)
    #expect(NonArticle.reason(forName: "readmeter-prices.txt") == nil)
  }

  @Test func jsonWithoutTextAndListsAreNoArticles() {
    #expect(NonArticle.reason(forName: "meta.json", sample: Array("{\"title\":\"x\"}".utf8)) != nil)
    #expect(NonArticle.reason(forName: "docs.json", sample: Array("[{\"title\":\"x\",\"body\":\"y\"}]".utf8)) == nil)
    let list = (1...25).map { "entry \($0)" }.joined(separator: "\n")
    #expect(NonArticle.reason(forName: "places.txt", sample: Array(list.utf8)) != nil)
    // A story with a table of results below its paragraphs stays an article.
    let story =
      "Title\n\n" + String(repeating: "word ", count: 60) + "\n\n" + (1...25).map { "\($0) Player (Team)" }.joined(separator: "\n")
    #expect(NonArticle.reason(forName: "story.txt", sample: Array(story.utf8)) == nil)
    // A few short lines are a short story, not a list.
    #expect(NonArticle.reason(forName: "brief.txt", sample: Array("Rates held\n\nThe bank held rates\n".utf8)) == nil)
  }
}

struct IgnoreRulesCostTests {
  @Test func aPatternFullOfStarsIsDecidedQuickly() {
    let rules = IgnoreRules(lines: ["*a*a*a*a*a*a*a*a*a*a*a*a*b", "**/**/**/**/**/**/x"])
    let name = Array(String(repeating: "a", count: 250).utf8)
    let deep = Array((String(repeating: "d/", count: 120) + "y").utf8)
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      #expect(rules.decision(relativePath: name, isFolder: false) == nil)
      #expect(rules.decision(relativePath: deep, isFolder: false) == nil)
    }
    #expect(elapsed < .seconds(2), "\(elapsed)")
  }
}
