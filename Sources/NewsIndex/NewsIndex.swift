import NewsIndexAnalysis
import NewsIndexCore
import NewsIndexExtract
package import NewsIndexFormat
package import NewsIndexSearch

/// An index on disk, opened for searching: a snapshot of its current commit.
///
/// ```swift
/// let index = try SearchIndex.open("index")
/// for hit in try index.search("\"free trade agreement\" korea", limit: 5) {
///   print(hit.rank, hit.article.title, hit.article.absolutePath)
/// }
/// ```
///
/// An `Index` is immutable and safe to share between threads; a build running meanwhile
/// publishes a new commit that the next ``open(_:)`` sees.
public final class SearchIndex: Sendable {
  /// The index folder.
  public let path: String
  package let reader: IndexReader

  init(path: String) throws(NewsIndexError) {
    self.path = path
    do throws(FormatError) {
      reader = try IndexReader(opening: IndexDirectory(path: path))
    } catch {
      throw NewsIndexError(error.description)
    }
  }

  /// Opens the index in the folder `path`.
  /// - Throws: ``NewsIndexError`` when there is no index or it is damaged.
  public static func open(_ path: String) throws(NewsIndexError) -> SearchIndex {
    try SearchIndex(path: path)
  }

  /// Documents that searches can return.
  public var documentCount: Int { reader.commit.liveDocumentCount }

  /// The folders and files the index was built from (empty for an index that did not record
  /// them).
  public var roots: [Root] { (reader.commit.roots ?? []).map(Root.init) }

  /// The best `limit` hits of `query` (the command line's syntax: words, `"phrases"`, `+`/`-`,
  /// `AND`/`OR`/`NOT`, fields, `date:` ranges, boosts), after `offset` hits, ranked by BM25F,
  /// one hit per group of duplicate stories.
  /// - Throws: ``NewsIndexError`` for a query that cannot be parsed or a damaged index.
  public func search(_ query: String, limit: Int = 10, offset: Int = 0, fragments: Int = 1) throws(NewsIndexError)
    -> SearchResults
  {
    let (parsed, dates) = try Self.parse(query)
    var searcher = Searcher(reader: reader)
    searcher.collapseDuplicates = true
    searcher.filter.restrict(to: dates)
    let result = searcher.search(parsed, k: max(0, limit), offset: max(0, offset))
    let highlighter = Highlighter(query: parsed, analyzer: reader.analyzer)
    var hits: [SearchHit] = []
    for (i, hit) in result.hits.enumerated() {
      let stored: ExtractedDocument
      do throws(FormatError) { stored = try reader.storedDocument(hit.docNumber) } catch {
        throw NewsIndexError(error.description)
      }
      let snippets = highlighter.fragments(of: stored.body, count: fragments)
      hits.append(
        SearchHit(
          rank: result.offset + i + 1, score: hit.score, article: article(stored),
          fragments: snippets.map(Passage.init), titleMatches: Passage(highlighter.title(stored.title)).matches,
          duplicates: searcher.duplicateCount(of: hit)))
    }
    return SearchResults(hits: hits, matchCount: result.matchCount, matchCountIsExact: result.matchCountIsExact)
  }

  /// The stored article with id `id` (as search hits and `newsindex show` give it); nil when the
  /// index has none.
  public func article(id: String) throws(NewsIndexError) -> Article? {
    do throws(FormatError) {
      return try reader.storedDocument(id: id).map(article)
    } catch {
      throw NewsIndexError(error.description)
    }
  }

  /// Exact counts of the documents matching `query` per source, language, year or month.
  public func facet(_ query: String, by field: Facet) throws(NewsIndexError) -> [FacetValue] {
    let (parsed, dates) = try Self.parse(query)
    var searcher = Searcher(reader: reader)
    searcher.filter.restrict(to: dates)
    do throws(FormatError) {
      return try searcher.facetCounts(parsed, by: field.field).buckets.map { FacetValue(value: $0.value, count: $0.count) }
    } catch {
      throw NewsIndexError(error.description)
    }
  }

  func article(_ document: ExtractedDocument) -> Article {
    Article(
      id: document.id, title: document.title, date: document.date, byline: document.byline, source: document.source,
      path: document.path, absolutePath: reader.absolutePath(of: document), body: document.body)
  }
}


/// A stored article.
public struct Article: Sendable, Hashable {
  public var id: String
  public var title: String
  /// ISO 8601 when the source's date could be read, else the source's text, or empty.
  public var date: String
  public var byline: String
  /// The agency or publisher (`Reuters`, `Xinhua`), empty when unknown.
  public var source: String
  /// The source file relative to its root (with the root's label when the index has several).
  public var path: String
  /// The source file's absolute path (``path`` itself for an index without recorded roots).
  public var absolutePath: String
  public var body: String
}

/// A passage of text with the places where the query matched.
public struct Passage: Sendable, Hashable {
  public var text: String
  /// Each match as UTF-8 byte offsets into ``text`` and as UTF-16 offsets (what JavaScript and
  /// `NSString` count).
  public var matches: [Match]

  public struct Match: Sendable, Hashable {
    public var utf8: Range<Int>
    public var utf16: Range<Int>
  }

  init(_ snippet: Snippet) {
    text = snippet.text
    matches = zip(snippet.highlights, snippet.utf16Highlights).map { Match(utf8: $0, utf16: $1) }
  }
}

/// One search hit.
public struct SearchHit: Sendable, Hashable {
  /// 1 for the best hit.
  public var rank: Int
  public var score: Double
  public var article: Article
  /// Up to the `fragments` asked for: sentences of the body that show the query.
  public var fragments: [Passage]
  /// Where the query matches the title.
  public var titleMatches: [Passage.Match]
  /// Other copies of the story the index holds.
  public var duplicates: Int
}

/// A page of hits, iterated in rank order.
public struct SearchResults: Sendable, RandomAccessCollection {
  public var hits: [SearchHit]
  /// Documents matching the query: exact when ``matchCountIsExact``, else an estimate.
  public var matchCount: Int
  public var matchCountIsExact: Bool

  public var startIndex: Int { hits.startIndex }
  public var endIndex: Int { hits.endIndex }
  public subscript(position: Int) -> SearchHit { hits[position] }
}

/// What ``SearchIndex/facet(_:by:)`` counts by.
public enum Facet: String, Sendable, CaseIterable {
  case source, language, year, month

  var field: FacetField {
    switch self {
    case .source: .source
    case .language: .language
    case .year: .year
    case .month: .month
    }
  }
}

/// One bucket of a facet.
public struct FacetValue: Sendable, Hashable {
  public var value: String
  public var count: Int
}

/// A folder or file an index was built from.
public struct Root: Sendable, Hashable {
  /// Absolute path.
  public var path: String
  /// Prefix of its documents' ids and paths; empty for an index's first root.
  public var label: String
  /// `--exclude` globs recorded with it.
  public var excludes: [String]

  init(_ root: SourceRoot) {
    path = root.path
    label = root.label
    excludes = root.excludes
  }
}

/// A failure of the library: one line, for people.
public struct NewsIndexError: Error, CustomStringConvertible, Sendable {
  public var description: String
  /// A bad query or argument rather than a damaged or missing index.
  public var isUsage: Bool

  init(_ description: String, isUsage: Bool = false) {
    self.description = description
    self.isUsage = isUsage
  }
}

extension SearchIndex {
  /// The query and its `date:` filter, as the command line reads them.
  fileprivate static func parse(_ query: String) throws(NewsIndexError) -> (Query, SearchFilter) {
    do throws(QueryParseError) {
      return try QueryParser.parseWithFilter(query)
    } catch {
      throw NewsIndexError(error.description, isUsage: true)
    }
  }
}
