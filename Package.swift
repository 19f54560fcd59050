// swift-tools-version:6.0
// newsindex: a full-text search engine for news archives.
// Module graph and rules: ARCHITECTURE.md. Each C library is a Debian -dev package reached
// through a system-library target, imported by exactly one module.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
  // Release builds skip Swift's run-time exclusivity checks: `@exclusivity(unchecked)` does not
  // survive cross-module inlining, and the checks were 18% of a ranked-OR query's instructions
  // (callgrind). Debug builds, which the tests use, keep them.
  .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

// Tests import what they use without `package import` ceremony.
let testSwiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
  name: "newsindex",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "newsindex", targets: ["newsindex"]),
    // The engine as a Swift library: open an index, search, show, build (Sources/NewsIndex).
    .library(name: "NewsIndex", targets: ["NewsIndex"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // C libraries (Debian packages; `.ci/run` and `make setup` install them).
    .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(name: "CUTF8Proc", providers: [.apt(["libutf8proc-dev"])]),
    .systemLibrary(name: "CUChardet", pkgConfig: "uchardet", providers: [.apt(["libuchardet-dev"])]),
    .systemLibrary(name: "CZstd", providers: [.apt(["libzstd-dev"])]),
    .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

    // Libraries, in pipeline order.
    // CRC-32C with the CPU's instruction (one small C file; tables in Swift are the fallback).
    // (DWARF 4: the valgrind on this machine cannot read clang's default DWARF 5.)
    .target(name: "CCRC32C", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
    .target(name: "NewsIndexCore", dependencies: ["CCRC32C"], swiftSettings: swiftSettings),
    .target(
      name: "NewsIndexAnalysis", dependencies: ["NewsIndexCore", "CUTF8Proc", "CStemmer"],
      swiftSettings: swiftSettings),
    .target(
      name: "NewsIndexExtract", dependencies: ["NewsIndexCore", "CLibXML2", "CUChardet", "CZlib"],
      swiftSettings: swiftSettings),
    .target(name: "NewsIndexFormat", dependencies: ["NewsIndexCore", "CZstd"], swiftSettings: swiftSettings),
    .target(
      name: "NewsIndexBuild",
      dependencies: ["NewsIndexCore", "NewsIndexAnalysis", "NewsIndexFormat"],
      swiftSettings: swiftSettings),
    .target(
      name: "NewsIndexSearch", dependencies: ["NewsIndexCore", "NewsIndexAnalysis", "NewsIndexFormat"],
      swiftSettings: swiftSettings),
    .target(
      name: "NewsIndex",
      dependencies: [
        "NewsIndexCore", "NewsIndexAnalysis", "NewsIndexExtract", "NewsIndexFormat", "NewsIndexBuild",
        "NewsIndexSearch",
      ],
      swiftSettings: swiftSettings),
    .executableTarget(
      name: "newsindex",
      dependencies: [
        "NewsIndex", "NewsIndexCore", "NewsIndexExtract", "NewsIndexBuild", "NewsIndexSearch", "NewsIndexFormat",
        "NewsIndexAnalysis",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings),

    // Micro-benchmarks of the hot paths: `swift run -c release NewsIndexBenchmarks`.
    .executableTarget(
      name: "NewsIndexBenchmarks",
      dependencies: ["NewsIndexCore", "NewsIndexAnalysis", "NewsIndexBuild", "NewsIndexFormat"],
      path: "Benchmarks/NewsIndexBenchmarks", swiftSettings: swiftSettings),

    // Tests: one target per module, shared support, and end-to-end CLI tests.
    .target(
      name: "NewsIndexTestSupport",
      dependencies: ["NewsIndexCore", "NewsIndexAnalysis", "NewsIndexBuild", "NewsIndexFormat", "CZlib"],
      path: "Tests/NewsIndexTestSupport", swiftSettings: testSwiftSettings),
    .testTarget(name: "NewsIndexCoreTests", dependencies: ["NewsIndexCore"], swiftSettings: testSwiftSettings),
    .testTarget(
      name: "NewsIndexAnalysisTests", dependencies: ["NewsIndexAnalysis", "NewsIndexCore"], swiftSettings: testSwiftSettings),
    .testTarget(
      name: "NewsIndexExtractTests", dependencies: ["NewsIndexExtract", "NewsIndexTestSupport"],
      swiftSettings: testSwiftSettings),
    .testTarget(
      name: "NewsIndexFormatTests", dependencies: ["NewsIndexFormat", "NewsIndexCore", "NewsIndexTestSupport"],
      swiftSettings: testSwiftSettings),
    .testTarget(
      name: "NewsIndexBuildTests",
      dependencies: ["NewsIndexBuild", "NewsIndexFormat", "NewsIndexExtract", "NewsIndexTestSupport"],
      swiftSettings: testSwiftSettings),
    .testTarget(
      name: "NewsIndexSearchTests",
      dependencies: [
        "NewsIndexSearch", "NewsIndexBuild", "NewsIndexExtract", "NewsIndexAnalysis", "NewsIndexTestSupport",
      ],
      swiftSettings: testSwiftSettings),
    .testTarget(
      name: "NewsIndexCLITests", dependencies: ["newsindex", "NewsIndexTestSupport", "NewsIndexFormat"],
      swiftSettings: testSwiftSettings),
    .testTarget(
      name: "NewsIndexTests", dependencies: ["NewsIndex", "NewsIndexTestSupport"],
      swiftSettings: testSwiftSettings),
  ]
)
