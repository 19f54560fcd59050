import Foundation
import NewsIndexCore

/// How the hits of a search are ordered (`--sort`).
package enum ResultOrder: String, Sendable, CaseIterable {
  /// Score descending, then document number (the default).
  case score
  /// Newest first; the same date by score, then document number; undated documents last.
  case date
}

/// Recency weighting (`--recency HALF-LIFE`): a hit's score is multiplied by
/// `2^(-age / halfLife)`, its age measured from the newest document of the index (passing over
/// the newest 0.1 %, see ``IndexReader/recencyBounds``); documents newer than that get factor 1.
///
/// Measuring from the newest document rather than from the clock keeps answers reproducible and
/// useful for an archive that stopped growing years ago: the latest stories keep their full
/// score whenever the index is searched. A document without a date is weighted like the oldest
/// dated document (dating it "now" would favour it; ignoring it would drop it).
package struct RecencyWeight: Sendable, Equatable {
  /// Seconds after which a score halves.
  package var halfLifeSeconds: Double
  /// Ages are measured from this date (seconds since 1970).
  package var newest: Int64
  /// The age given to undated documents.
  package var undatedAge: Double

  /// Weighting with `halfLifeSeconds` over an index whose dates span `bounds` (nil: none dated,
  /// every factor is 1).
  package init(halfLifeSeconds: Double, bounds: ClosedRange<Int64>?) {
    self.halfLifeSeconds = halfLifeSeconds
    newest = bounds?.upperBound ?? 0
    undatedAge = bounds.map { Double($0.upperBound - $0.lowerBound) } ?? 0
  }

  /// The factor of a document dated `date` (``DocumentDate/unknown`` when it has none), in (0, 1].
  @inline(__always) package func factor(_ date: Int64) -> Double {
    let age = date == DocumentDate.unknown ? undatedAge : Double(max(0, newest - date))
    return age == 0 ? 1 : exp2(-age / halfLifeSeconds)
  }

  /// Reads a half-life: a positive number followed by `s`, `m`, `h`, `d`, `w` or `y` (365 days),
  /// e.g. `30d`, `12h`, `1.5y`; nil when unreadable.
  package static func seconds(fromHalfLife text: String) -> Double? {
    guard let unit = text.last, let value = Double(text.dropLast()), value > 0, value.isFinite
    else { return nil }
    let scale: Double
    switch unit {
    case "s": scale = 1
    case "m": scale = 60
    case "h": scale = 3600
    case "d": scale = 86_400
    case "w": scale = 7 * 86_400
    case "y": scale = 365 * 86_400
    default: return nil
    }
    return value * scale
  }
}

/// A hit with its date, ordered by date (newest first, then as ``Hit``) or, with `byScore`, as
/// ``Hit`` alone (recency weighting in score order).
struct DatedHit: RankedEntry {
  var hit: Hit
  var date: Int64
  var byScore: Bool

  var docNumber: Int { hit.docNumber }

  @inline(__always) func ranksAbove(_ other: DatedHit) -> Bool {
    byScore || date == other.date ? hit.ranksAbove(other.hit) : date > other.date
  }
}

/// How a collector re-ranks hits for ``ResultOrder/date`` or recency weighting: it looks each
/// hit's date up and weighs its score.
struct HitOrdering: Sendable {
  let reader: IndexReader
  let order: ResultOrder
  let recency: RecencyWeight?

  @inline(__always) func entry(for hit: Hit) -> DatedHit {
    let date = reader.date(ofDocument: hit.docNumber)
    var hit = hit
    if let recency { hit.score *= recency.factor(date) }
    return DatedHit(hit: hit, date: date, byScore: order == .score)
  }
}

extension Searcher {
  /// The groups to collapse hits by, nil when collapsing is off or the index has no duplicates.
  var collapseGroups: DuplicateGroups? {
    collapseDuplicates && !reader.duplicates.isEmpty ? reader.duplicates : nil
  }

  /// The re-ranking of hits that date order and recency need, nil for plain score order. With
  /// one, the collector gives no pruning threshold: every match is scored.
  var hitOrdering: HitOrdering? {
    guard order == .date || recencyHalfLife != nil else { return nil }
    return HitOrdering(
      reader: reader, order: order,
      recency: recencyHalfLife.map {
        RecencyWeight(halfLifeSeconds: $0, bounds: reader.recencyBounds)
      })
  }

  /// How many other documents of the index are copies of the hit's document.
  package func duplicateCount(of hit: Hit) -> Int {
    reader.duplicates.copies(of: hit.docNumber)
  }
}
