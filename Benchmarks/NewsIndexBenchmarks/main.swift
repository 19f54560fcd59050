// Micro-benchmarks of the hot paths. Always run in release:
//
//   swift run -c release NewsIndexBenchmarks [--text FILE] [--seconds S]
//
// Each benchmark repeats its work until it has run for at least `--seconds` (default 1) and
// reports the best of three such rounds. Text comes from FILE (any UTF-8 news text, e.g. a
// docs.jsonl made by scripts/make-corpus.py) or, without it, from corpus/ of this repository.
import Foundation
import NewsIndexAnalysis
import NewsIndexBuild
import NewsIndexCore
import NewsIndexFormat

struct Options {
  var textPath: String?
  var seconds = 1.0

  init(_ arguments: [String]) {
    var k = 1
    while k < arguments.count {
      switch arguments[k] {
      case "--text" where k + 1 < arguments.count: textPath = arguments[k + 1]; k += 1
      case "--seconds" where k + 1 < arguments.count: seconds = Double(arguments[k + 1]) ?? 1; k += 1
      default:
        FileHandle.standardError.write(Data("usage: NewsIndexBenchmarks [--text FILE] [--seconds S]\n".utf8))
        exit(64)
      }
      k += 1
    }
  }
}

/// Runs `body` repeatedly for at least `seconds`, three times; returns the best seconds per call.
func measure(_ seconds: Double, _ body: () -> Void) -> Double {
  var best = Double.infinity
  for _ in 0..<3 {
    var calls = 0
    let start = ContinuousClock.now
    var elapsed = 0.0
    repeat {
      body()
      calls += 1
      let d = ContinuousClock.now - start
      elapsed = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    } while elapsed < seconds
    best = min(best, elapsed / Double(calls))
  }
  return best
}

func report(_ name: String, _ value: Double, _ unit: String) {
  print(name.padding(toLength: 42, withPad: " ", startingAt: 0) + String(format: "%12.1f %@", value, unit))
}

let options = Options(CommandLine.arguments)
let text: [UInt8] = {
  if let path = options.textPath, let data = FileManager.default.contents(atPath: path) {
    return Array(data.prefix(16 << 20))
  }
  var bytes: [UInt8] = []
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("corpus/text")
  for name in (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [] {
    bytes += Array((FileManager.default.contents(atPath: root.appendingPathComponent(name).path)) ?? Data())
  }
  while bytes.count < 4 << 20 && !bytes.isEmpty { bytes += bytes }
  return bytes
}()
let megabytes = Double(text.count) / 1_048_576
print("text: \(String(format: "%.1f", megabytes)) MB\n")

// Tokenizer throughput, with and without stemming and stop words.
for (label, settings) in [
  ("tokenize (default analyzer)", AnalyzerSettings.standard),
  ("tokenize (no stemming, no stop words)", {
    var s = AnalyzerSettings.standard
    s.stemmer = "none"
    s.stopWordList = "none"
    s.stopWords = []
    return s
  }()),
] {
  let analyzer = Analyzer(settings: settings)
  var tokens = 0
  let t = measure(options.seconds) {
    tokens = 0
    _ = text.withUnsafeBytes { raw in
      analyzer.forEachToken(in: raw) { _ in tokens += 1 }
    }
  }
  report(label, megabytes / t, "MB/s")
  report("  tokens per second", Double(tokens) / t / 1e6, "M/s")
}

do {
  let analyzer = Analyzer()
  let cache = analyzer.makeStemCache()
  var tokens = 0
  let t = measure(options.seconds) {
    tokens = 0
    _ = text.withUnsafeBytes { raw in
      analyzer.forEachToken(in: raw, cache: cache) { _ in tokens += 1 }
    }
  }
  report("tokenize (default analyzer, stem cache)", megabytes / t, "MB/s")
}

// Inversion and segment writing: documents of ~2 KB cut from the text.
do {
  let body = String(decoding: text, as: UTF8.self)
  var documents: [ExtractedDocument] = []
  var index = body.startIndex
  var n = 0
  while index < body.endIndex {
    let end = body.index(index, offsetBy: 2_000, limitedBy: body.endIndex) ?? body.endIndex
    documents.append(ExtractedDocument(id: "d\(n)", path: "p", title: "title \(n)", body: String(body[index..<end])))
    index = end
    n += 1
  }
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsindex-bench-\(UUID().uuidString)").path
  try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: folder) }
  let directory = IndexDirectory(path: folder)
  var round = 0
  let t = measure(options.seconds) {
    round += 1
    guard var inverter = try? SegmentInverter(analyzer: Analyzer(), directory: directory, name: "seg-bench-\(round)") else { return }
    for document in documents { try? inverter.add(document) }
    _ = try? inverter.finish()
  }
  report("invert + write segment", megabytes / t, "MB/s")
}

// Block codec: bit-packing 128 integers at typical widths.
for width in [3, 8, 17] {
  var values = [UInt32](repeating: 0, count: BitPacking.blockSize)
  for i in values.indices { values[i] = UInt32((i * 2_654_435_761) & ((1 << width) - 1)) }
  var packed: [UInt8] = []
  let blocks = 10_000
  let tPack = measure(options.seconds) {
    packed.removeAll(keepingCapacity: true)
    values.withUnsafeBufferPointer { v in
      for _ in 0..<blocks { BitPacking.pack(v, width: width, into: &packed) }
    }
  }
  report("pack 128 × \(width) bits", Double(blocks * 128) / tPack / 1e6, "M ints/s")
  packed += [UInt8](repeating: 0, count: 8)
  let out = UnsafeMutablePointer<UInt32>.allocate(capacity: BitPacking.blockSize)
  defer { out.deallocate() }
  let tUnpack = measure(options.seconds) {
    packed.withUnsafeBytes { raw in
      var offset = 0
      for _ in 0..<blocks {
        _ = BitPacking.unpack(raw, at: offset, width: width, into: out)
        offset += BitPacking.byteCount(width: width)
      }
    }
  }
  report("unpack 128 × \(width) bits", Double(blocks * 128) / tUnpack / 1e6, "M ints/s")
}
