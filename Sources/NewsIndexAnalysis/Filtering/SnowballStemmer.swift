import CStemmer

/// The Snowball algorithms libstemmer offers, and a check that a name is one of them.
package enum SnowballStemmer {
  /// Algorithm names compiled into the installed libstemmer (`sb_stemmer_list`), e.g. `english`.
  package static let languages: [String] = {
    var names: [String] = []
    guard let list = sb_stemmer_list() else { return names }
    var k = 0
    while let name = list[k] {
      names.append(String(cString: name))
      k += 1
    }
    return names.sorted()
  }()

  /// Whether libstemmer can make a UTF-8 stemmer for `language` (names and ISO codes it accepts).
  package static func isAvailable(_ language: String) -> Bool {
    guard let stemmer = sb_stemmer_new(language, "UTF_8") else { return false }
    sb_stemmer_delete(stemmer)
    return true
  }
}

/// One libstemmer stemmer (`sb_stemmer_new`), owned by one thread for the length of one call.
///
/// libstemmer keeps per-stemmer state, so a stemmer is never shared: ``Analyzer`` makes one per
/// `forEachToken` call (about 0.2 µs; measured in `docs/RELEVANCE.md`) and deletes it at the end.
struct UnsafeStemmer: ~Copyable {
  private let stemmer: OpaquePointer?

  /// A UTF-8 stemmer for `language`; stems nothing when libstemmer lacks it.
  init(language: String) {
    stemmer = sb_stemmer_new(language, "UTF_8")
  }

  deinit {
    if let stemmer { sb_stemmer_delete(stemmer) }
  }

  /// The stem of `word` (`sb_stemmer_stem`): valid until the next call or the stemmer's end.
  /// Returns `word` itself when stemming fails (out of memory).
  func stem(_ word: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    guard let stemmer, let base = word.baseAddress else { return word }
    guard let stemmed = sb_stemmer_stem(stemmer, base.assumingMemoryBound(to: sb_symbol.self), Int32(word.count))
    else { return word }
    return UnsafeRawBufferPointer(start: stemmed, count: Int(sb_stemmer_length(stemmer)))
  }
}
