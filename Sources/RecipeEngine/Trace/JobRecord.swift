import Foundation
import RecipeData

/// Where a job is: waiting in the store, running, or how it ended.
public enum JobStatus: String, Sendable, Hashable, CaseIterable {
    /// Accepted and waiting for a worker (or for an older job with the same ordering key).
    case queued
    /// Claimed by a worker, under a lease.
    case running
    /// Sleeping until a time the store keeps: a retry later, a debounce.
    case waiting
    case succeeded, failed
    /// The trigger's filter did not match: no step ran.
    case skipped
    /// Stopped by an operator before it ended.
    case cancelled

    /// Whether the job has ended (nothing more will run unless it is re-run).
    public var isFinal: Bool { self == .succeeded || self == .failed || self == .skipped || self == .cancelled }
}

/// What kind of failure a `JobError` is: a closed list, so handlers (`error.type`), history
/// filters and the store agree on the names.
public enum JobErrorType: String, Sendable, Hashable, CaseIterable {
    /// A connector action failed (the vendor's error, a timeout, no such connection).
    case connector
    /// An expression could not be evaluated.
    case expression
    /// A trigger payload, call input or parameter did not fit.
    case input
    /// A named limit was reached (depth, steps, payload size, asynchronous calls).
    case limit
    /// A sub-recipe call could not be made.
    case call
    /// A `stop` step ended the job as failed.
    case stopped
    /// An e-mail could not be sent.
    case notification
    /// The job ran past its time limit, or was cancelled while waiting.
    case timeout
    /// A function recipe's result did not match its declaration.
    case result
    /// The job's journal could not record a step: the job stops before acting.
    case journal
    /// Not a failure: the job waits for a retry time too far off to sleep through in a process
    /// (`Interpreter.maxInProcessWait`); the store keeps the time and the job resumes then.
    case suspended
}

/// What went wrong in a job or step; rendered in traces, job history and error e-mails.
/// It never contains credentials: connectors keep them out of their messages.
public struct JobError: Error, Sendable, Hashable {
    public var type: JobErrorType
    public var message: String
    public var recipe: String?
    public var step: String?
    /// Where in the recipe files, when known.
    public var location: SourceLocation?
    public var status: Int?
    public var retryable: Bool
    /// How long the vendor asked us to wait before retrying, when it said.
    public var retryAfter: Duration?
    public var details: JSONValue?

    public init(
        type: JobErrorType, message: String, recipe: String? = nil, step: String? = nil, location: SourceLocation? = nil,
        status: Int? = nil, retryable: Bool = false, retryAfter: Duration? = nil, details: JSONValue? = nil
    ) {
        self.retryAfter = retryAfter
        self.type = type
        self.message = message
        self.recipe = recipe
        self.step = step
        self.location = location
        self.status = status
        self.retryable = retryable
        self.details = details
    }
}

/// The record of one job: what started it, every step it ran, and how it ended. `recipes run
/// --trace` prints it and the job store persists it.
public struct JobRecord: Sendable {
    public var id: String
    public var recipe: String
    /// The job that started this one with an asynchronous call.
    public var parentID: String?
    public var trigger: JSONValue
    public var status: JobStatus
    /// The function result, or `null`.
    public var result: JSONValue
    /// The message of a `stop` step, when one ended the job.
    public var message: String?
    public var error: JobError?
    public var startedAt: Date
    public var finishedAt: Date
    public var steps: [StepRecord]
    /// Jobs started by asynchronous calls of this job (in-memory runs only; the store links them).
    public var children: [JobRecord]
    /// SHA-256 (hex) of the recipe file the job ran, so history shows which content ran.
    public var contentHash: String?

    public var duration: Duration { Duration(clampingSeconds: finishedAt.timeIntervalSince(startedAt), maximum: .saturation) }
}

public enum StepStatus: String, Sendable, Hashable {
    /// Begun and not ended: in flight when the record was read (or when its process died).
    case running
    case succeeded, failed
    /// Failed, then its `onError`/`catch` steps handled the failure and the job went on.
    case handled
    /// Taken from the journal of an earlier run: not executed again.
    case replayed
}

/// The kinds of step, as recorded.
public enum StepRecordKind: String, Sendable, Hashable {
    case action, call, asyncCall, condition, loop, set, stop, `return`, `try`, notify, errorHandler

    /// Steps whose effect reaches outside the job; the journal replays these.
    public var hasSideEffects: Bool { self == .action || self == .call || self == .notify || self == .asyncCall }
}

/// One executed step.
public struct StepRecord: Sendable {
    public var path: StepPath
    public var recipe: String
    public var step: String
    public var kind: StepRecordKind
    public var status: StepStatus
    public var input: JSONValue?
    public var output: JSONValue?
    public var error: JobError?
    /// 1 plus the number of retries.
    public var attempts: Int
    /// The HTTP requests behind an action step, over all its attempts (tracing connectors only).
    public var requests: [JSONValue] = []
    public var startedAt: Date
    public var duration: Duration
    public var callDepth: Int { path.callDepth }
}
