import Dispatch
import Synchronization

/// One line of batch input.
package struct BatchQuery: Sendable, Equatable {
  /// The query id: the text before the tab, or the line's ordinal among queries (1, 2, …).
  package var id: String
  package var text: String
  /// 1-based line number in the input, for error messages.
  package var lineNumber: Int

  /// Reads `id<TAB>query` or `query` lines; blank lines and lines starting with `#` are skipped.
  package static func parseLines(_ input: String) -> [BatchQuery] {
    var queries: [BatchQuery] = []
    var lineNumber = 0
    for line in input.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let trimmed = line.hasSuffix("\r") ? line.dropLast() : line[...]
      if trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) || trimmed.hasPrefix("#") { continue }
      if let tab = trimmed.firstIndex(of: "\t") {
        queries.append(
          BatchQuery(
            id: String(trimmed[..<tab]).trimmingSpaces, text: String(trimmed[trimmed.index(after: tab)...]),
            lineNumber: lineNumber))
      } else {
        queries.append(BatchQuery(id: String(queries.count + 1), text: String(trimmed), lineNumber: lineNumber))
      }
    }
    return queries
  }
}

/// Answers many queries on several threads and hands their rendered output back in input order.
package struct BatchRunner: Sendable {
  package var searcher: Searcher
  package var k: Int
  /// Hits of each ranking skipped before the `k` returned (paging; see ``Searcher/search(_:k:offset:)``).
  package var offset: Int
  package var threads: Int

  package init(searcher: Searcher, k: Int, offset: Int = 0, threads: Int) {
    self.searcher = searcher
    self.k = k
    self.offset = offset
    self.threads = max(1, threads)
  }

  /// Runs every query; `render` turns an answer into output bytes (on a worker thread), `write`
  /// receives them in input order (on the calling thread). Work goes in chunks, so memory stays
  /// bounded for any number of queries.
  package func run(
    _ queries: [BatchQuery],
    render: @Sendable (BatchQuery, Result<SearchResult, QueryParseError>) -> [UInt8],
    write: ([UInt8]) -> Void
  ) {
    let chunk = 512
    var start = 0
    while start < queries.count {
      let end = min(queries.count, start + chunk)
      let outputs = Mutex<[Int: [UInt8]]>([:])
      let next = Atomic<Int>(start)
      DispatchQueue.concurrentPerform(iterations: min(threads, end - start)) { _ in
        while true {
          let i = next.add(1, ordering: .relaxed).oldValue
          guard i < end else { return }
          let query = queries[i]
          let result: Result<SearchResult, QueryParseError>
          do throws(QueryParseError) {
            result = .success(try searcher.search(query.text, k: k, offset: offset))
          } catch {
            result = .failure(error)
          }
          let bytes = render(query, result)
          outputs.withLock { $0[i] = bytes }
        }
      }
      outputs.withLock { rendered in
        for i in start..<end { write(rendered[i] ?? []) }
      }
      start = end
    }
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return String(s)
  }
}
