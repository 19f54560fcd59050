import Foundation
import NewsIndexTestSupport
import Testing

/// Issue 18, item 1: an index remembers its roots; building one root leaves the others alone;
/// excludes, `.newsindexignore` and non-articles are passed over with a reason.
@Suite final class SourceRootsTests {
  let cli = CommandRunner()
  let folder = TemporaryDirectory("newsindex-roots")
  var index: String { folder.file("idx") }

  deinit { folder.remove() }

  func story(_ title: String, _ body: String) -> String { "\(title)\n\n\(body)\n" }

  func build(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandRunner.Output {
    try cli.run(["build"] + arguments + ["--index", index, "--threads", "1"], environment: environment)
  }

  func ids(_ query: String) throws -> [String] {
    let output = try cli.run(["search", query, "--index", index, "--format", "jsonl", "-k", "50", "--no-collapse"])
    return output.stdout.split(separator: "\n").compactMap { line in
      (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
    }.sorted()
  }

  @Test func twoRootsWithTheSameFileNamesGetDistinctIdsAndPaths() throws {
    folder.write("north/a.txt", story("Harbour reopens", "The harbour of Aberdeen reopened after the storm."))
    folder.write("south/a.txt", story("Harbour closes", "The harbour of Plymouth closed before the storm."))
    let first = try build([folder.file("north")])
    #expect(first.status == 0, "\(first.stderr)")
    let second = try build([folder.file("south")])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.contains("1 added, 0 updated, 0 deleted"), "\(second.stdout)")
    #expect(try ids("harbour") == ["a.txt", "south/a.txt"])
    let hits = try cli.run(["search", "plymouth", "--index", index, "--format", "jsonl"]).stdout
    let hit = try #require(try JSONSerialization.jsonObject(with: Data(hits.utf8)) as? [String: Any])
    #expect(hit["absolute_path"] as? String == folder.file("south/a.txt"))
    let aberdeen = try cli.run(["show", "a.txt", "--index", index, "--format", "json"]).stdout
    let shown = try #require(try JSONSerialization.jsonObject(with: Data(aberdeen.utf8)) as? [String: Any])
    #expect(shown["absolute_path"] as? String == folder.file("north/a.txt"))
  }

  @Test func addingARootKeepsTheOthersDocumentsAndABareBuildUpdatesEveryRoot() throws {
    folder.write("one/x.txt", story("Cocoa prices", "Cocoa prices rose in Accra."))
    folder.write("two/y.txt", story("Coffee prices", "Coffee prices fell in Santos."))
    #expect(try build([folder.file("one")]).status == 0)
    #expect(try build([folder.file("two")]).status == 0)
    #expect(try ids("prices") == ["two/y.txt", "x.txt"])
    // Building the first root again changes nothing of the second's.
    let again = try build([folder.file("one")])
    #expect(again.stdout.contains("nothing to do"), "\(again.stdout)")
    #expect(try ids("coffee") == ["two/y.txt"])
    // With no path, every recorded root is updated.
    folder.write("two/y.txt", story("Coffee prices", "Coffee prices fell in Santos and in Vitoria."))
    folder.write("one/z.txt", story("Tea prices", "Tea prices held in Mombasa."))
    let bare = try build([])
    #expect(bare.status == 0, "\(bare.stderr)")
    #expect(bare.stdout.contains("1 added, 1 updated, 0 deleted"), "\(bare.stdout)")
    #expect(try ids("vitoria") == ["two/y.txt"])
    #expect(try ids("mombasa") == ["z.txt"])
    // A file deleted from one root is deleted from the index by a bare build.
    try FileManager.default.removeItem(atPath: folder.file("one/z.txt"))
    #expect(try build([]).stdout.contains("0 added, 0 updated, 1 deleted"))
    #expect(try ids("mombasa").isEmpty)
  }

  @Test func removeDropsOneRootAndRefusesAPathThatIsNone() throws {
    folder.write("keep/k.txt", story("Rice harvest", "The rice harvest was large."))
    folder.write("drop/d.txt", story("Rice exports", "Rice exports were banned."))
    #expect(try build([folder.file("keep")]).status == 0)
    #expect(try build([folder.file("drop")]).status == 0)
    let removed = try cli.run(["remove", folder.file("drop"), "--index", index])
    #expect(removed.status == 0, "\(removed.stderr)")
    #expect(try ids("rice") == ["k.txt"])
    let meta = try String(contentsOfFile: folder.file("idx/meta.json"), encoding: .utf8)
    #expect(!meta.contains(folder.file("drop")))
    let notRoot = try cli.run(["remove", folder.file("elsewhere"), "--index", index])
    #expect(notRoot.status == 2)
    #expect(notRoot.stderr.contains("is not a root"), "\(notRoot.stderr)")
    // The remaining root is what a bare build updates.
    #expect(try build([]).stdout.contains("nothing to do"))
  }

  @Test func excludesAreRecordedAndIgnoreFilesFollowGitignoreSyntax() throws {
    folder.write("news/keep.txt", story("Steel output", "Steel output rose."))
    folder.write("news/drafts/draft.txt", story("Steel draft", "Steel draft text."))
    folder.write("news/old.tmp.txt", story("Steel temp", "Steel temp text."))
    folder.write("news/sub/.newsindexignore", "# private notes\nsecret*.txt\n!secret-ok.txt\n")
    folder.write("news/sub/secret-1.txt", story("Steel secret", "Steel secret text."))
    folder.write("news/sub/secret-ok.txt", story("Steel allowed", "Steel allowed text."))
    let output = try build([folder.file("news"), "--exclude", "drafts/", "--exclude", "*.tmp.txt"])
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stderr.contains("old.tmp.txt: excluded by an ignore rule"), "\(output.stderr)")
    #expect(output.stderr.contains("secret-1.txt: excluded by an ignore rule"), "\(output.stderr)")
    #expect(try ids("steel") == ["keep.txt", "sub/secret-ok.txt"])
    // The excludes are recorded: a bare build keeps them.
    folder.write("news/drafts/draft2.txt", story("Steel draft two", "Steel draft two."))
    #expect(try build([]).stdout.contains("nothing to do"))
    #expect(try ids("steel") == ["keep.txt", "sub/secret-ok.txt"])
  }

  @Test func filesThatAreNoArticlesAreSkippedWithAReasonUnlessNamed() throws {
    folder.write("mixed/story.txt", story("Wheat crop", "The wheat crop failed."))
    folder.write("mixed/README.txt", "About this wheat folder.\n")
    folder.write("mixed/LICENSE", "Wheat licence text.\n")
    folder.write("mixed/expected-metadata.json", "{\"title\": \"Wheat\", \"byline\": \"x\"}\n")
    folder.write(
      "mixed/places.txt", (1...30).map { "wheat-place-\($0)" }.joined(separator: "\n") + "\n")
    let output = try build([folder.file("mixed")])
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stderr.contains("README.txt: not an article (a README file)"), "\(output.stderr)")
    #expect(output.stderr.contains("LICENSE: not an article"), "\(output.stderr)")
    #expect(output.stderr.contains("expected-metadata.json: not an article (JSON"), "\(output.stderr)")
    #expect(output.stderr.contains("places.txt: not an article (a list or data file"), "\(output.stderr)")
    #expect(try ids("wheat") == ["story.txt"])
    // Named directly, a file is always read.
    let direct = try build([folder.file("mixed/README.txt")])
    #expect(direct.status == 0, "\(direct.stderr)")
    #expect(try ids("folder") == ["README.txt"])
  }

  @Test func theIndexFolderComesFromTheEnvironmentWhenNotGiven() throws {
    folder.write("env/e.txt", story("Gold rush", "Gold was found."))
    let environment = ["NEWSINDEX_INDEX": index]
    let built = try cli.run(["build", folder.file("env"), "--threads", "1"], environment: environment)
    #expect(built.status == 0, "\(built.stderr)")
    #expect(FileManager.default.fileExists(atPath: folder.file("idx/meta.json")))
    let found = try cli.run(["search", "gold", "--format", "tsv"], environment: environment)
    #expect(found.status == 0)
    #expect(found.stdout.contains("e.txt"))
    // --index wins over the variable.
    let other = try cli.run(["search", "gold", "--index", folder.file("none")], environment: environment)
    #expect(other.status == 2)
  }
}

/// Issue 18, item 5: completions cover the new commands and options (`make install` installs them).
@Suite struct CompletionTests {
  @Test(arguments: ["bash", "zsh", "fish"]) func completionScriptsKnowTheNewCommands(shell: String) throws {
    let output = try CommandRunner().run(["--generate-completion-script", shell])
    #expect(output.status == 0)
    for word in ["show", "remove", "timeline", "exclude", "facet", "fragments", "highlight"] {
      #expect(output.stdout.contains(word), "\(shell): \(word)")
    }
  }
}
