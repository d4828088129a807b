// One claimed job, start to end: read its journal, run it under the engine with the store
// journal (renewing its lease while it runs), and record how it ended.
//
// The stored outcome is the job's whole `JobRecord` as JSON (redacted as traces are): what
// `recipes job` renders with the same renderer as `run --trace`, and what a re-run or a reader
// after a restart reads back with `JobRecord(json:)`.
import Foundation
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeStore
import Synchronization

/// How a claimed job's run ended, for the pool's bookkeeping, the log and the metrics.
public enum JobRunEnd: Sendable, Equatable {
    /// Finished in the store with this status (`succeeded` covers a skipped job).
    case finished(StoredJobStatus, JobStatus)
    /// Back in the queue until this time (ms UTC): a retry wait too long for the process.
    case postponed(until: Int64)
    /// Left unfinished: another process took the lease over, or the runtime is stopping; the
    /// job resumes from its journal wherever it is claimed next.
    case abandoned(reason: String)
}

/// Runs jobs claimed from the store under the engine.
public struct JobRunner: Sendable {
    public let store: any RecipeStore
    /// The interpreter for the next job (the service swaps it when recipes are re-pinned).
    public let currentInterpreter: @Sendable () -> Interpreter
    public var interpreter: Interpreter { currentInterpreter() }
    /// This process's name as a lease holder.
    public let owner: String
    public let settings: RuntimeSettings
    /// The group commits every job of this runner journals and ends through.
    public let writes: JobWrites
    /// Told of each job's record once the job has run (metrics).
    public var observe: @Sendable (JobRecord) -> Void = { _ in }

    public init(store: any RecipeStore, interpreter: Interpreter, owner: String, settings: RuntimeSettings = .default) {
        self.init(store: store, currentInterpreter: { interpreter }, owner: owner, settings: settings)
    }

    public init(
        store: any RecipeStore, currentInterpreter: @escaping @Sendable () -> Interpreter, owner: String,
        settings: RuntimeSettings = .default
    ) {
        self.store = store
        self.currentInterpreter = currentInterpreter
        self.owner = owner
        self.settings = settings
        writes = JobWrites(store: store)
    }

    /// The engine's id of a stored job: the id an asynchronous call announced for the jobs it
    /// queued (so the parent's record names the child), the store's id for every other job
    /// (so an error e-mail names the id `recipes jobs` shows).
    public static func engineJobID(of job: StoredJob) -> String {
        if let origin = job.job.originKey, origin.hasPrefix(Self.asyncOriginPrefix) {
            return String(origin.dropFirst(Self.asyncOriginPrefix.count))
        }
        return String(job.id)
    }

    /// Origin keys of jobs queued by asynchronous calls start with this, then the engine id.
    public static let asyncOriginPrefix = "async:"

    /// Runs `job`, which this process claimed. `abandoning` is read before the job's end is
    /// written: when it says so (a stop past its grace period), the job is left as it is.
    public func run(_ job: StoredJob, abandoning: @escaping @Sendable () -> Bool = { false }) async -> JobRunEnd {
        // One interpreter (one project) for the whole job, even if the service swaps it.
        let interpreter = interpreter
        // A job claimed for the first time has no journal yet: no read.
        var entries: [StoredJournalEntry] = []
        if job.attempts > 1 {
            do {
                entries = try await store.journal(jobID: job.id)
            } catch {
                return .abandoned(reason: "its journal could not be read: \(error)")
            }
        }
        let now = Timestamp.milliseconds(interpreter.clock.now())
        let journal = StoreJournal(store: store, jobID: job.id, owner: owner, entries: entries, writes: writes, refusing: abandoning) { call in
            NewJob(
                recipe: call.recipe.description, contentHash: interpreter.project.recipes[call.recipe]?.contentHash ?? "",
                trigger: call.input, parentID: job.id, originKey: Self.asyncOriginPrefix + call.jobID, createdAt: now,
                asyncCallsBefore: call.asyncCallsInTree)
        }
        guard let recipe = RecipeID(qualified: job.job.recipe) else {
            return await finish(job, .failed(["type": "call", "message": .string("'\(job.job.recipe)' is not a recipe name")]))
        }
        let renewal = renewLease(of: job)
        let record = await interpreter.runJob(
            recipe, trigger: job.job.trigger, jobID: Self.engineJobID(of: job), parentID: job.job.parentID.map(String.init),
            journal: journal, asyncCallsBefore: job.job.asyncCallsBefore)
        renewal.cancel()
        observe(record)
        if abandoning() { return .abandoned(reason: "the runtime is stopping") }
        if journal.leaseWasLost { return .abandoned(reason: "its lease was taken over") }
        if record.status == .waiting, let wait = record.error?.retryAfter {
            let until = Timestamp.milliseconds(interpreter.clock.now()) + wait.milliseconds
            do {
                _ = try await store.postpone(jobID: job.id, owner: owner, runAfter: until)
                return .postponed(until: until)
            } catch .leaseLost {
                return .abandoned(reason: "its lease was taken over")
            } catch {
                return .abandoned(reason: "its wait could not be recorded: \(error)")
            }
        }
        let outcome: JobOutcome = record.status == .failed ? .failed(record.jsonValue) : .succeeded(record.jsonValue)
        switch await finish(job, outcome) {
        case .finished(let status, _): return .finished(status, record.status)
        case let other: return other
        }
    }

    private func finish(_ job: StoredJob, _ outcome: JobOutcome) async -> JobRunEnd {
        do {
            let finished = try await writes.finish(
                JobFinish(jobID: job.id, owner: owner, outcome: outcome, now: Timestamp.milliseconds(interpreter.clock.now())))
            return .finished(finished.status, finished.status == .failed ? .failed : .succeeded)
        } catch .leaseLost {
            return .abandoned(reason: "its lease was taken over")
        } catch {
            return .abandoned(reason: "its end could not be recorded: \(error)")
        }
    }

    /// Keeps the job's lease while it runs; stops at the first refusal (the journal's next
    /// write then fails with the same refusal and the job stops).
    private func renewLease(of job: StoredJob) -> Task<Void, Never> {
        let (store, owner, settings, clock) = (store, owner, settings, interpreter.clock)
        return Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(settings.leaseRenewal))
                if Task.isCancelled { return }
                do {
                    _ = try await store.renewLease(
                        jobID: job.id, owner: owner, now: Timestamp.milliseconds(clock.now()), lease: settings.lease)
                } catch {
                    return
                }
            }
        }
    }
}
