// Two processes on one database, forced into the worst interleaving: process B has enqueued a
// fire time and is about to move the cursor when process A runs a whole tick. A records the
// run; B loses the compare-and-set; the store holds one job.
import Foundation
import RecipeData
import RecipeRuntime
import RecipeStore
import Testing

@Suite struct ScheduleRaceTests {
    @Test(arguments: ScheduleBackend.allCases)
    func loserOfTheCursorRaceRecordsNothingAndAddsNoJob(_ backend: ScheduleBackend) async throws {
        let stores = try backend.make()
        let project = try ScheduleProject(["daily": #"{"cron": "0 7 * * *"}"#])
        try await stores.store.start("jobs/daily", at: utc("2026-12-01 12:00"))
        let processA = Scheduler(store: try stores.reopen(), project: project.project)
        let now = utc("2026-12-02 07:00")
        let recordedByA = RecordedJobs()
        let processB = Scheduler(
            store: ScheduleInterleavingStore(stores.store) {
                do { await recordedByA.set(try await processA.tick(now: now)) } catch { Issue.record(error) }
            },
            project: project.project)

        let recordedByB = try await processB.tick(now: now)

        #expect(recordedByB.isEmpty)
        #expect(await recordedByA.jobs.count == 1)
        #expect(try await stores.store.allJobs("jobs/daily").count == 1)
        #expect(try await stores.store.scheduleCursor(recipe: "jobs/daily") == now)
    }

    @Test(arguments: ScheduleBackend.allCases)
    func loserOfTheStartRunRaceAddsNoJob(_ backend: ScheduleBackend) async throws {
        let stores = try backend.make()
        let project = try ScheduleProject(["sync": #"{"cron": "0 7 * * *", "runOnStart": true}"#])
        try await stores.store.start("jobs/sync", at: utc("2026-12-01 12:00"))
        let processA = Scheduler(store: try stores.reopen(), project: project.project)
        let now = utc("2026-12-01 12:00:01")
        let recordedByA = RecordedJobs()
        let processB = Scheduler(
            store: ScheduleInterleavingStore(stores.store) {
                do { await recordedByA.set(try await processA.tick(now: now)) } catch { Issue.record(error) }
            },
            project: project.project)

        #expect(try await processB.tick(now: now).isEmpty)
        #expect(await recordedByA.jobs.map(\.job.trigger["reason"]) == ["start"])
        #expect(try await stores.store.allJobs("jobs/sync").count == 1)
    }
}

/// Jobs a hook recorded, read after the tick.
actor RecordedJobs {
    var jobs: [StoredJob] = []
    func set(_ jobs: [StoredJob]) { self.jobs = jobs }
}
