/// What a schedule does with fire times that passed while nothing handled them (the server was
/// down, or stalled): see docs/scheduler.md.
public enum MissedRunPolicy: Sendable, Equatable {
    /// One catch-up run, for the most recent due fire time; older ones are folded into it.
    /// The default.
    case one
    /// No catch-up: the most recent due fire time runs only when it is on time (at most
    /// `SchedulerSettings.onTimeTolerance` late); every other due fire time is skipped.
    case skip
    /// A run for every due fire time, oldest first, but at most the `limit` most recent ones
    /// (clamped to 1...`SchedulerSettings.maxCatchUpRuns`); older ones are skipped.
    case all(limit: Int)

    /// How many of the most recent due fire times this policy may run (before the on-time
    /// check of `.skip`).
    func runLimit(cappedAt cap: Int) -> Int {
        switch self {
        case .one, .skip: 1
        case .all(let limit): min(max(limit, 1), max(cap, 1))
        }
    }
}
