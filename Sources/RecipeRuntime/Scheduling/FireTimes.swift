// Fire times of a cron schedule as instants in ms, including the most recent ones before a
// moment. CronSchedule only searches forward, so "the last fire times up to now" looks back
// over a window that doubles (1 minute, 2, 4, ...) until it holds enough fire times or reaches
// the lower bound: a minutely schedule after a year of downtime costs a few steps, not half a
// million.
import Foundation
import RecipeData

/// A cron schedule read in a time zone, answering in ms since 1970 UTC.
struct FireTimes: Sendable {
    /// The first look-back window, 1 minute (cron's resolution).
    static let initialSpan: Int64 = 60_000

    let cron: CronSchedule
    let timeZone: TimeZone

    /// The first fire time strictly after `instant`; `nil` when the schedule never fires again
    /// (within `CronSchedule.searchHorizonYears`).
    func next(after instant: Int64) -> Int64? {
        cron.nextDate(after: Date(timeIntervalSince1970: Double(instant) / 1000), in: timeZone).map {
            Int64(($0.timeIntervalSince1970 * 1000).rounded())
        }
    }

    /// The `count` most recent fire times in `(lower, upper]`, oldest first (fewer when fewer
    /// exist).
    func latest(_ count: Int, after lower: Int64, upTo upper: Int64) -> [Int64] {
        guard count > 0, upper > lower else { return [] }
        let (distance, overflow) = upper.subtractingReportingOverflow(lower)
        var span = Self.initialSpan
        while true {
            let reachesLower = !overflow && distance <= span
            let start = reachesLower ? lower : upper - span
            let found = scan(after: start, upTo: upper, keeping: count)
            if found.count >= count || reachesLower { return found }
            span = span > Int64.max / 2 ? Int64.max : span * 2
        }
    }

    /// Every fire time in `(start, upper]`, keeping only the last `count`.
    private func scan(after start: Int64, upTo upper: Int64, keeping count: Int) -> [Int64] {
        var found: [Int64] = []
        var instant = start
        while let fire = next(after: instant), fire <= upper {
            found.append(fire)
            if found.count > count { found.removeFirst() }
            instant = fire
        }
        return found
    }
}
