/// Built-in stop-word lists, by the name `--stopwords` takes.
///
/// Words are written as the tokenizer folds them (lower case, no apostrophes: `don't` → `dont`).
package enum StopWordLists {
  /// Lucene's `EnglishAnalyzer.ENGLISH_STOP_WORDS_SET`, Anserini's default (33 words).
  package static let lucene: [String] = [
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no",
    "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to",
    "was", "will", "with",
  ]

  /// The Snowball project's English stop list (127 words, as shipped with Snowball and PostgreSQL).
  package static let english: [String] = [
    "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
    "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
    "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these",
    "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do",
    "does", "did", "doing", "a", "an", "the", "and", "but", "if", "or", "because", "as", "until", "while",
    "of", "at", "by", "for", "with", "about", "against", "between", "into", "through", "during", "before",
    "after", "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under",
    "again", "further", "then", "once", "here", "there", "when", "where", "why", "how", "all", "any", "both",
    "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only", "own", "same", "so",
    "than", "too", "very", "s", "t", "can", "will", "just", "don", "should", "now",
  ]

  /// Lists by name.
  package static let named: [String: [String]] = ["lucene": lucene, "english": english]
}
