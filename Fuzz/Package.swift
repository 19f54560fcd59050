// swift-tools-version:6.0
// libFuzzer targets for newsindex's input parsers: the extractors (HTML, XML, SGML, plain text),
// the query parser, and a differential check of the HTML prefilter. A separate package so `swift test` and CI never build it; the library sources
// are the main package's, reached through symlinks in Sources/ under the same module names.
//
// Build and run through the script (it passes the sanitizer flags):
//   scripts/fuzz.sh html 600
import PackageDescription

let settings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "newsindex-fuzz",
  targets: [
    .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(name: "CUTF8Proc", providers: [.apt(["libutf8proc-dev"])]),
    .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
    .systemLibrary(
      name: "CUChardet", pkgConfig: "uchardet", providers: [.apt(["libuchardet-dev"])]),
    .systemLibrary(name: "CZstd", providers: [.apt(["libzstd-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .target(name: "CCRC32C"),
    .target(name: "NewsIndexCore", dependencies: ["CCRC32C"], swiftSettings: settings),
    .target(name: "NewsIndexFormat", dependencies: ["NewsIndexCore", "CZstd"], swiftSettings: settings),
    .target(
      name: "NewsIndexAnalysis", dependencies: ["NewsIndexCore", "CUTF8Proc", "CStemmer"],
      swiftSettings: settings),
    // Testable, for FuzzPrefilter's look at internal types.
    .target(
      name: "NewsIndexExtract", dependencies: ["NewsIndexCore", "CLibXML2", "CUChardet", "CZlib"],
      swiftSettings: settings + [.unsafeFlags(["-enable-testing"])]),
    // Only the query parser's files of NewsIndexSearch (and the date filter it parses into,
    // which reads a segment's dates through NewsIndexFormat).
    .target(
      name: "NewsIndexSearch", dependencies: ["NewsIndexCore", "NewsIndexFormat"], path: "Sources/QueryParsing",
      swiftSettings: settings),
    .executableTarget(name: "FuzzHTML", dependencies: ["NewsIndexExtract"]),
    .executableTarget(name: "FuzzXML", dependencies: ["NewsIndexExtract"]),
    .executableTarget(name: "FuzzSGML", dependencies: ["NewsIndexExtract"]),
    .executableTarget(name: "FuzzText", dependencies: ["NewsIndexExtract"]),
    // Differential: libxml2's tree of a page and of its HTMLPrefilter output must agree.
    .executableTarget(name: "FuzzPrefilter", dependencies: ["NewsIndexExtract", "CLibXML2"]),
    .executableTarget(name: "FuzzQuery", dependencies: ["NewsIndexSearch", "NewsIndexAnalysis"]),
  ]
)
