import NewsIndexExtract

/// libFuzzer entry point: the bytes as TREC `<DOC>` and as Reuters-21578 SGML files (format
/// detection goes by content first, so the seeds from both kinds reach both scanners).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: count))
  let extractor = DocumentExtractor()
  _ = try? extractor.extractDocuments(from: bytes, path: "sample.trec", relativePath: "sample.trec")
  _ = try? extractor.extractDocuments(
    from: bytes, path: "reut2-000.sgm", relativePath: "reut2-000.sgm")
  return 0
}

/// The executable's entry point under SwiftPM's name for it (`<module>_main`): hands the
/// command line to libFuzzer's driver.
@_cdecl("FuzzSGML_main")
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
