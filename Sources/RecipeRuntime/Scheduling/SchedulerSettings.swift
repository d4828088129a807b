// The named limits and defaults of the scheduler of `recipes serve` (issue 8 "Scheduler"),
// kept apart from RuntimeSettings so docs/scheduler.md and the tests name the same values.

/// How the scheduler treats missed fire times and how long its loop may sleep.
public struct SchedulerSettings: Sendable, Equatable {
    /// What happens to fire times missed during downtime; one catch-up run by default.
    public var missedRunPolicy: MissedRunPolicy
    /// How late (ms after the fire time) a run still counts as on time rather than missed.
    /// Only `.skip` looks at it: a tick a little late must not skip the run it woke up for.
    public var onTimeTolerance: Int64
    /// The most catch-up runs `.all(limit:)` may enqueue for one recipe in one tick.
    public var maxCatchUpRuns: Int
    /// The longest the loop sleeps between ticks (ms), even when no fire time is near, so a
    /// recipe started by another process (or its `runOnStart`) is seen within this delay.
    public var maxSleep: Int64

    /// Default on-time tolerance: 1 minute.
    public static let defaultOnTimeTolerance: Int64 = 60_000
    /// Default cap of catch-up runs per recipe and tick: 100.
    public static let defaultMaxCatchUpRuns = 100
    /// Default longest sleep of the loop: 10 s.
    public static let defaultMaxSleep: Int64 = 10_000

    /// Settings with the named defaults unless given.
    public init(
        missedRunPolicy: MissedRunPolicy = .one, onTimeTolerance: Int64 = defaultOnTimeTolerance,
        maxCatchUpRuns: Int = defaultMaxCatchUpRuns, maxSleep: Int64 = defaultMaxSleep
    ) {
        self.missedRunPolicy = missedRunPolicy
        self.onTimeTolerance = onTimeTolerance
        self.maxCatchUpRuns = maxCatchUpRuns
        self.maxSleep = maxSleep
    }

    /// One catch-up run, 1 minute on-time tolerance, 100 catch-up runs at most, 10 s sleeps.
    public static let `default` = SchedulerSettings()
}
