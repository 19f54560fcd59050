import NewsIndexAnalysis
import NewsIndexSearch

private let analyzer = Analyzer()

/// libFuzzer entry point: the bytes as query text (invalid UTF-8 repaired, as the CLI would),
/// parsed, and every word and phrase of the result analyzed as search would analyze it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
  guard let query = try? QueryParser.parse(text) else { return 0 }
  analyze(query)
  return 0
}

private func analyze(_ query: Query) {
  switch query {
  case .term(_, let text), .phrase(_, let text):
    _ = analyzer.tokens(in: text)
  case .boolean(let clauses):
    for clause in clauses { analyze(clause.query) }
  }
}

/// The executable's entry point under SwiftPM's name for it (`<module>_main`): hands the
/// command line to libFuzzer's driver.
@_cdecl("FuzzQuery_main")
public func fuzzMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
) -> CInt {
  var count = argc
  var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
  return llvmFuzzerRunDriver(&count, &arguments, fuzzOne)
}

@_silgen_name("LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt
