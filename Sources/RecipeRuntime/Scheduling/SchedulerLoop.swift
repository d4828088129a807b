// A small loop around Scheduler for `recipes serve`: tick, then sleep until the next fire
// time (at most `maxSleep`). The clock and the sleep are injected, so tests drive it without
// waiting.
import RecipeStore

/// Runs a `Scheduler` until cancelled, with an injected clock and sleep.
public struct SchedulerLoop: Sendable {
    /// The scheduler ticked; its settings give `maxSleep`.
    public let scheduler: Scheduler
    private let now: @Sendable () -> Int64
    private let sleep: @Sendable (_ milliseconds: Int64) async throws -> Void
    private let onJobs: @Sendable ([StoredJob]) async -> Void
    private let onError: @Sendable (StoreError) async -> Void

    /// - Parameters:
    ///   - now: the current time, ms UTC.
    ///   - sleep: waits this many ms; throwing (e.g. on cancellation) ends the loop.
    ///   - onJobs: told of the jobs each tick recorded (to wake workers).
    ///   - onError: told of a failed tick; the loop goes on after `maxSleep`.
    public init(
        scheduler: Scheduler, now: @escaping @Sendable () -> Int64,
        sleep: @escaping @Sendable (_ milliseconds: Int64) async throws -> Void,
        onJobs: @escaping @Sendable ([StoredJob]) async -> Void = { _ in },
        onError: @escaping @Sendable (StoreError) async -> Void = { _ in }
    ) {
        self.scheduler = scheduler
        self.now = now
        self.sleep = sleep
        self.onJobs = onJobs
        self.onError = onError
    }

    /// Ticks and sleeps until the task is cancelled or `sleep` throws.
    public func run() async {
        while !Task.isCancelled {
            let delay = await step()
            do { try await sleep(delay) } catch { return }
        }
    }

    /// One tick; returns how long to sleep before the next one (ms).
    public func step() async -> Int64 {
        let maxSleep = scheduler.settings.maxSleep
        do {
            let jobs = try await scheduler.tick(now: now())
            if !jobs.isEmpty { await onJobs(jobs) }
            let after = now()
            return Self.delay(until: try await scheduler.nextWake(now: after), now: after, maxSleep: maxSleep)
        } catch {
            await onError(error)
            return maxSleep
        }
    }

    /// The sleep before `wake`: not negative, at most `maxSleep`, `maxSleep` when nothing is due.
    static func delay(until wake: Int64?, now: Int64, maxSleep: Int64) -> Int64 {
        guard let wake else { return maxSleep }
        return min(max(wake - now, 0), maxSleep)
    }
}
