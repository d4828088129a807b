// The step journal: write-ahead entries per job, read back in order.
import RecipeData

/// Whether an entry opens or closes a step.
public enum JournalPhase: String, Sendable, CaseIterable {
    /// Written before a side-effect step runs (with its idempotency key).
    case started
    /// Written when the step ends (with its output or error).
    case ended
}

/// A journal entry to append.
public struct NewJournalEntry: Sendable, Equatable {
    public var jobID: Int64
    /// The step's path as text (`StepPath`'s description in the engine).
    public var stepPath: String
    public var phase: JournalPhase
    public var idempotencyKey: String?
    /// The engine's step kind (`action`, `call`, `asyncCall`, `notify`), for history readers.
    public var kind: String?
    /// The attempt about to be made (`started`) or the attempts made (`ended`); 0 when unknown.
    public var attempt: Int
    /// `ended` only: how the step ended (`succeeded`, `failed`, `handled`).
    public var status: String?
    /// Values the job read from the world before this entry (`now()`, its start time), as the
    /// engine wrote them: replayed on resume. Stored with the entry, so they are durable
    /// exactly when the side effect they led to is announced.
    public var observations: JSONValue?
    /// The step's output (redacted) when it ended well.
    public var output: JSONValue?
    /// The step's error (redacted) when it failed.
    public var error: JSONValue?
    /// ms UTC.
    public var at: Int64

    public init(
        jobID: Int64, stepPath: String, phase: JournalPhase, idempotencyKey: String? = nil, kind: String? = nil,
        attempt: Int = 0, status: String? = nil, observations: JSONValue? = nil, output: JSONValue? = nil,
        error: JSONValue? = nil, at: Int64
    ) {
        self.jobID = jobID
        self.stepPath = stepPath
        self.phase = phase
        self.idempotencyKey = idempotencyKey
        self.kind = kind
        self.attempt = attempt
        self.status = status
        self.observations = observations
        self.output = output
        self.error = error
        self.at = at
    }
}

/// A stored journal entry; `sequence` orders the entries of one job from 1.
public struct StoredJournalEntry: Sendable, Equatable {
    public var sequence: Int
    public var entry: NewJournalEntry

    public init(sequence: Int, entry: NewJournalEntry) {
        self.sequence = sequence
        self.entry = entry
    }
}

/// One journal entry to append, with who holds its job and the jobs it enqueues.
public struct JournalAppend: Sendable, Equatable {
    public var entry: NewJournalEntry
    /// The lease holder the entry is written as.
    public var owner: String
    /// Jobs enqueued in the entry's transaction (asynchronous calls).
    public var children: [NewJob]

    public init(_ entry: NewJournalEntry, owner: String, children: [NewJob] = []) {
        self.entry = entry
        self.owner = owner
        self.children = children
    }
}

/// An appended journal entry and the jobs it enqueued (or found already enqueued).
public struct JournalAppended: Sendable, Equatable {
    public var entry: StoredJournalEntry
    public var children: [StoredJob]

    public init(entry: StoredJournalEntry, children: [StoredJob]) {
        self.entry = entry
        self.children = children
    }
}
