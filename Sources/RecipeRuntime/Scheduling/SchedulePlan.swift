// The pure planner of a schedule: from the cursor (the last fire time handled), the time the
// recipe was started, the current time and the missed-run policy, which fire times run now,
// where the cursor goes and when to wake up next. No I/O, no clock: every input is passed in.
import Foundation
import RecipeData
import RecipeModel

/// What a schedule does at one instant: the fire times to run, the cursor's new value and the
/// next fire time.
///
/// Only fire times strictly after both the cursor and the start count: a recipe started at
/// 06:59 fires at 07:00, one started at 07:00:00.000 exactly fires the next day, and the time a
/// recipe spent stopped is never caught up.
public struct SchedulePlan: Sendable, Equatable {
    /// The fire times to enqueue now (ms UTC), oldest first; empty when nothing is due or the
    /// policy skips what is.
    public var runs: [Int64]
    /// The latest due fire time, which the cursor moves to (even when the policy runs nothing);
    /// `nil` when nothing is due.
    public var advanceTo: Int64?
    /// The first fire time strictly after `now` and after everything handled; `nil` when the
    /// schedule never fires again.
    public var nextFire: Int64?

    /// A plan with the given parts (for comparisons in tests).
    public init(runs: [Int64], advanceTo: Int64?, nextFire: Int64?) {
        self.runs = runs
        self.advanceTo = advanceTo
        self.nextFire = nextFire
    }

    /// Plans a schedule read as wall-clock time in `timeZone` (DST as in
    /// `CronSchedule.nextDate(after:in:)`).
    /// - Parameters:
    ///   - cursor: the last fire time handled (ms), `nil` when the schedule never fired.
    ///   - startedAt: when the recipe was started (its lifecycle's `changedAt`, ms).
    ///   - now: the current time (ms).
    ///   - settings: the missed-run policy, its on-time tolerance and cap.
    public init(
        cron: CronSchedule, timeZone: TimeZone, cursor: Int64?, startedAt: Int64, now: Int64,
        settings: SchedulerSettings = .default
    ) {
        let times = FireTimes(cron: cron, timeZone: timeZone)
        let handledThrough = max(cursor ?? startedAt, startedAt)
        let policy = settings.missedRunPolicy
        let due = times.latest(policy.runLimit(cappedAt: settings.maxCatchUpRuns), after: handledThrough, upTo: now)
        advanceTo = due.last
        switch policy {
        case .skip:
            runs = due.last.map { now - $0 <= settings.onTimeTolerance ? [$0] : [] } ?? []
        case .one, .all:
            runs = due
        }
        nextFire = times.next(after: max(handledThrough, now))
    }

    /// Plans a recipe's schedule trigger; see `init(cron:timeZone:cursor:startedAt:now:settings:)`.
    public init(
        _ trigger: ScheduleTrigger, cursor: Int64?, startedAt: Int64, now: Int64, settings: SchedulerSettings = .default
    ) {
        self.init(
            cron: trigger.cron, timeZone: trigger.timeZone, cursor: cursor, startedAt: startedAt, now: now,
            settings: settings)
    }
}
