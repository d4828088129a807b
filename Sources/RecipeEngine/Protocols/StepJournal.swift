// The job's write-ahead journal. A job whose process dies (kill -9, power loss) is resumed by
// running it again under the same job id with its journal: a side-effect step whose `ended`
// entry says it succeeded is replayed from the journal (not sent again); a step with only a
// `started` entry was in flight, and runs again under its idempotency rules (the same
// idempotency key, the connectors' dedupe checks). So entries are written *before* the side
// effect is attempted and when its outcome is known, and the interpreter awaits each write.
import Foundation
import RecipeData
import RecipeModel

/// Where a job's side-effect steps are recorded as they happen, and what an earlier run of the
/// same job completed. The store's journal persists entries; `MemoryJournal` serves tests and
/// `recipes run`.
public protocol StepJournal: Sendable {
    /// The output of a side-effect step that an earlier run of this job completed, or nil.
    func completedOutput(at path: StepPath) -> JSONValue?

    /// Records `entry` durably before returning; the interpreter does not go on (nor attempt the
    /// side effect a `started` entry announces) until it has.
    func append(_ entry: JournalEntry) async throws

    /// The error of a side-effect step that an earlier run of this job ended in failure (after
    /// its retries; handled or not), or nil: the step fails the same way again without acting.
    func endedFailure(at path: StepPath) -> JobError?

    /// How many attempts of the step at `path` earlier runs of this job started (0 when none):
    /// a resumed step goes on counting, so its retries are not granted afresh.
    func startedAttempts(at path: StepPath) -> Int

    /// The `ordinal`-th value named `name` an earlier run of this job observed, or nil.
    func observation(_ name: JournalObservation.Name, ordinal: Int) -> JSONValue?

    /// Records values the job read from the world; written before the next `started` entry, so
    /// everything a side effect was computed from is replayed on resume.
    func record(_ observations: [JournalObservation]) async throws
}

extension StepJournal {
    /// Journals that keep no failures (test doubles) replay none.
    public func endedFailure(at path: StepPath) -> JobError? { nil }
}

/// A value a job read from the world rather than computed: on resume it is replayed, not read
/// again, so the job computes what it computed before (Temporal keeps such values in its
/// history for the same reason).
public struct JournalObservation: Sendable, Hashable {
    public enum Name: String, Sendable, Hashable {
        /// When the job first started (its deadline counts from it), as ISO 8601 text.
        case startedAt
        /// What `now()` returned, in the order of the calls.
        case now
    }

    public var jobID: String
    public var name: Name
    /// 0 for the first value of this name in the job, then 1, 2, …
    public var ordinal: Int
    public var value: JSONValue

    public init(jobID: String, name: Name, ordinal: Int, value: JSONValue) {
        self.jobID = jobID
        self.name = name
        self.ordinal = ordinal
        self.value = value
    }
}

/// A job queued by an asynchronous sub-recipe call (`"async": true`).
public struct QueuedCall: Sendable, Hashable {
    /// The called recipe.
    public var recipe: RecipeID
    /// The call's input: the called job's trigger.
    public var input: JSONValue
    /// Derived from the calling job's id and the step's path (`JobIdentifiers.derived`), so a
    /// replay names the same job.
    public var jobID: String
    /// Asynchronous calls made in the calling job's tree up to and including this one: the
    /// called job's tree count starts here.
    public var asyncCallsInTree: Int

    public init(recipe: RecipeID, input: JSONValue, jobID: String, asyncCallsInTree: Int) {
        self.recipe = recipe
        self.input = input
        self.jobID = jobID
        self.asyncCallsInTree = asyncCallsInTree
    }
}

/// One write-ahead record of a side-effect step (action, call, async call, notify).
public struct JournalEntry: Sendable, Hashable {
    public enum Phase: String, Sendable, Hashable {
        /// About to act on the outside world (written before every attempt).
        case started
        /// The step's outcome is known (after its retries).
        case ended
    }

    public var jobID: String
    public var path: StepPath
    public var kind: StepRecordKind
    public var phase: Phase
    /// The attempt about to be made (`started`) or the attempts made (`ended`).
    public var attempt: Int
    /// The key the vendor may deduplicate the request on: the same for every attempt and run.
    public var idempotencyKey: String
    /// `ended` only: succeeded, failed or handled.
    public var status: StepStatus?
    /// `ended` only, redacted like the trace.
    public var output: JSONValue?
    public var error: JobError?
    /// `ended` only, on an asynchronous call that succeeded: the job it queued. A durable
    /// journal enqueues it in the same write as the entry, so a replayed step never queues
    /// it twice and a crash never loses it.
    public var queuedCall: QueuedCall?
    public var at: Date

    public init(
        jobID: String, path: StepPath, kind: StepRecordKind, phase: Phase, attempt: Int, idempotencyKey: String,
        status: StepStatus? = nil, output: JSONValue? = nil, error: JobError? = nil, queuedCall: QueuedCall? = nil,
        at: Date
    ) {
        self.queuedCall = queuedCall
        self.jobID = jobID
        self.path = path
        self.kind = kind
        self.phase = phase
        self.attempt = attempt
        self.idempotencyKey = idempotencyKey
        self.status = status
        self.output = output
        self.error = error
        self.at = at
    }

    /// A side effect that ended in failure: an `ended` entry of a step that failed or whose
    /// failure its handlers took.
    public var endedFailure: JobError? {
        guard phase == .ended, status == .failed || status == .handled else { return nil }
        return error ?? JobError(type: .connector, message: "step failed in an earlier run of the job")
    }

    /// A completed side effect: an `ended` entry of a step that succeeded.
    public var completedOutput: JSONValue? {
        // Not `cond ? x : nil`: JSONValue is ExpressibleByNilLiteral, so that `nil` would be `.null`.
        guard phase == .ended, status == .succeeded else { return Optional.none }
        return output ?? .null
    }
}
