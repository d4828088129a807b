// The scheduler over a real store, once per backend: on-time fires, restarts, two schedulers
// racing, catch-up after downtime, stopped recipes, runs at start. Times are passed in; no test
// waits for a clock.
import Foundation
import RecipeData
import RecipeRuntime
import RecipeStore
import Testing

@Suite struct SchedulerTests {
    static let daily = "jobs/daily"

    @Test(arguments: ScheduleBackend.allCases)
    func firesAtSevenUTCExactlyOnce(_ backend: ScheduleBackend) async throws {
        let stores = try backend.make()
        let project = try ScheduleProject(["daily": #"{"cron": "0 7 * * *", "timeZone": "UTC"}"#])
        let scheduler = Scheduler(store: stores.store, project: project.project)
        try await stores.store.start(Self.daily, at: utc("2026-12-01 12:00"))

        #expect(try await scheduler.tick(now: utc("2026-12-02 06:59:59.999")).isEmpty)
        #expect(try await scheduler.nextWake(now: utc("2026-12-02 06:59:59.999")) == utc("2026-12-02 07:00"))
        let fired = try await scheduler.tick(now: utc("2026-12-02 07:00"))
        #expect(fired.count == 1)
        #expect(try await scheduler.tick(now: utc("2026-12-02 07:00")).isEmpty)
        #expect(try await scheduler.tick(now: utc("2026-12-02 07:00:01")).isEmpty)
        #expect(try await scheduler.nextWake(now: utc("2026-12-02 07:00:01")) == utc("2026-12-03 07:00"))

        let job = try #require(fired.first).job
        #expect(job.recipe == Self.daily)
        #expect(job.contentHash == "sha256:pinned")
        #expect(job.originKey == "schedule:jobs/daily:\(utc("2026-12-02 07:00"))")
        #expect(job.trigger == ["scheduledAt": "2026-12-02T07:00:00.000Z", "reason": "schedule"])
        #expect(job.orderingKey == nil)
        #expect(job.createdAt == utc("2026-12-02 07:00"))
        #expect(try await stores.store.runs(Self.daily) == ["2026-12-02T07:00:00.000Z schedule"])
        #expect(try await stores.store.scheduleCursor(recipe: Self.daily) == utc("2026-12-02 07:00"))
    }

    @Test(arguments: ScheduleBackend.allCases)
    func unpinnedRecipeRunsItsLoadedContent(_ backend: ScheduleBackend) async throws {
        let stores = try backend.make()
        let project = try ScheduleProject(["daily": #"{"cron": "0 7 * * *"}"#])
        let recipe = try #require(project.recipe("daily"))
        try await stores.store.start(Self.daily, at: utc("2026-12-01 12:00"), hash: nil)
        let fired = try await Scheduler(store: stores.store, project: project.project).tick(now: utc("2026-12-02 07:00"))
        #expect(fired.map(\.job.contentHash) == [recipe.contentHash])
        #expect(!recipe.contentHash.isEmpty)
    }

    @Test(arguments: ScheduleBackend.allCases)
    func restartFiresNothingTwice(_ backend: ScheduleBackend) async throws {
        let stores = try backend.make()
        let project = try ScheduleProject(["daily": #"{"cron": "0 7 * * *"}"#])
        try await stores.store.start(Self.daily, at: utc("2026-12-01 12:00"))
        #expect(try await Scheduler(store: stores.store, project: project.project).tick(now: utc("2026-12-02 07:00")).count == 1)

        let restarted = Scheduler(store: try stores.reopen(), project: project.project)
        #expect(try await restarted.tick(now: utc("2026-12-02 07:00:02")).isEmpty)
        #expect(try await restarted.tick(now: utc("2026-12-03 07:00")).count == 1)
        #expect(
            try await stores.store.runs(Self.daily) == [
                "2026-12-02T07:00:00.000Z schedule", "2026-12-03T07:00:00.000Z schedule",
            ])
    }

    @Test(arguments: ScheduleBackend.allCases)
    func crashBetweenEnqueueAndCursorMoveDoesNotDouble(_ backend: ScheduleBackend) async throws {
        let stores = try backend.make()
        let project = try ScheduleProject(["daily": #"{"cron": "0 7 * * *"}"#])
        try await stores.store.start(Self.daily, at: utc("2026-12-01 12:00"))
        // What a process that crashed after enqueueing, before moving the cursor, left behind.
        let run = ScheduledRun(recipe: Self.daily, scheduledAt: utc("2026-12-02 07:00"), reason: .schedule)
        _ = try await stores.store.enqueue([run.job(contentHash: "sha256:pinned", createdAt: utc("2026-12-02 07:00"))])

        let fired = try await Scheduler(store: try stores.reopen(), project: project.project).tick(now: utc("2026-12-02 07:00:03"))
        #expect(fired.count == 1)
        #expect(try await stores.store.allJobs(Self.daily).count == 1)
        #expect(try await stores.store.scheduleCursor(recipe: Self.daily) == utc("2026-12-02 07:00"))
    }

    @Test(arguments: ScheduleBackend.allCases)
    func twoSchedulersAtTheSameInstantMakeOneJob(_ backend: ScheduleBackend) async throws {
        let stores = try backend.make()
        let project = try ScheduleProject(["daily": #"{"cron": "0 7 * * *"}"#])
        try await stores.store.start(Self.daily, at: utc("2026-12-01 12:00"))
        let first = Scheduler(store: stores.store, project: project.project)
        let second = Scheduler(store: try stores.reopen(), project: project.project)
        let now = utc("2026-12-02 07:00")

        async let a = first.tick(now: now)
        async let b = second.tick(now: now)
        let recorded = try await a.count + b.count
        #expect(recorded == 1)
        #expect(try await stores.store.allJobs(Self.daily).count == 1)
        #expect(try await first.tick(now: now).isEmpty)
        #expect(try await second.tick(now: now).isEmpty)
        #expect(try await stores.store.allJobs(Self.daily).count == 1)
    }

    @Test(arguments: ScheduleBackend.allCases)
    func missedRunsMakeOneCatchUp(_ backend: ScheduleBackend) async throws {
        let stores = try backend.make()
        let project = try ScheduleProject(["daily": #"{"cron": "0 7 * * *"}"#])
        try await stores.store.start(Self.daily, at: utc("2026-11-27 12:00"))
        let scheduler = Scheduler(store: stores.store, project: project.project)
        #expect(try await scheduler.tick(now: utc("2026-11-28 07:00")).count == 1)
        // Down from 2026-11-28 08:00 to 2026-12-01 09:00: three fire times missed.
        let restarted = Scheduler(store: try stores.reopen(), project: project.project)
        #expect(try await restarted.nextWake(now: utc("2026-12-01 09:00")) == utc("2026-12-01 09:00"))
        #expect(try await restarted.tick(now: utc("2026-12-01 09:00")).count == 1)
        #expect(try await restarted.tick(now: utc("2026-12-01 09:00")).isEmpty)
        #expect(
            try await stores.store.runs(Self.daily) == [
                "2026-11-28T07:00:00.000Z schedule", "2026-12-01T07:00:00.000Z catchUp",
            ])
    }

    @Test(arguments: ScheduleBackend.allCases)
    func skipPolicyMovesTheCursorWithoutRunning(_ backend: ScheduleBackend) async throws {
        let stores = try backend.make()
        let project = try ScheduleProject(["daily": #"{"cron": "0 7 * * *"}"#])
        try await stores.store.start(Self.daily, at: utc("2026-11-27 12:00"))
        let scheduler = Scheduler(
            store: stores.store, project: project.project, settings: SchedulerSettings(missedRunPolicy: .skip))
        #expect(try await scheduler.tick(now: utc("2026-12-01 09:00")).isEmpty)
        #expect(try await stores.store.scheduleCursor(recipe: Self.daily) == utc("2026-12-01 07:00"))
        #expect(try await scheduler.tick(now: utc("2026-12-02 07:00:30")).count == 1)
        #expect(try await stores.store.runs(Self.daily) == ["2026-12-02T07:00:00.000Z schedule"])
    }

    @Test(arguments: ScheduleBackend.allCases)
    func stoppedRecipesDoNotFire(_ backend: ScheduleBackend) async throws {
        let stores = try backend.make()
        let project = try ScheduleProject([
            "daily": #"{"cron": "0 7 * * *"}"#, "never": #"{"cron": "0 7 * * *", "runOnStart": true}"#,
        ])
        let scheduler = Scheduler(store: stores.store, project: project.project)
        try await stores.store.start(Self.daily, at: utc("2026-11-30 12:00"))
        #expect(try await scheduler.tick(now: utc("2026-12-01 07:00")).count == 1)
        try await stores.store.stop(Self.daily, at: utc("2026-12-01 13:00"))
        try await stores.store.start("jobs/hook", at: utc("2026-12-01 12:00"))
        try await stores.store.start("jobs/gone", at: utc("2026-12-01 12:00"))
        #expect(try await scheduler.tick(now: utc("2026-12-02 07:00")).isEmpty)
        #expect(try await scheduler.nextWake(now: utc("2026-12-02 07:00")) == nil)
        #expect(try await stores.store.jobs(JobFilter()).count == 1)

        // Started again: the day it was stopped is not caught up.
        try await stores.store.start(Self.daily, at: utc("2026-12-03 08:00"))
        #expect(try await scheduler.tick(now: utc("2026-12-03 09:00")).isEmpty)
        #expect(try await scheduler.tick(now: utc("2026-12-04 07:00")).count == 1)
        #expect(
            try await stores.store.runs(Self.daily) == [
                "2026-12-01T07:00:00.000Z schedule", "2026-12-04T07:00:00.000Z schedule",
            ])
    }
}
