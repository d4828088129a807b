// nextWake across recipes and time zones, and a start recorded ahead of this process's clock.
import Foundation
import RecipeData
import RecipeRuntime
import RecipeStore
import Testing

@Suite struct ScheduleNextWakeTests {
    @Test(arguments: ScheduleBackend.allCases)
    func wakesForTheEarliestFireTimeAcrossRecipesAndZones(_ backend: ScheduleBackend) async throws {
        let stores = try backend.make()
        let project = try ScheduleProject([
            "london": #"{"cron": "0 7 * * *", "timeZone": "UTC"}"#,
            "paris": #"{"cron": "0 7 * * *", "timeZone": "Europe/Paris"}"#,
            "sync": #"{"cron": "0 7 1 1 *", "runOnStart": true}"#,
        ])
        let scheduler = Scheduler(store: stores.store, project: project.project)
        try await stores.store.start("jobs/london", at: utc("2026-12-01 12:00"))
        try await stores.store.start("jobs/paris", at: utc("2026-12-01 12:00"))

        // 07:00 in Paris is 06:00 UTC in winter.
        #expect(try await scheduler.nextWake(now: utc("2026-12-02 05:00")) == utc("2026-12-02 06:00"))
        let fired = try await scheduler.tick(now: utc("2026-12-02 06:00"))
        #expect(fired.map(\.job.recipe) == ["jobs/paris"])
        #expect(fired.first?.job.trigger["scheduledAt"] == "2026-12-02T06:00:00.000Z")
        #expect(try await scheduler.nextWake(now: utc("2026-12-02 06:00")) == utc("2026-12-02 07:00"))

        // A start another process recorded ahead of this clock: wake then, not before.
        try await stores.store.start("jobs/sync", at: utc("2026-12-02 06:30"))
        #expect(try await scheduler.nextWake(now: utc("2026-12-02 06:00")) == utc("2026-12-02 06:30"))
        #expect(try await scheduler.tick(now: utc("2026-12-02 06:10")).isEmpty)
        #expect(try await scheduler.tick(now: utc("2026-12-02 06:30")).map(\.job.recipe) == ["jobs/sync"])
        #expect(try await scheduler.tick(now: utc("2026-12-02 07:00")).map(\.job.recipe) == ["jobs/london"])
    }
}
