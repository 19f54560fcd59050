/// A small language guess for documents that do not declare one: the dominant script decides
/// (Han with kana → `ja`, Han → `zh`, Hangul → `ko`, Arabic, Hebrew, Greek, Thai, Devanagari…),
/// and Latin or Cyrillic text is told apart by counting a few very common words.
///
/// Reads at most the first 2 KiB of the body, so it costs little next to parsing.
enum LanguageGuess {
  /// `en-US` → `en`, `pt_BR` → `pt`, `zh-Hans` → `zh`; anything not 2–3 ASCII letters → "".
  static func normalizedTag(_ tag: String) -> String {
    let primary = tag.utf8.prefix { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: "_") }
    guard (2...3).contains(primary.count),
      primary.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A })
    else { return "" }
    return String(decoding: primary.map { $0 | 0x20 }, as: UTF8.self)
  }

  static func language(title: String, body: String) -> String {
    var counts = ScriptCounts()
    var text = title
    text += "\n"
    text += String(decoding: body.utf8.prefix(2048), as: UTF8.self)
    for scalar in text.unicodeScalars { counts.add(scalar) }
    return counts.language(words: text)
  }

  struct ScriptCounts {
    var latin = 0, cyrillic = 0, han = 0, kana = 0, hangul = 0, arabic = 0, hebrew = 0
    var greek = 0, thai = 0, devanagari = 0

    mutating func add(_ scalar: Unicode.Scalar) {
      let v = scalar.value
      switch v {
      case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
      case 0x370...0x3FF: greek += 1
      case 0x400...0x4FF: cyrillic += 1
      case 0x590...0x5FF: hebrew += 1
      case 0x600...0x6FF, 0x750...0x77F: arabic += 1
      case 0x900...0x97F: devanagari += 1
      case 0xE00...0xE7F: thai += 1
      case 0x3040...0x30FF: kana += 1
      case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: han += 1
      case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: hangul += 1
      default: break
      }
    }

    func language(words text: String) -> String {
      let scripts: [(Int, String)] = [
        (latin, "latin"), (cyrillic, "cyrillic"), (han + kana, "cjk"), (hangul, "ko"),
        (arabic, "ar"), (hebrew, "he"), (greek, "el"), (thai, "th"), (devanagari, "hi"),
      ]
      guard let best = scripts.max(by: { $0.0 < $1.0 }), best.0 >= 3 else { return "" }
      switch best.1 {
      case "cjk": return kana * 10 >= han ? "ja" : "zh"
      case "latin": return LanguageGuess.byCommonWords(text, LanguageGuess.latinWords)
      case "cyrillic": return LanguageGuess.byCommonWords(text, LanguageGuess.cyrillicWords)
      default: return best.1
      }
    }
  }

  /// Very common, short, mostly language-specific words.
  static let latinWords: [(String, Set<String>)] = [
    ("en", ["the", "and", "of", "to", "is", "that", "with", "for", "was", "said", "are", "this"]),
    ("de", ["der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "sich", "auch", "ein"]),
    ("fr", ["le", "les", "des", "est", "et", "une", "dans", "du", "pour", "qui", "sur", "pas"]),
    ("es", ["el", "los", "las", "del", "y", "que", "por", "una", "con", "para", "es", "se"]),
    ("pt", ["o", "os", "da", "do", "que", "não", "uma", "com", "para", "em", "dos", "foi"]),
    ("it", ["il", "della", "che", "di", "non", "una", "per", "sono", "gli", "nel", "è", "alla"]),
    ("nl", ["de", "het", "een", "van", "en", "niet", "dat", "zijn", "met", "voor", "ook", "op"]),
    ("id", ["yang", "dan", "di", "ini", "itu", "dengan", "untuk", "tidak", "dari", "dalam", "akan"]),
    ("cs", ["a", "je", "se", "na", "že", "v", "to", "jsou", "by", "pro", "jako", "také"]),
  ]
  static let cyrillicWords: [(String, Set<String>)] = [
    ("ru", ["и", "в", "не", "на", "что", "как", "это", "по", "он", "из", "был", "также"]),
    ("uk", ["і", "й", "що", "не", "на", "як", "це", "та", "був", "від", "також", "її"]),
    ("bg", ["и", "на", "да", "се", "за", "от", "че", "е", "са", "като", "това", "беше"]),
  ]

  /// The language whose common words occur most often among the first words of `text`.
  static func byCommonWords(_ text: String, _ table: [(String, Set<String>)]) -> String {
    var scores = [Int](repeating: 0, count: table.count)
    var wordCount = 0
    let words = text.unicodeScalars.split { !$0.properties.isAlphabetic }
    for word in words.prefix(300) {
      wordCount += 1
      let lower = String(String.UnicodeScalarView(word)).lowercased()
      for (index, entry) in table.enumerated() where entry.1.contains(lower) { scores[index] += 1 }
    }
    guard let best = scores.indices.max(by: { scores[$0] < scores[$1] }),
      scores[best] >= 2 || (wordCount < 10 && scores[best] >= 1)
    else { return "" }
    return table[best].0
  }
}
