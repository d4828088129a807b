// The job a schedule enqueues: its trigger payload and its origin key. The origin key makes
// the enqueue idempotent (the store adds a job whose `originKey` exists only once), which is
// what makes a schedule fire once across crashes and processes; see docs/scheduler.md.
import Foundation
import RecipeData
import RecipeEngine
import RecipeStore

/// One run a schedule asks for: a fire time of the cron, or the run at start.
public struct ScheduledRun: Sendable, Equatable {
    /// Why the run happens; `trigger.reason` in the recipe.
    public enum Reason: String, Sendable, CaseIterable {
        /// A fire time handled on time (at most `SchedulerSettings.onTimeTolerance` late).
        case schedule
        /// A fire time handled late: a catch-up for time the server was down.
        case catchUp
        /// The run a `runOnStart` trigger asks for when its recipe is started.
        case start
    }

    /// The recipe's name, `folder/name`.
    public var recipe: String
    /// The fire time, or for `.start` the time the recipe was started (ms UTC).
    public var scheduledAt: Int64
    public var reason: Reason

    /// A run of `recipe` for `scheduledAt` (ms UTC).
    public init(recipe: String, scheduledAt: Int64, reason: Reason) {
        self.recipe = recipe
        self.scheduledAt = scheduledAt
        self.reason = reason
    }

    /// `schedule:<recipe>:<fire ms>` for fire times (on time or caught up alike, so a fire
    /// time runs once whatever a process calls it), `start:<recipe>:<started ms>` for a start.
    public var originKey: String {
        switch reason {
        case .schedule, .catchUp: "schedule:\(recipe):\(scheduledAt)"
        case .start: "start:\(recipe):\(scheduledAt)"
        }
    }

    /// The job's trigger, what the recipe reads as `trigger`:
    /// `{"scheduledAt": "2026-12-02T07:00:00.000Z", "reason": "schedule"}`.
    public var payload: JSONValue {
        [
            "scheduledAt": .string(Timestamp.iso8601(Date(timeIntervalSince1970: Double(scheduledAt) / 1000))),
            "reason": .string(reason.rawValue),
        ]
    }

    /// The job to enqueue, running `contentHash` (the content pinned at start).
    public func job(contentHash: String, createdAt: Int64) -> NewJob {
        NewJob(recipe: recipe, contentHash: contentHash, trigger: payload, originKey: originKey, createdAt: createdAt)
    }
}
