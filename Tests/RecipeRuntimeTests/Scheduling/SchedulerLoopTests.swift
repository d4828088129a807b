// The loop with a virtual clock: each sleep moves the clock forward at once and is recorded.
import Foundation
import RecipeData
import RecipeRuntime
import RecipeStore
import Synchronization
import Testing

/// A virtual clock whose sleeps advance time instantly; it throws after `sleepLimit` sleeps.
final class VirtualSchedulerClock: Sendable {
    private let state: Mutex<(now: Int64, sleeps: [Int64])>
    private let sleepLimit: Int

    init(start: Int64, sleepLimit: Int) {
        state = Mutex((start, []))
        self.sleepLimit = sleepLimit
    }

    func now() -> Int64 { state.withLock { $0.now } }

    func sleep(_ milliseconds: Int64) throws {
        try state.withLock { state in
            guard state.sleeps.count < sleepLimit else { throw CancellationError() }
            state.sleeps.append(milliseconds)
            state.now += milliseconds
        }
    }

    var sleeps: [Int64] { state.withLock { $0.sleeps } }
}

@Suite struct SchedulerLoopTests {
    @Test func sleepsUntilTheNextFireTimeAtMostMaxSleep() async throws {
        let stores = try ScheduleBackend.memory.make()
        let project = try ScheduleProject(["hourly": #"{"cron": "0 * * * *"}"#])
        try await stores.store.start("jobs/hourly", at: utc("2026-12-02 06:00"))
        let clock = VirtualSchedulerClock(start: utc("2026-12-02 06:59:35"), sleepLimit: 6)
        let recorded = Mutex<[Int64]>([])
        let loop = SchedulerLoop(
            scheduler: Scheduler(store: stores.store, project: project.project), now: { clock.now() },
            sleep: { try clock.sleep($0) }, onJobs: { jobs in recorded.withLock { $0 += jobs.map(\.id) } })

        await loop.run()

        // 06:59:35 → 06:59:45 → 06:59:55 → 07:00:00 (fires) → 07:00:10 ...
        #expect(clock.sleeps == [10_000, 10_000, 5_000, 10_000, 10_000, 10_000])
        #expect(recorded.withLock { $0.count } == 1)
        #expect(try await stores.store.runs("jobs/hourly") == ["2026-12-02T07:00:00.000Z schedule"])
    }

    @Test func sleepsMaxSleepWhenNothingIsScheduled() async throws {
        let stores = try ScheduleBackend.memory.make()
        let project = try ScheduleProject([:])
        let clock = VirtualSchedulerClock(start: 0, sleepLimit: 2)
        let settings = SchedulerSettings(maxSleep: 2_500)
        let loop = SchedulerLoop(
            scheduler: Scheduler(store: stores.store, project: project.project, settings: settings), now: { clock.now() },
            sleep: { try clock.sleep($0) })
        await loop.run()
        #expect(clock.sleeps == [2_500, 2_500])
    }
}
