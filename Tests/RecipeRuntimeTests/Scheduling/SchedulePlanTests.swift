// The pure planner, table-driven: fire times in time zones across DST, the cursor, the start,
// and the missed-run policies. Instants are written in UTC.
import Foundation
import RecipeData
import RecipeRuntime
import Testing

/// One planner case: inputs (UTC text) and the expected runs, cursor move and next fire time.
struct PlanCase: Sendable, CustomTestStringConvertible {
    var name: String
    var cron = "0 7 * * *"
    var zone = "UTC"
    var cursor: String?
    var started = "2026-01-01 00:00"
    var now: String
    var policy = MissedRunPolicy.one
    var maxCatchUpRuns = SchedulerSettings.defaultMaxCatchUpRuns
    var runs: [String]
    var advanceTo: String?
    var next: String?

    var testDescription: String { name }
}

@Suite struct SchedulePlanTests {
    static let cases: [PlanCase] = [
        PlanCase(
            name: "daily 07:00 UTC fires at 07:00 exactly", started: "2026-12-01 12:00", now: "2026-12-02 07:00",
            runs: ["2026-12-02 07:00"], advanceTo: "2026-12-02 07:00", next: "2026-12-03 07:00"),
        PlanCase(
            name: "nothing due a millisecond before", started: "2026-12-01 12:00", now: "2026-12-02 06:59:59.999",
            runs: [], next: "2026-12-02 07:00"),
        PlanCase(
            name: "cursor exactly at the fire time: not again", cursor: "2026-12-02 07:00", now: "2026-12-02 07:00",
            runs: [], next: "2026-12-03 07:00"),
        PlanCase(
            name: "cursor at the fire time, an hour later", cursor: "2026-12-02 07:00", now: "2026-12-02 08:00",
            runs: [], next: "2026-12-03 07:00"),
        PlanCase(
            name: "3-day downtime: one catch-up for the latest", cursor: "2026-11-28 07:00", now: "2026-12-01 09:00",
            runs: ["2026-12-01 07:00"], advanceTo: "2026-12-01 07:00", next: "2026-12-02 07:00"),
        PlanCase(
            name: "3-day downtime, skip: none, cursor moves", cursor: "2026-11-28 07:00", now: "2026-12-01 09:00",
            policy: .skip, runs: [], advanceTo: "2026-12-01 07:00", next: "2026-12-02 07:00"),
        PlanCase(
            name: "skip still runs an on-time fire", cursor: "2026-11-30 07:00", now: "2026-12-01 07:00:05",
            policy: .skip, runs: ["2026-12-01 07:00"], advanceTo: "2026-12-01 07:00", next: "2026-12-02 07:00"),
        PlanCase(
            name: "3-day downtime, all: every missed fire", cursor: "2026-11-28 07:00", now: "2026-12-01 09:00",
            policy: .all(limit: 10), runs: ["2026-11-29 07:00", "2026-11-30 07:00", "2026-12-01 07:00"],
            advanceTo: "2026-12-01 07:00", next: "2026-12-02 07:00"),
        PlanCase(
            name: "all(limit: 2): the two latest", cursor: "2026-11-28 07:00", now: "2026-12-01 09:00",
            policy: .all(limit: 2), runs: ["2026-11-30 07:00", "2026-12-01 07:00"], advanceTo: "2026-12-01 07:00",
            next: "2026-12-02 07:00"),
        PlanCase(
            name: "all is capped by maxCatchUpRuns", cursor: "2026-11-28 07:00", now: "2026-12-01 09:00",
            policy: .all(limit: 10), maxCatchUpRuns: 1, runs: ["2026-12-01 07:00"], advanceTo: "2026-12-01 07:00",
            next: "2026-12-02 07:00"),
        PlanCase(
            name: "started exactly at the fire time: next day", started: "2026-12-02 07:00", now: "2026-12-02 08:00",
            runs: [], next: "2026-12-03 07:00"),
        PlanCase(
            name: "started a minute before fires", started: "2026-12-02 06:59", now: "2026-12-02 07:00",
            runs: ["2026-12-02 07:00"], advanceTo: "2026-12-02 07:00", next: "2026-12-03 07:00"),
        PlanCase(
            name: "time spent stopped is not caught up", cursor: "2026-11-01 07:00", started: "2026-12-01 08:00",
            now: "2026-12-01 09:00", runs: [], next: "2026-12-02 07:00"),
        PlanCase(
            name: "Paris 07:00 across spring forward", zone: "Europe/Paris", cursor: "2026-03-28 06:00",
            now: "2026-03-29 05:00", runs: ["2026-03-29 05:00"], advanceTo: "2026-03-29 05:00", next: "2026-03-30 05:00"),
        PlanCase(
            name: "Paris 02:30 in the gap fires at 03:00 CEST", cron: "30 2 * * *", zone: "Europe/Paris",
            cursor: "2026-03-28 01:30", now: "2026-03-29 01:00", runs: ["2026-03-29 01:00"],
            advanceTo: "2026-03-29 01:00", next: "2026-03-30 00:30"),
        PlanCase(
            name: "Paris 07:00 across fall back", zone: "Europe/Paris", cursor: "2026-10-24 05:00",
            now: "2026-10-25 06:00", runs: ["2026-10-25 06:00"], advanceTo: "2026-10-25 06:00", next: "2026-10-26 06:00"),
        PlanCase(
            name: "New York 07:00 across spring forward", zone: "America/New_York", cursor: "2026-03-07 12:00",
            now: "2026-03-08 11:00", runs: ["2026-03-08 11:00"], advanceTo: "2026-03-08 11:00", next: "2026-03-09 11:00"),
        PlanCase(
            name: "New York 01:30 repeated fires once (EDT)", cron: "30 1 * * *", zone: "America/New_York",
            cursor: "2026-10-31 05:30", now: "2026-11-01 07:00", runs: ["2026-11-01 05:30"],
            advanceTo: "2026-11-01 05:30", next: "2026-11-02 06:30"),
        PlanCase(
            name: "New York 01:30 EST repeat is not a second fire", cron: "30 1 * * *", zone: "America/New_York",
            cursor: "2026-11-01 05:30", now: "2026-11-01 06:30", runs: [], next: "2026-11-02 06:30"),
        PlanCase(
            name: "minutely after a year down: one run", cron: "* * * * *", cursor: "2025-12-02 00:00",
            started: "2025-12-01 00:00", now: "2026-12-02 12:34:56", runs: ["2026-12-02 12:34"],
            advanceTo: "2026-12-02 12:34", next: "2026-12-02 12:35"),
        PlanCase(
            name: "dense then sparse: looks back far enough", cron: "* * 1 1 *", cursor: "2025-01-01 23:59",
            started: "2025-01-01 00:00", now: "2026-06-01 00:00", runs: ["2026-01-01 23:59"],
            advanceTo: "2026-01-01 23:59", next: "2027-01-01 00:00"),
    ]

    @Test(arguments: cases)
    func plan(_ c: PlanCase) throws {
        let settings = SchedulerSettings(missedRunPolicy: c.policy, maxCatchUpRuns: c.maxCatchUpRuns)
        let plan = SchedulePlan(
            cron: try CronSchedule(parsing: c.cron), timeZone: try #require(TimeZone(identifier: c.zone)),
            cursor: c.cursor.map(utc), startedAt: utc(c.started), now: utc(c.now), settings: settings)
        #expect(plan.runs == c.runs.map(utc))
        #expect(plan.advanceTo == c.advanceTo.map(utc))
        #expect(plan.nextFire == c.next.map(utc))
    }

    @Test func scheduleThatNeverFiresHasNoNextFire() throws {
        let plan = SchedulePlan(
            cron: try CronSchedule(parsing: "0 0 30 2 *"), timeZone: try #require(TimeZone(identifier: "UTC")), cursor: nil, startedAt: 0,
            now: utc("2026-12-02 07:00"))
        #expect(plan == SchedulePlan(runs: [], advanceTo: nil, nextFire: nil))
    }
}
