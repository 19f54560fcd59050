import NewsIndexExtract

/// libFuzzer entry point: the bytes as a `page.html` file, through the whole extraction path
/// (charset decoding, format detection by content then extension, the html extractor).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: count))
  _ = try? DocumentExtractor().extractDocuments(
    from: bytes, path: "page.html", relativePath: "page.html")
  return 0
}

/// The executable's entry point under SwiftPM's name for it (`<module>_main`): hands the
/// command line to libFuzzer's driver.
@_cdecl("FuzzHTML_main")
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
