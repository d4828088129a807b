// `runOnStart`: one run per start, recorded in the cursor so it survives restarts and
// retention, then the schedule goes on from the start.
import Foundation
import RecipeData
import RecipeRuntime
import RecipeStore
import Testing

@Suite struct ScheduleRunOnStartTests {
    static let sync = "jobs/sync"

    @Test(arguments: ScheduleBackend.allCases)
    func runsOncePerStart(_ backend: ScheduleBackend) async throws {
        let stores = try backend.make()
        let project = try ScheduleProject(["sync": #"{"cron": "0 7 * * *", "runOnStart": true}"#])
        let scheduler = Scheduler(store: stores.store, project: project.project)
        try await stores.store.start(Self.sync, at: utc("2026-12-01 12:00"))

        #expect(try await scheduler.nextWake(now: utc("2026-12-01 12:00:01")) == utc("2026-12-01 12:00:01"))
        let started = try await scheduler.tick(now: utc("2026-12-01 12:00:01"))
        #expect(started.map(\.job.originKey) == ["start:jobs/sync:\(utc("2026-12-01 12:00"))"])
        #expect(started.first?.job.trigger == ["scheduledAt": "2026-12-01T12:00:00.000Z", "reason": "start"])
        #expect(try await scheduler.tick(now: utc("2026-12-01 12:00:02")).isEmpty)
        #expect(try await Scheduler(store: try stores.reopen(), project: project.project).tick(now: utc("2026-12-01 13:00")).isEmpty)
        #expect(try await scheduler.nextWake(now: utc("2026-12-01 13:00")) == utc("2026-12-02 07:00"))
        #expect(try await scheduler.tick(now: utc("2026-12-02 07:00")).count == 1)

        // Stop and start again: one more run at start.
        try await stores.store.stop(Self.sync, at: utc("2026-12-02 10:00"))
        #expect(try await scheduler.tick(now: utc("2026-12-02 10:30")).isEmpty)
        try await stores.store.start(Self.sync, at: utc("2026-12-02 11:00"))
        #expect(try await scheduler.tick(now: utc("2026-12-02 11:00")).count == 1)
        #expect(try await scheduler.tick(now: utc("2026-12-02 11:05")).isEmpty)
        #expect(
            try await stores.store.runs(Self.sync) == [
                "2026-12-01T12:00:00.000Z start", "2026-12-02T07:00:00.000Z schedule", "2026-12-02T11:00:00.000Z start",
            ])
    }

    @Test(arguments: ScheduleBackend.allCases)
    func startRunAndADueFireTimeInOneTick(_ backend: ScheduleBackend) async throws {
        let stores = try backend.make()
        let project = try ScheduleProject(["sync": #"{"cron": "0 7 * * *", "runOnStart": true}"#])
        try await stores.store.start(Self.sync, at: utc("2026-12-01 06:59"))
        let fired = try await Scheduler(store: stores.store, project: project.project).tick(now: utc("2026-12-01 07:00"))
        #expect(fired.map(\.job.trigger["reason"]) == ["start", "schedule"])
    }

    @Test(arguments: ScheduleBackend.allCases)
    func twoSchedulersMakeOneStartRun(_ backend: ScheduleBackend) async throws {
        let stores = try backend.make()
        let project = try ScheduleProject(["sync": #"{"cron": "0 7 * * *", "runOnStart": true}"#])
        try await stores.store.start(Self.sync, at: utc("2026-12-01 12:00"))
        let first = Scheduler(store: stores.store, project: project.project)
        let second = Scheduler(store: try stores.reopen(), project: project.project)
        async let a = first.tick(now: utc("2026-12-01 12:00:01"))
        async let b = second.tick(now: utc("2026-12-01 12:00:01"))
        #expect(try await a.count + b.count == 1)
        #expect(try await stores.store.allJobs(Self.sync).count == 1)
    }

    @Test(arguments: ScheduleBackend.allCases)
    func startRunSurvivesPruning(_ backend: ScheduleBackend) async throws {
        let stores = try backend.make()
        let project = try ScheduleProject(["sync": #"{"cron": "0 7 1 1 *", "runOnStart": true}"#])
        let scheduler = Scheduler(store: stores.store, project: project.project)
        try await stores.store.start(Self.sync, at: utc("2026-12-01 12:00"))
        let job = try #require(try await scheduler.tick(now: utc("2026-12-01 12:00")).first)
        let claimed = try await stores.store.claim(owner: "w", now: utc("2026-12-01 12:00"), lease: 30_000, limit: 1)
        #expect(claimed.map(\.id) == [job.id])
        _ = try await stores.store.finish(jobID: job.id, owner: "w", outcome: .succeeded(.null), now: utc("2026-12-01 12:01"))
        // A later job of another recipe: the store never prunes its newest job (ids are not reused).
        let later = try await stores.store.enqueue([NewJob(recipe: "other/recipe", contentHash: "x", createdAt: utc("2026-12-02 00:00"))])
        #expect(try await stores.store.pruneSucceededJobs(RetentionPolicy(maxSucceededAge: 0), now: utc("2026-12-20 00:00")) == 1)
        #expect(try await scheduler.tick(now: utc("2026-12-20 00:00")).isEmpty)
        #expect(try await stores.store.jobs(JobFilter()).map(\.id) == later.map(\.id))
    }
}
