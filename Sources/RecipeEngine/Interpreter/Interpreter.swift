import Foundation
import RecipeData
import RecipeExpressions
import RecipeModel
import Synchronization

/// Runs jobs of the recipes of a project: evaluates templates, performs connector actions,
/// follows sub-recipe calls, applies retries and error handlers, enforces limits, and records
/// every step in a `JobRecord`.
///
/// It is a value holding only immutable dependencies, so one interpreter serves any number of
/// concurrent jobs; each job's mutable state lives in its own `JobRun`.
public struct Interpreter: Sendable {
    public var project: Project
    public var connectors: ConnectorRegistry
    public var notifier: any Notifier
    public var clock: any EngineClock
    public var limits: EngineLimits
    /// Makes job ids (random UUIDs by default; tests inject a sequence).
    public var makeJobID: @Sendable () -> String
    /// Shortens a retry delay to spread retries (by default up to 20% less; tests pass it through).
    public var jitter: @Sendable (Duration) -> Duration
    /// What the `ordinal`-th `uuid()` (0-based) of job `jobID` returns. By default derived from
    /// both (`JobIdentifiers.derived`), so a resumed job sends the ids it sent before (a vendor
    /// deduplicating on one sees the same value) while distinct jobs never share one.
    public var makeUUID: @Sendable (_ jobID: String, _ ordinal: Int) -> String
    /// Scrubs secrets from step records and errors (the connector runtime's redactor).
    public var redactor: (any TraceRedactor)?
    /// The longest retry wait a job sleeps through in its process; a longer one suspends the
    /// job (status `waiting`, the wait in its error's `retryAfter`) for the store to resume
    /// later. `nil` (`recipes run`): every wait is slept.
    public var maxInProcessWait: Duration?

    public init(
        project: Project, connectors: ConnectorRegistry = ConnectorRegistry(),
        notifier: any Notifier = UnconfiguredNotifier(), clock: any EngineClock = SystemClock(),
        limits: EngineLimits = .default
    ) {
        self.project = project
        self.connectors = connectors
        self.notifier = notifier
        self.clock = clock
        self.limits = limits
        self.makeJobID = { JobIdentifiers.shared.next() }
        self.makeUUID = { jobID, ordinal in JobIdentifiers.derived(parent: jobID, name: "uuid \(ordinal)") }
        self.jitter = { delay in delay * Double.random(in: 0.8...1.0) }
    }

    /// Runs one job of `recipe` with `trigger` as its payload, then (in memory) the jobs its
    /// asynchronous calls queued, and theirs.
    ///
    /// `limits.maxAsyncCallsPerJob` counts the asynchronous calls of the whole tree: a job's
    /// children inherit its count instead of starting from zero, so a recipe that calls itself
    /// asynchronously stops at the limit.
    ///
    /// - Parameters:
    ///   - jobID: the id of the job; pass the id of the earlier run when resuming it, so that
    ///     action requests carry the same idempotency keys.
    ///   - journal: steps already completed by an earlier run of the same job; their side
    ///     effects are not repeated.
    public func run(
        _ recipe: RecipeID, trigger: JSONValue, jobID: String? = nil, parentID: String? = nil,
        journal: (any StepJournal)? = nil
    ) async -> JobRecord {
        var asyncCallsInTree = 0
        return await run(
            recipe, trigger: trigger, jobID: jobID, parentID: parentID, journal: journal, asyncCallsInTree: &asyncCallsInTree)
    }

    /// Runs one job and not the jobs its asynchronous calls queue: the durable runtime's way,
    /// where `journal` enqueues each queued call (`JournalEntry.queuedCall`) with the step
    /// that made it, and the calls run later as jobs of their own.
    ///
    /// - Parameter asyncCallsBefore: asynchronous calls the job's tree made before this job
    ///   (the queued call's `asyncCallsInTree`), so the per-tree limit holds across jobs.
    public func runJob(
        _ recipe: RecipeID, trigger: JSONValue, jobID: String, parentID: String? = nil, journal: any StepJournal,
        asyncCallsBefore: Int = 0
    ) async -> JobRecord {
        let job = JobRun(interpreter: self, jobID: jobID, journal: journal, asyncCallsBefore: asyncCallsBefore)
        return await job.run(recipe, trigger: trigger, parentID: parentID)
    }

    /// One job of a tree; `asyncCallsInTree` counts the asynchronous calls made so far by the
    /// jobs of the tree (they run one after another, parent before children).
    private func run(
        _ recipe: RecipeID, trigger: JSONValue, jobID: String?, parentID: String?, journal: (any StepJournal)?,
        asyncCallsInTree: inout Int
    ) async -> JobRecord {
        let job = JobRun(interpreter: self, jobID: jobID ?? makeJobID(), journal: journal, asyncCallsBefore: asyncCallsInTree)
        var record = await job.run(recipe, trigger: trigger, parentID: parentID)
        asyncCallsInTree += job.asyncCalls.count
        for call in job.asyncCalls {
            let child = await run(
                call.recipe, trigger: call.input, jobID: call.jobID, parentID: record.id, journal: nil,
                asyncCallsInTree: &asyncCallsInTree)
            record.children.append(child)
        }
        return record
    }

    /// The evaluation environment of job `jobID`: the project's lookup tables, `now` (the job's
    /// replayable clock), the job's `uuid()` sequence, the limits.
    func evaluationEnvironment(jobID: String, now: @escaping @Sendable () -> Date) -> EvaluationEnvironment {
        let makeUUID = self.makeUUID
        let ordinal = Atomic<Int>(0)
        return EvaluationEnvironment(
            tables: project.tables, now: now,
            makeUUID: { makeUUID(jobID, ordinal.add(1, ordering: .relaxed).oldValue) }, limits: limits.expressions)
    }
}

/// A sub-recipe call queued by `"async": true`.
struct AsyncCall: Sendable {
    var recipe: RecipeID
    var input: JSONValue
    /// Derived from the parent job's id and the call's step path (`JobIdentifiers.derived`).
    var jobID: String
}
