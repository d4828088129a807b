// The claim loop of `recipes serve`: claims jobs from the store while it has free slots, runs
// each in a task of its own, and sleeps until woken (new work committed, a job ended) or the
// idle poll passes (work enqueued by another process, a lapsed lease, a `runAfter` that came).
//
// Stopping: no new claims; running jobs get `shutdownGrace` to end; those still running are
// left unfinished in the store (their leases lapse, and the next start reclaims them at once),
// never recorded as failed because the process was stopping.
import Foundation
import RecipeData
import RecipeEngine
import RecipeStore
import Synchronization

/// What the pool reports as it works (the log and the metrics listen).
public enum WorkerEvent: Sendable {
    case claimed(StoredJob, resumed: Bool)
    case ended(StoredJob, JobRunEnd, seconds: Double)
    case claimFailed(StoreError)
}

/// Runs jobs from the store with a bounded number at once.
public final class WorkerPool: Sendable {
    private struct State {
        var running: [Int64: Task<Void, Never>] = [:]
        var runningByRecipe: [String: Int] = [:]
        var stopping = false
        var abandoning = false
        var loop: Task<Void, Never>?
    }

    public let runner: JobRunner
    public let settings: RuntimeSettings
    private let wakeSignal = WakeSignal()
    private let drained = WakeSignal()
    private let state = Mutex(State())
    private let onEvent: @Sendable (WorkerEvent) -> Void

    public init(runner: JobRunner, settings: RuntimeSettings, onEvent: @escaping @Sendable (WorkerEvent) -> Void = { _ in }) {
        self.runner = runner
        self.settings = settings
        self.onEvent = onEvent
    }

    /// Jobs running now.
    public var runningCount: Int { state.withLock { $0.running.count } }

    /// Starts the claim loop.
    public func start() {
        state.withLock { state in
            guard state.loop == nil else { return }
            state.loop = Task { await self.claimLoop() }
        }
    }

    /// New work may be claimable (a delivery committed, a job enqueued).
    public func wake() { wakeSignal.signal() }

    /// Stops claiming, waits up to `shutdownGrace` for running jobs, then leaves the rest
    /// unfinished for the next start. Returns how many were left.
    @discardableResult
    public func stop() async -> Int {
        let loop = state.withLock { state in
            state.stopping = true
            return state.loop
        }
        wakeSignal.signal()
        await loop?.value
        let deadline = ContinuousClock.now + .milliseconds(settings.shutdownGrace)
        while runningCount > 0, ContinuousClock.now < deadline {
            await drained.wait(timeout: deadline - ContinuousClock.now)
        }
        let left = state.withLock { state in
            state.abandoning = true
            return Array(state.running.values)
        }
        for task in left { task.cancel() }
        for task in left { await task.value }
        return left.count
    }

    private func claimLoop() async {
        while !state.withLock({ $0.stopping }) {
            let (free, byRecipe) = state.withLock { (settings.maxConcurrentJobs - $0.running.count, $0.runningByRecipe) }
            var claimed: [StoredJob] = []
            if free > 0 {
                do {
                    claimed = try await runner.store.claim(
                        owner: runner.owner, now: Timestamp.milliseconds(runner.interpreter.clock.now()), lease: settings.lease,
                        limits: ClaimLimits(total: free, perRecipe: settings.maxConcurrentJobsPerRecipe, running: byRecipe))
                } catch {
                    onEvent(.claimFailed(error))
                }
                for job in claimed { launch(job) }
            }
            if claimed.isEmpty || claimed.count == free {
                await wakeSignal.wait(timeout: .milliseconds(settings.idlePoll))
            }
        }
    }

    private func launch(_ job: StoredJob) {
        // This process claimed a job it is still running (its lease lapsed while a renewal was
        // late): the claim renewed the lease, and the run already going on goes on alone.
        guard state.withLock({ $0.running[job.id] == nil }) else { return }
        onEvent(.claimed(job, resumed: job.attempts > 1))
        state.withLock { state in
            state.runningByRecipe[job.job.recipe, default: 0] += 1
            state.running[job.id] = Task {
                let started = ContinuousClock.now
                let end = await self.runner.run(job) { self.state.withLock { $0.abandoning } }
                let elapsed = ContinuousClock.now - started
                self.state.withLock { state in
                    state.running[job.id] = nil
                    state.runningByRecipe[job.job.recipe, default: 1] -= 1
                    if state.runningByRecipe[job.job.recipe] == 0 { state.runningByRecipe[job.job.recipe] = nil }
                }
                self.onEvent(.ended(job, end, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
                self.drained.signal()
                self.wakeSignal.signal()
            }
        }
    }
}
