import Glibc

@testable import NewsIndexExtract

/// libFuzzer entry point, a differential test: libxml2's tree of the bytes (repaired to UTF-8, as
/// the extractor hands pages to libxml2) must equal the tree of their `HTMLPrefilter` output,
/// once script and style text and removed attributes are left out (`ParsedTree`). A difference
/// aborts, and libFuzzer saves the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let page = CharsetDecoder.repairedUTF8(Array(UnsafeBufferPointer(start: data, count: count)))
  let filtered = HTMLPrefilter.filtered(page)
  if ParsedTree.of(page) != ParsedTree.of(filtered) {
    print("HTMLPrefilter changed the tree of:\n\(String(decoding: page, as: UTF8.self).debugDescription)")
    abort()
  }
  return 0
}

/// The executable's entry point under SwiftPM's name for it (`<module>_main`): hands the
/// command line to libFuzzer's driver.
@_cdecl("FuzzPrefilter_main")
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
