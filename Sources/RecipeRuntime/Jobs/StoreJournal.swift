// The engine's `StepJournal` over the store, for one claimed job.
//
// What earlier runs of the job wrote is read once, when the job is claimed; every new entry is
// an awaited store write under the job's lease (a process whose lease was taken over gets
// `StoreError.leaseLost` and its job stops before acting). Observed values (`now()`, the start
// time) are kept back and written with the next entry, in its transaction: nothing acts on the
// world before a `started` entry, so they are durable whenever it matters, at no extra commit.
// An asynchronous call's job is enqueued in the transaction of the step's `ended` entry.
import Foundation
import RecipeData
import RecipeEngine
import RecipeStore
import Synchronization

/// The journal of one claimed job, backed by the store.
public final class StoreJournal: StepJournal {
    /// Builds the store job an asynchronous call queues (recipe, pinned content, parent).
    public typealias ChildJob = @Sendable (QueuedCall) -> NewJob

    private struct State {
        var outputs: [String: JSONValue] = [:]
        var failures: [String: JobError] = [:]
        var attempts: [String: Int] = [:]
        var observed: [JournalObservation.Name: [Int: JSONValue]] = [:]
        var pending: [JournalObservation] = []
        var leaseLost = false
    }

    public let store: any RecipeStore
    /// The store's id of the job.
    public let jobID: Int64
    /// The lease holder every write is made as.
    public let owner: String
    private let childJob: ChildJob
    private let writes: JobWrites?
    private let refusing: @Sendable () -> Bool
    private let state: Mutex<State>

    /// A journal for job `jobID` held by `owner`, holding what earlier runs wrote (`entries`,
    /// as `store.journal(jobID:)` returns them). With `writes`, entries go through its group
    /// commit (shared with the other jobs of the process); without, one transaction each.
    /// - Parameter refusing: while true, nothing more is written (a stop past its grace
    ///   period): a step cut short by the stop must not be recorded as failed, or the next
    ///   start would replay the failure instead of trying the step again.
    public init(
        store: any RecipeStore, jobID: Int64, owner: String, entries: [StoredJournalEntry], writes: JobWrites? = nil,
        refusing: @escaping @Sendable () -> Bool = { false }, childJob: @escaping ChildJob
    ) {
        self.refusing = refusing
        self.store = store
        self.writes = writes
        self.jobID = jobID
        self.owner = owner
        self.childJob = childJob
        var state = State()
        for stored in entries { Self.keep(stored.entry, in: &state) }
        self.state = Mutex(state)
    }

    /// Whether a write was refused because another process holds the job now.
    public var leaseWasLost: Bool { state.withLock { $0.leaseLost } }

    public func completedOutput(at path: StepPath) -> JSONValue? {
        state.withLock { $0.outputs[path.description] }
    }

    public func endedFailure(at path: StepPath) -> JobError? {
        state.withLock { $0.failures[path.description] }
    }

    public func startedAttempts(at path: StepPath) -> Int {
        state.withLock { $0.attempts[path.description] ?? 0 }
    }

    public func observation(_ name: JournalObservation.Name, ordinal: Int) -> JSONValue? {
        state.withLock { $0.observed[name]?[ordinal] }
    }

    public func record(_ observations: [JournalObservation]) async throws {
        state.withLock { $0.pending += observations }
    }

    public func append(_ entry: JournalEntry) async throws {
        if refusing() { throw JournalClosed() }
        let observations = state.withLock { state in
            defer { state.pending = [] }
            return state.pending
        }
        var row = NewJournalEntry(
            jobID: jobID, stepPath: entry.path.description, phase: entry.phase == .started ? .started : .ended,
            idempotencyKey: entry.idempotencyKey, kind: entry.kind.rawValue, attempt: entry.attempt,
            status: entry.status?.rawValue, output: entry.output, error: entry.error?.jsonValue,
            at: Timestamp.milliseconds(entry.at))
        if !observations.isEmpty { row.observations = .array(observations.map(Self.json)) }
        let children = entry.queuedCall.map { [childJob($0)] } ?? []
        do throws(StoreError) {
            if let writes {
                // Write-ahead: a `started` entry (and one that enqueues a job) is durable before
                // the job goes on to the side effect. An `ended` entry need only be committed: a
                // sync covers every commit before it, so the next `started` entry's sync makes it
                // durable, and losing it to power failure only redoes the step under its
                // idempotency rules (docs/serve.md, "Resuming a job").
                let untilDurable = row.phase == .started || !children.isEmpty
                _ = try await writes.append(JournalAppend(row, owner: owner, children: children), untilDurable: untilDurable)
            } else {
                _ = try await store.appendJournal(row, owner: owner, children: children)
            }
        } catch {
            // Not written: the observations go back so a later entry can carry them.
            state.withLock { state in
                state.pending = observations + state.pending
                if case .leaseLost = error { state.leaseLost = true }
            }
            throw error
        }
        state.withLock { Self.keep(row, in: &$0) }
    }

    private static func keep(_ entry: NewJournalEntry, in state: inout State) {
        if case .array(let observations)? = entry.observations {
            for observation in observations {
                guard let name = observation["name"]?.stringValue.flatMap(JournalObservation.Name.init(rawValue:)),
                    let ordinal = observation["ordinal"]?.intValue, let value = observation["value"]
                else { continue }
                state.observed[name, default: [:]][ordinal] = value
            }
        }
        switch entry.phase {
        case .started:
            state.attempts[entry.stepPath] = max(state.attempts[entry.stepPath] ?? 0, max(entry.attempt, 1))
        case .ended:
            if entry.status == StepStatus.succeeded.rawValue { state.outputs[entry.stepPath] = entry.output ?? .null }
            if entry.status == StepStatus.failed.rawValue || entry.status == StepStatus.handled.rawValue {
                state.failures[entry.stepPath] =
                    entry.error.flatMap { try? JobError(json: $0) }
                    ?? JobError(type: .connector, message: "step failed in an earlier run of the job")
            }
        }
    }

    private static func json(_ observation: JournalObservation) -> JSONValue {
        ["name": .string(observation.name.rawValue), "ordinal": .int(observation.ordinal), "value": observation.value]
    }
}

/// The journal of a job the runtime is leaving (a stop past its grace period) takes no more
/// entries; the job resumes from what was written before.
public struct JournalClosed: Error, CustomStringConvertible {
    public var description: String { "the runtime is stopping; the job resumes on the next start" }
}
