import Foundation
import NewsIndexFormat
import NewsIndexTestSupport
import Testing

/// Broken and hostile files are skipped with a reason or indexed; the build always finishes.
@Suite struct BadInputTests {
  let cli = CommandRunner()

  @Test func brokenFilesAreReportedAndTheBuildGoesOn() throws {
    let folder = TemporaryDirectory("newsindex-bad")
    defer { folder.remove() }
    let secret = folder.write("secret.dat", "TOPSECRETMARKER root:x:0:0")
    folder.write("docs/empty.txt", "")
    folder.write("docs/binary.html", bytes: [0x00, 0x01, 0x02, 0xFF, 0x00] + Array(repeating: 0x00, count: 500))
    folder.write("docs/invalid.txt", bytes: Array("Broken bytes headline\n\nvalid words then ".utf8) + [0xC3, 0x28, 0xFF] + Array(" kangaroo tail".utf8))
    folder.write("docs/unclosed.html", "<html><head><title>Unclosed platypus</title></head><body><article><p>the platypus <b>swims <i>far")
    folder.write(
      "docs/bomb.xml",
      """
      <?xml version="1.0"?>
      <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
      <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
      <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
      <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
      <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
      <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
      <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
      <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
      <article><title>Bomb wombat</title><body>&lol9;</body></article>
      """)
    folder.write(
      "docs/xxe.xml",
      """
      <?xml version="1.0"?>
      <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://\(secret)">]>
      <rss version="2.0"><channel><title>Feed</title><item><title>Echidna news</title>
      <guid>x1</guid><description>the echidna &xxe; story</description></item></channel></rss>
      """)
    let index = folder.file("index")
    let started = Date()
    let build = try cli.run(["build", folder.file("docs"), "--index", index])
    #expect(Date().timeIntervalSince(started) < 60)
    #expect(build.status == 0, "\(build.stderr)")
    #expect(build.stderr.contains("empty.txt"))
    #expect(build.stderr.contains("binary.html"))
    for line in build.stderr.split(separator: "\n") { #expect(line.contains("skipped"), "\(line)") }

    #expect(try cli.run(["search", "kangaroo", "--index", index]).status == 0, "invalid UTF-8 is repaired, not dropped")
    #expect(try cli.run(["search", "platypus", "--index", index]).status == 0, "unclosed tags still give text")
    #expect(try cli.run(["search", "echidna", "--index", index]).status == 0)
    #expect(try cli.run(["search", "TOPSECRETMARKER", "--index", index]).status == 1, "external entities are never loaded")
    // By content: the bomb's document is indexed, and an expanded entity would put "lol" in it.
    #expect(try cli.run(["search", "wombat", "--index", index]).status == 0, "the bomb's document is indexed")
    #expect(try cli.run(["search", "lol", "--index", index]).status == 1, "entities are not expanded")
  }

  @Test func rebuildingReplacesTheIndexAtomically() throws {
    let folder = TemporaryDirectory("newsindex-rebuild")
    defer { folder.remove() }
    folder.write("a/one.txt", "Aardvark headline\n\naardvark body text")
    folder.write("b/two.txt", "Bison headline\n\nbison body text")
    let index = folder.file("index")
    #expect(try cli.run(["build", folder.file("a"), "--index", index]).status == 0)
    let firstFiles = try FileManager.default.contentsOfDirectory(atPath: index).filter { $0.hasPrefix("seg-") }
    // A build of another path adds a root; --rebuild starts over with that path alone.
    #expect(try cli.run(["build", folder.file("b"), "--index", index, "--rebuild"]).status == 0)
    #expect(try cli.run(["search", "aardvark", "--index", index]).status == 1)
    #expect(try cli.run(["search", "bison", "--index", index]).status == 0)
    let files = try FileManager.default.contentsOfDirectory(atPath: index)
    #expect(Set(files).isDisjoint(with: firstFiles), "old segment files are removed")
    #expect(!files.contains { $0.hasSuffix(".tmp") })
  }

  @Test func aSecondWriterFailsAtOnceNamingTheLock() throws {
    let folder = TemporaryDirectory("newsindex-lock")
    defer { folder.remove() }
    folder.write("a/one.txt", "Aardvark headline\n\naardvark body text")
    let index = folder.file("index")
    #expect(try cli.run(["build", folder.file("a"), "--index", index]).status == 0)
    let lock = try WriteLock(directory: IndexDirectory(path: index))
    defer { lock.release() }
    let second = try cli.run(["build", folder.file("a"), "--index", index])
    #expect(second.status == 2)
    #expect(second.stderr.contains("write lock"))
    #expect(try cli.run(["search", "aardvark", "--index", index]).status == 0, "readers never need the lock")
  }

  @Test func aDamagedIndexFileGivesAOneLineError() throws {
    let folder = TemporaryDirectory("newsindex-damage")
    defer { folder.remove() }
    folder.write("a/one.txt", "Aardvark headline\n\naardvark body text")
    let index = folder.file("index")
    #expect(try cli.run(["build", folder.file("a"), "--index", index]).status == 0)
    let postings = try #require(try FileManager.default.contentsOfDirectory(atPath: index).first { $0.hasSuffix(".doc") })
    let path = index + "/" + postings
    var bytes = try #require(FileManager.default.contents(atPath: path))
    bytes[20] ^= 0xFF
    try bytes.write(to: URL(fileURLWithPath: path))
    let output = try cli.run(["search", "aardvark", "--index", index])
    #expect(output.status == 2)
    #expect(output.stderr.contains("checksum mismatch"))
    #expect(output.stderr.split(separator: "\n").count == 1)
    #expect(output.stdout.isEmpty)
  }
}
