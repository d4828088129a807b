// The driver of schedules over the store. Every decision is read from and written to the store,
// so several processes sharing one database fire each schedule once:
//
// 1. Enqueue first, with an origin key per fire time (`schedule:<recipe>:<fire ms>`): the store
//    adds a job whose origin key exists only once, so a crash between enqueue and step 2, or
//    two processes racing on the same fire time, never makes a second job.
// 2. Then move the cursor by compare-and-set from the value read: only one process moves it;
//    the others see the move on their next tick and plan from there.
//
// The run at start (`runOnStart`) is marked the same way: its job's origin key is
// `start:<recipe>:<changedAt>` and the cursor moves to `changedAt`, so it runs once per start,
// and the cursor (not the job, which retention may prune) remembers that it ran.
import RecipeData
import RecipeModel
import RecipeStore

/// Fires the schedule triggers of started recipes: enqueues their jobs at their fire times,
/// once across restarts and processes. See docs/scheduler.md.
public struct Scheduler: Sendable {
    /// Where lifecycles and cursors are read and jobs enqueued (shared by every process).
    public let store: any RecipeStore
    /// The loaded recipes; a started recipe missing from it, or not a schedule, is ignored.
    public let project: Project
    /// The missed-run policy and the loop's limits.
    public let settings: SchedulerSettings

    /// A scheduler over `store` for the schedule recipes of `project`.
    public init(store: any RecipeStore, project: Project, settings: SchedulerSettings = .default) {
        self.store = store
        self.project = project
        self.settings = settings
    }

    /// A started recipe with a schedule trigger.
    struct Entry {
        var recipe: Recipe
        var trigger: ScheduleTrigger
        var lifecycle: RecipeLifecycle
    }

    /// Enqueues what is due at `now` for every started recipe with a schedule trigger: its run
    /// at start if asked for and not yet made, then its due fire times under the missed-run
    /// policy. Returns the jobs of the runs this call recorded (moved the cursor past); a run
    /// another process recorded first is not returned, and no job is ever enqueued twice.
    public func tick(now: Int64) async throws(StoreError) -> [StoredJob] {
        var jobs: [StoredJob] = []
        for entry in try await scheduled() {
            jobs += try await tick(entry, now: now)
        }
        return jobs
    }

    /// The earliest time (ms) something is due among started schedule recipes: `now` when
    /// something is due already, `nil` when nothing will ever fire. The loop sleeps until then
    /// (but at most `settings.maxSleep`, to see recipes started meanwhile).
    public func nextWake(now: Int64) async throws(StoreError) -> Int64? {
        var earliest: Int64?
        for entry in try await scheduled() {
            let cursor = try await store.scheduleCursor(recipe: entry.recipe.qualifiedName)
            let wake: Int64?
            if startRunPending(entry, cursor: cursor) {
                wake = max(now, entry.lifecycle.changedAt)
            } else {
                let plan = SchedulePlan(
                    entry.trigger, cursor: cursor, startedAt: entry.lifecycle.changedAt, now: now, settings: settings)
                wake = plan.advanceTo != nil ? now : plan.nextFire
            }
            if let wake { earliest = min(earliest ?? wake, wake) }
        }
        return earliest
    }

    /// Started recipes of the project whose trigger is a schedule, by name.
    func scheduled() async throws(StoreError) -> [Entry] {
        try await store.lifecycles().compactMap { lifecycle in
            guard lifecycle.state == .started, let id = RecipeID(qualified: lifecycle.recipe),
                let recipe = project.recipes[id], case .schedule(let trigger) = recipe.trigger
            else { return nil }
            return Entry(recipe: recipe, trigger: trigger, lifecycle: lifecycle)
        }
    }

    /// Whether the run at start is still to be made: the trigger asks for it and the cursor has
    /// not reached the start.
    private func startRunPending(_ entry: Entry, cursor: Int64?) -> Bool {
        entry.trigger.runOnStart && (cursor ?? .min) < entry.lifecycle.changedAt
    }

    private func tick(_ entry: Entry, now: Int64) async throws(StoreError) -> [StoredJob] {
        let name = entry.recipe.qualifiedName
        let contentHash = entry.lifecycle.pinnedContentHash ?? entry.recipe.contentHash
        var cursor = try await store.scheduleCursor(recipe: name)
        var recorded: [StoredJob] = []
        if startRunPending(entry, cursor: cursor) {
            let startedAt = entry.lifecycle.changedAt
            guard startedAt <= now else { return [] }
            let run = ScheduledRun(recipe: name, scheduledAt: startedAt, reason: .start)
            let jobs = try await store.enqueue([run.job(contentHash: contentHash, createdAt: now)])
            guard try await store.advanceScheduleCursor(recipe: name, from: cursor, to: startedAt) else { return [] }
            recorded += jobs
            cursor = startedAt
        }
        let plan = SchedulePlan(entry.trigger, cursor: cursor, startedAt: entry.lifecycle.changedAt, now: now, settings: settings)
        guard let advanceTo = plan.advanceTo else { return recorded }
        let runs = plan.runs.map { fire in
            ScheduledRun(recipe: name, scheduledAt: fire, reason: now - fire <= settings.onTimeTolerance ? .schedule : .catchUp)
        }
        let jobs = runs.isEmpty ? [] : try await store.enqueue(runs.map { $0.job(contentHash: contentHash, createdAt: now) })
        guard try await store.advanceScheduleCursor(recipe: name, from: cursor, to: advanceTo) else { return recorded }
        return recorded + jobs
    }
}
