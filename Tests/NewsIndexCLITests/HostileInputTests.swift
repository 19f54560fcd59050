import Foundation
import NewsIndexTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Hostile files are skipped with a one-line reason or indexed; the build never crashes or hangs,
/// and nothing outside the corpus (local files, the network) is ever read.
@Suite struct HostileInputTests {
  let cli = TimedCommand(seconds: 60)

  /// What happened to one file of the hostile folder.
  enum Outcome: Equatable {
    case skipped(String)
    case indexed
  }

  /// Each hostile file and a word only it contains (nil when it holds no searchable word).
  static let cases: [(file: String, word: String?)] = [
    ("billion-laughs.xml", "wombat"), ("quadratic.xml", "quokka"), ("quadratic.html", "bandicoot"),
    ("xxe-file.xml", "echidna"), ("xxe-net.xml", "numbat"), ("dtd-external.xml", "dingo"),
    ("dtd-param.xml", "bilby"),
    ("deep.html", "wallaby"), ("deep.xml", "koala"), ("deep-unclosed.html", "possum"),
    ("binary.html", nil),
    ("empty.txt", nil), ("blank.txt", nil), ("fifo.txt", nil), ("zero.txt", nil),
    ("random.html", nil),
    ("sub/loop", nil), ("a.txt", nil), ("two\nlines.txt", "platypus"),
    ("caf\\xE9-latin1.txt", "marmot"),
  ]

  /// Bugs found by this test, reported to their owner; the test records them as known issues.
  static let knownIssues: [String: String] = [:]

  /// Writes the hostile folder under `folder/docs`, with `secret` outside it.
  static func writeHostileFolder(_ folder: TemporaryDirectory) throws {
    let secret = folder.write("secret.txt", "TOPSECRETMARKER")
    folder.write("evil.dtd", "<!ENTITY leak \"TOPSECRETMARKER\">")
    var lol = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
    for level in 2...9 {
      lol +=
        "<!ENTITY lol\(level) \""
        + String(repeating: level == 2 ? "&lol;" : "&lol\(level - 1);", count: 10) + "\">"
    }
    folder.write(
      "docs/billion-laughs.xml",
      lol + "]>\n<article><title>Bomb wombat</title><body>&lol9;</body></article>\n")
    // Words, so that an expansion would put them in the index (found by a search for "kiwi").
    let big = String(repeating: "kiwi ", count: 8_000)
    let references = String(repeating: "&a;", count: 10_000)
    folder.write(
      "docs/quadratic.xml",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE q [<!ENTITY a \"\(big)\">]>\n<article><title>Quadratic quokka</title><body>\(references)</body></article>\n"
    )
    folder.write(
      "docs/quadratic.html",
      "<!DOCTYPE html [<!ENTITY a \"\(big)\">]><html><head><title>Quadratic bandicoot</title></head><body><p>\(references)</p></body></html>"
    )
    folder.write(
      "docs/xxe-file.xml",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://\(secret)\">]>\n<rss version=\"2.0\"><channel><title>F</title><item><title>Echidna news</title><guid>x1</guid><description>the echidna &xxe; story</description></item></channel></rss>\n"
    )
    // 10.255.255.1 is unroutable: fetching it would hang until a TCP timeout.
    folder.write(
      "docs/xxe-net.xml",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY net SYSTEM \"http://10.255.255.1/slow.dtd\">]>\n<rss version=\"2.0\"><channel><title>F</title><item><title>Numbat news</title><guid>x2</guid><description>the numbat &net; story</description></item></channel></rss>\n"
    )
    folder.write(
      "docs/dtd-external.xml",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE article SYSTEM \"file://\(folder.file("evil.dtd"))\">\n<article><title>Dingo dtd</title><body>dingo &leak; text</body></article>\n"
    )
    folder.write(
      "docs/dtd-param.xml",
      "<?xml version=\"1.0\"?>\n<!DOCTYPE article [<!ENTITY % ext SYSTEM \"http://10.255.255.1/evil.dtd\"> %ext;]>\n<article><title>Param bilby</title><body>bilby text</body></article>\n"
    )
    let depth = 100_000
    folder.write(
      "docs/deep.html",
      "<html><head><title>Deep html</title></head><body>" + String(repeating: "<div>", count: depth)
        + "wallaby"
        + String(repeating: "</div>", count: depth) + "</body></html>")
    folder.write(
      "docs/deep.xml",
      "<?xml version=\"1.0\"?>\n<article><title>Deep xml</title><body>"
        + String(repeating: "<p>", count: depth) + "koala"
        + String(repeating: "</p>", count: depth) + "</body></article>")
    folder.write(
      "docs/deep-unclosed.html",
      "<html><body>" + String(repeating: "<span><b>", count: depth / 2) + "unclosed possum")
    folder.write(
      "docs/binary.html",
      bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        + (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
    folder.write("docs/empty.txt", "")
    folder.write("docs/blank.txt", "  \n\n \t ")
    folder.write("docs/two\nlines.txt", "Newline headline\n\nthe platypus story")
    #expect(mkfifo(folder.file("docs/fifo.txt"), 0o644) == 0)
    try FileManager.default.createSymbolicLink(
      atPath: folder.file("docs/zero.txt"), withDestinationPath: "/dev/zero")
    try FileManager.default.createSymbolicLink(
      atPath: folder.file("docs/random.html"), withDestinationPath: "/dev/urandom")
    try FileManager.default.createDirectory(
      atPath: folder.file("docs/sub"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: folder.file("docs/sub/loop"), withDestinationPath: "..")
    try FileManager.default.createSymbolicLink(
      atPath: folder.file("docs/a.txt"), withDestinationPath: "b.txt")
    try FileManager.default.createSymbolicLink(
      atPath: folder.file("docs/b.txt"), withDestinationPath: "a.txt")
    // A name that is not valid UTF-8 (Latin-1 é), written through the raw bytes.
    let latin1Name = Array(folder.file("docs/caf").utf8) + [0xE9] + Array("-latin1.txt".utf8) + [0]
    let fd = latin1Name.withUnsafeBufferPointer { name in
      name.baseAddress!.withMemoryRebound(to: CChar.self, capacity: name.count) {
        open($0, O_WRONLY | O_CREAT, 0o644)
      }
    }
    #expect(fd >= 0)
    let text = Array("Latin name headline\n\nthe marmot story".utf8)
    _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
  }

  @Test func everyHostileFileIsSkippedWithOneLineOrIndexed() throws {
    let folder = TemporaryDirectory("newsindex-hostile")
    defer { folder.remove() }
    try Self.writeHostileFolder(folder)
    let index = folder.file("index")
    let build = try cli.run(["build", folder.file("docs"), "--index", index])
    #expect(!build.timedOut, "build hung")
    #expect(build.status == 0, "\(build.stderr)")
    let lines = build.stderrLines
    for line in lines {
      #expect(line.hasPrefix("newsindex: skipped "), "not a one-line skip reason: \(line)")
    }

    var table: [String] = []
    for (file, word) in Self.cases {
      let shown = file.replacingOccurrences(of: "\n", with: "\\n")
      let baseName = file.split(separator: "/").last.map(String.init) ?? file
      var outcome: Outcome?
      if let line = lines.first(where: { $0.contains(baseName.prefix(while: { $0 != "\n" })) }) {
        outcome = .skipped(line)
      }
      if let word, try cli.run(["search", word, "--index", index]).status == 0 {
        outcome = .indexed
      }
      table.append("\(shown) -> \(outcome.map { "\($0)" } ?? "NEITHER")")
      if let issue = Self.knownIssues[file] {
        withKnownIssue(Comment(rawValue: issue)) { #expect(outcome == .indexed) }
      } else {
        #expect(outcome != nil, "\(shown) was neither indexed nor reported")
      }
    }
    print("hostile input outcomes:\n  " + table.joined(separator: "\n  "))
    #expect(
      try cli.run(["search", "TOPSECRETMARKER", "--index", index]).status == 1,
      "local files are never loaded")
    // By content: an expanded entity would put its words in the index.
    #expect(try cli.run(["search", "lol", "--index", index]).status == 1, "entities are not expanded")
    #expect(try cli.run(["search", "kiwi", "--index", index]).status == 1, "no quadratic expansion")
    let quadratic = try cli.run(["search", "quokka", "--index", index, "--format", "jsonl"])
    #expect(quadratic.stdout.count < 100_000, "no quadratic expansion")
  }

  @Test func aTwoGigabyteFileIsSkippedBySizeWithoutBeingRead() throws {
    let folder = TemporaryDirectory("newsindex-huge")
    defer { folder.remove() }
    let huge = folder.write("docs/huge.txt", "")
    #expect(truncate(huge, 2 << 30) == 0, "sparse file: costs no disk")
    folder.write(
      "docs/two-mb.txt", "Size headline\n\n" + String(repeating: "ibex ", count: 2 << 18))
    folder.write("docs/small.txt", "Small headline\n\nthe small okapi story")
    let index = folder.file("index")
    let build = try cli.run([
      "build", folder.file("docs"), "--index", index, "--max-file-size", "1",
    ])
    #expect(!build.timedOut)
    #expect(build.status == 0)
    #expect(build.stderrLines.count == 2, "\(build.stderr)")
    #expect(
      build.stderr.contains("huge.txt: 2147483648 bytes exceeds the limit"), "\(build.stderr)")
    #expect(build.stderr.contains("two-mb.txt"))
    #expect(try cli.run(["search", "okapi", "--index", index]).status == 0)
    #expect(build.seconds < 20, "took \(build.seconds) s: the skipped file was read")
  }

  @Test func devicesAndFIFOsNamedDirectlyAreNeverOpened() throws {
    let folder = TemporaryDirectory("newsindex-devices")
    defer { folder.remove() }
    #expect(mkfifo(folder.file("pipe.txt"), 0o644) == 0)
    for path in ["/dev/zero", "/dev/urandom", folder.file("pipe.txt")] {
      let build = try cli.run(["build", path, "--index", folder.file("index")])
      #expect(!build.timedOut, "\(path): build hung")
      #expect(build.status == 2)
      #expect(
        build.stderrLines.count == 2 && build.stderr.contains("not a regular file"),
        "\(build.stderr)")
    }
  }

  /// A regular file that `open` refuses. Root reads any file whatever its mode, so as root the
  /// test links to a write-only sysfs attribute (mode 0200, e.g. `/sys/bus/cpu/drivers_probe`),
  /// which the kernel refuses to open for reading even to root (EACCES): the same code path as a
  /// `chmod 000` file for other users.
  @Test func anUnreadableFileIsSkippedWithItsReason() throws {
    let folder = TemporaryDirectory("newsindex-unreadable")
    defer { folder.remove() }
    if getuid() == 0 {
      let candidates = ["cpu", "platform", "clocksource", "workqueue", "container", "acpi", "pci"]
        .map { "/sys/bus/\($0)/drivers_probe" }
      guard
        let writeOnly = candidates.first(where: { path in
          var info = stat()
          guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
          let fd = open(path, O_RDONLY | O_NONBLOCK)
          if fd >= 0 { close(fd) }
          return fd < 0 && errno == EACCES
        })
      else {
        withKnownIssue("running as root without a write-only sysfs file: no file root cannot open") {
          Issue.record("unreadable case not testable here")
        }
        return
      }
      try FileManager.default.createDirectory(atPath: folder.file("docs"), withIntermediateDirectories: true)
      try FileManager.default.createSymbolicLink(atPath: folder.file("docs/locked.txt"), withDestinationPath: writeOnly)
    } else {
      let path = folder.write("docs/locked.txt", "Locked headline\n\nlocked text")
      #expect(chmod(path, 0) == 0)
    }
    folder.write("docs/open.txt", "Open headline\n\nthe open gazelle story")
    let build = try cli.run(["build", folder.file("docs"), "--index", folder.file("index")])
    #expect(build.status == 0)
    #expect(
      build.stderrLines.count == 1 && build.stderr.contains("locked.txt: cannot read (Permission denied)"),
      "\(build.stderr)")
    #expect(try cli.run(["search", "gazelle", "--index", folder.file("index")]).status == 0)
  }

  /// Creates `folder/name` from raw name bytes (which may not be UTF-8).
  static func writeRaw(_ folder: String, name: [UInt8], _ text: String) {
    let path = Array(folder.utf8) + [0x2F] + name + [0]
    let fd = path.withUnsafeBufferPointer { name in
      name.baseAddress!.withMemoryRebound(to: CChar.self, capacity: name.count) {
        open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      }
    }
    #expect(fd >= 0)
    _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
  }

  /// Names that are not UTF-8 or hold a newline are indexed under their escaped text (`\xE9`,
  /// `\n`), never split a line of output, are recognised as unchanged by the next build, and are
  /// never confused with a file literally named like their escaped text.
  @Test func oddFileNamesAreIndexedAndFollowedAcrossBuilds() throws {
    let folder = TemporaryDirectory("newsindex-names")
    defer { folder.remove() }
    let docs = folder.file("docs")
    try FileManager.default.createDirectory(atPath: docs, withIntermediateDirectories: true)
    let latin1 = Array("caf".utf8) + [0xE9] + Array(".txt".utf8)
    Self.writeRaw(docs, name: latin1, "Latin headline\n\nthe marmot story")
    Self.writeRaw(docs, name: Array("caf\\xE9.txt".utf8), "Literal headline\n\nthe literal wombat story")
    Self.writeRaw(docs, name: Array("two\nlines.txt".utf8), "Newline headline\n\nthe platypus story")
    let index = folder.file("index")
    let first = try cli.run(["build", docs, "--index", index])
    #expect(first.status == 0 && first.stderrLines.isEmpty, "\(first.stderr)")
    #expect(first.stdout.contains("indexed 3 files (3 added"), "\(first.stdout)")
    for (word, id) in [("marmot", "caf\\xE9.txt"), ("wombat", "caf\\\\xE9.txt"), ("platypus", "two\\nlines.txt")] {
      let search = try cli.run(["search", word, "--index", index, "--format", "tsv"])
      #expect(search.status == 0)
      #expect(search.stdout.split(separator: "\n").count == 1, "\(search.stdout)")
      #expect(search.stdout.split(separator: "\t").dropFirst().first.map(String.init) == id, "\(search.stdout)")
    }
    let queries = folder.write("queries.tsv", "1\tmarmot OR wombat OR platypus\n")
    let run = try cli.run(["batch", queries, "--index", index])
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.count == 3 && lines.allSatisfy { $0.split(separator: " ").count == 6 }, "\(run.stdout)")

    let again = try cli.run(["build", docs, "--index", index])
    #expect(again.stdout.contains("(0 added, 0 updated, 0 deleted, 3 unchanged)"), "\(again.stdout)")
    Self.writeRaw(docs, name: latin1, "Latin headline\n\nthe changed marmot gecko story")
    #expect(unlink(docs + "/caf\\xE9.txt") == 0)
    let third = try cli.run(["build", docs, "--index", index])
    #expect(third.stdout.contains("(0 added, 1 updated, 1 deleted, 1 unchanged)"), "\(third.stdout)")
    #expect(try cli.run(["search", "gecko", "--index", index]).status == 0)
    #expect(try cli.run(["search", "wombat", "--index", index]).status == 1)
    #expect(try cli.run(["search", "platypus", "--index", index]).status == 0)
  }
}
