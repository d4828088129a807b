// Jobs as the store keeps them: queued, claimed under a lease, finished.
import RecipeData

/// Where a job is in its life. Only `queued` jobs (whose `runAfter` has come) and `running`
/// jobs whose lease lapsed can be claimed; `succeeded`, `failed` and `cancelled` are final.
public enum StoredJobStatus: String, Sendable, CaseIterable {
    case queued, running, succeeded, failed, cancelled

    /// Whether the job still holds its ordering key (blocks younger jobs with the same key).
    public var isUnfinished: Bool { self == .queued || self == .running }
}

/// A job to enqueue.
public struct NewJob: Sendable, Equatable {
    /// The recipe's name (its path in the project).
    public var recipe: String
    /// The content hash of the recipe text the job runs (the pinned content at start).
    public var contentHash: String
    /// What started it: the trigger's input (a delivery's parsed body, a schedule tick, a call).
    public var trigger: JSONValue
    /// Jobs with the same key run one at a time in enqueue order; `nil` orders nothing.
    public var orderingKey: String?
    /// The job that called this one (sub-recipe call) or that it re-runs.
    public var parentID: Int64?
    /// The delivery that started it, if a webhook did.
    public var deliveryID: Int64?
    /// A unique key for idempotent enqueues (e.g. parent id + step path of an async call):
    /// enqueueing the same origin twice returns the first job and adds nothing.
    public var originKey: String?
    /// Enqueue time, ms UTC.
    public var createdAt: Int64
    /// Not claimable before this time (ms UTC): a debounce or a scheduled wait. It still holds
    /// its ordering key meanwhile.
    public var runAfter: Int64?
    /// Asynchronous calls made by the jobs of its tree before it was enqueued: the engine's
    /// per-tree limit goes on counting from here.
    public var asyncCallsBefore: Int
    /// Debounce (ms) of a job started by a delivery: it runs `debounce` after the latest
    /// delivery of its key, and a later delivery for the same recipe and key coalesces into it
    /// while it waits (see `RecipeStore.appendDeliveries`).
    public var debounce: Int64?
    /// The trigger is the body of the delivery `deliveryID` as stored, parsed: a backend may keep
    /// the body once and read the trigger from it (SQLite does; the in-memory twin keeps both).
    /// Set by the intake only when redaction changed neither.
    public var triggerIsDeliveryBody = false

    public init(
        recipe: String, contentHash: String, trigger: JSONValue = .null, orderingKey: String? = nil,
        parentID: Int64? = nil, deliveryID: Int64? = nil, originKey: String? = nil, createdAt: Int64,
        runAfter: Int64? = nil, asyncCallsBefore: Int = 0, debounce: Int64? = nil
    ) {
        self.debounce = debounce
        self.runAfter = runAfter
        self.asyncCallsBefore = asyncCallsBefore
        self.recipe = recipe
        self.contentHash = contentHash
        self.trigger = trigger
        self.orderingKey = orderingKey
        self.parentID = parentID
        self.deliveryID = deliveryID
        self.originKey = originKey
        self.createdAt = createdAt
    }
}

/// A stored job with its state.
public struct StoredJob: Sendable, Equatable {
    public var id: Int64
    public var job: NewJob
    public var status: StoredJobStatus
    /// How many times it was claimed (a takeover after a lapsed lease counts).
    public var attempts: Int
    /// The current or last lease holder.
    public var leaseOwner: String?
    /// When the lease lapses (ms UTC); a running job is claimable again from this instant on.
    public var leaseExpiresAt: Int64?
    public var startedAt: Int64?
    public var finishedAt: Int64?
    /// The job's output when it succeeded.
    public var result: JSONValue?
    /// The job's error when it failed.
    public var error: JSONValue?
    /// When an operator acknowledged the failure (or re-ran the job), ms UTC: retention may
    /// then prune it like a succeeded job.
    public var acknowledgedAt: Int64?

    public init(
        id: Int64, job: NewJob, status: StoredJobStatus = .queued, attempts: Int = 0, leaseOwner: String? = nil,
        leaseExpiresAt: Int64? = nil, startedAt: Int64? = nil, finishedAt: Int64? = nil, result: JSONValue? = nil,
        error: JSONValue? = nil, acknowledgedAt: Int64? = nil
    ) {
        self.acknowledgedAt = acknowledgedAt
        self.id = id
        self.job = job
        self.status = status
        self.attempts = attempts
        self.leaseOwner = leaseOwner
        self.leaseExpiresAt = leaseExpiresAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.result = result
        self.error = error
    }
}

/// How a job ended.
public enum JobOutcome: Sendable, Equatable {
    case succeeded(JSONValue)
    case failed(JSONValue)
    case cancelled
}

/// Which jobs `jobs(_:)` returns: newest first.
public struct JobFilter: Sendable, Equatable {
    public var recipe: String?
    public var status: StoredJobStatus?
    /// Only jobs created at or after this time (ms UTC).
    public var since: Int64?
    /// Only the jobs this job called or re-ran (its children in the history).
    public var parentID: Int64?
    public var limit: Int

    public init(
        recipe: String? = nil, status: StoredJobStatus? = nil, since: Int64? = nil, parentID: Int64? = nil, limit: Int = 100
    ) {
        self.recipe = recipe
        self.status = status
        self.since = since
        self.parentID = parentID
        self.limit = limit
    }
}

/// How one job ends, for `RecipeStore.finish(_:)`.
public struct JobFinish: Sendable, Equatable {
    public var jobID: Int64
    /// The lease holder ending it.
    public var owner: String
    public var outcome: JobOutcome
    /// ms UTC.
    public var now: Int64

    public init(jobID: Int64, owner: String, outcome: JobOutcome, now: Int64) {
        self.jobID = jobID
        self.owner = owner
        self.outcome = outcome
        self.now = now
    }
}
