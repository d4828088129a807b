import Foundation
import Testing
@testable import RecipeData

@Suite struct CronScheduleNextDateTests {
    static func date(_ iso: String) -> Date {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: iso) else { fatalError("bad date \(iso)") }
        return date
    }

    static func iso(_ date: Date?) -> String? {
        guard let date else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var cron: String
        var zone: String
        var after: String
        var expected: String?
        var note: String
        var testDescription: String { "\(note): \(cron) in \(zone) after \(after)" }

        init(_ cron: String, _ zone: String, _ after: String, _ expected: String?, _ note: String) {
            self.cron = cron
            self.zone = zone
            self.after = after
            self.expected = expected
            self.note = note
        }
    }

    static let cases: [Case] = [
        Case("0 7 * * *", "UTC", "2025-01-01T06:59:59Z", "2025-01-01T07:00:00Z", "daily 07:00 UTC"),
        Case("0 7 * * *", "UTC", "2025-01-01T07:00:00Z", "2025-01-02T07:00:00Z", "strictly after"),
        Case("0 7 * * *", "UTC", "2025-01-01T07:00:30Z", "2025-01-02T07:00:00Z", "seconds past the minute"),
        Case("*/15 * * * *", "UTC", "2025-05-05T10:07:00Z", "2025-05-05T10:15:00Z", "every 15 minutes"),
        Case("0 0 1 1 *", "UTC", "2025-12-31T23:59:00Z", "2026-01-01T00:00:00Z", "year boundary"),
        Case("59 23 31 12 *", "UTC", "2025-12-31T23:59:00Z", "2026-12-31T23:59:00Z", "last minute of the year"),
        Case("30 12 31 * *", "UTC", "2025-02-01T00:00:00Z", "2025-03-31T12:30:00Z", "skips months without a 31st"),
        Case("0 0 1 * *", "UTC", "2025-01-31T12:00:00Z", "2025-02-01T00:00:00Z", "month boundary"),
        Case("0 0 29 2 *", "UTC", "2025-01-01T00:00:00Z", "2028-02-29T00:00:00Z", "Feb 29 in the next leap year"),
        Case("0 0 29 2 *", "UTC", "2096-03-01T00:00:00Z", "2104-02-29T00:00:00Z", "2100 is not a leap year"),
        Case("0 0 30 2 *", "UTC", "2025-01-01T00:00:00Z", nil, "impossible"),
        Case("0 0 31 4,6,9,11 *", "UTC", "2025-01-01T00:00:00Z", nil, "impossible 31st"),
        Case("0 9 * * 1-5", "UTC", "2025-06-06T09:00:00Z", "2025-06-09T09:00:00Z", "Friday to Monday"),
        Case("0 9 * * SAT", "UTC", "2025-06-01T00:00:00Z", "2025-06-07T09:00:00Z", "Saturday"),
        Case("0 0 * * 7", "UTC", "2025-06-01T00:00:00Z", "2025-06-08T00:00:00Z", "7 is Sunday"),
        Case("0 0 10 * 5", "UTC", "2025-06-07T00:00:00Z", "2025-06-10T00:00:00Z", "OR rule: the 10th, a Tuesday"),
        Case("0 0 10 * 5", "UTC", "2025-06-01T00:00:00Z", "2025-06-06T00:00:00Z", "OR rule: a Friday"),
        Case("0 0 */2 * 1", "UTC", "2025-06-01T00:00:00Z", "2025-06-09T00:00:00Z", "star day-of-month: AND rule"),
        Case("0 0 13 * 5", "UTC", "2025-06-13T00:00:00Z", "2025-06-20T00:00:00Z", "Friday after Friday 13th"),
        Case("@weekly", "UTC", "2025-06-04T00:00:00Z", "2025-06-08T00:00:00Z", "weekly on Sunday"),
        Case("0 7 * * *", "Europe/Paris", "2025-01-15T00:00:00Z", "2025-01-15T06:00:00Z", "Paris winter"),
        Case("0 7 * * *", "Europe/Paris", "2025-07-15T00:00:00Z", "2025-07-15T05:00:00Z", "Paris summer"),
        // Europe/Paris springs forward 2025-03-30 02:00 CET → 03:00 CEST (01:00Z).
        Case("30 2 * * *", "Europe/Paris", "2025-03-29T12:00:00Z", "2025-03-30T01:00:00Z", "gap fires at 03:00"),
        Case("30 2 * * *", "Europe/Paris", "2025-03-30T01:00:00Z", "2025-03-31T00:30:00Z", "once, then next day"),
        Case("0 2 * * *", "Europe/Paris", "2025-03-29T12:00:00Z", "2025-03-30T01:00:00Z", "gap start fires at 03:00"),
        Case("*/15 * * * *", "Europe/Paris", "2025-03-30T00:50:00Z", "2025-03-30T01:00:00Z", "gap minutes collapse"),
        Case("*/15 * * * *", "Europe/Paris", "2025-03-30T01:00:00Z", "2025-03-30T01:15:00Z", "then 03:15"),
        // Europe/Paris falls back 2025-10-26 03:00 CEST → 02:00 CET (01:00Z); 02:00-02:59 twice.
        Case("30 2 * * *", "Europe/Paris", "2025-10-25T12:00:00Z", "2025-10-26T00:30:00Z", "overlap: first occurrence"),
        Case("30 2 * * *", "Europe/Paris", "2025-10-26T00:30:00Z", "2025-10-27T01:30:00Z", "overlap: not twice"),
        // America/New_York springs forward 2025-03-09 02:00 EST → 03:00 EDT (07:00Z).
        Case("30 2 * * *", "America/New_York", "2025-03-08T12:00:00Z", "2025-03-09T07:00:00Z", "NY gap"),
        Case("@daily", "America/New_York", "2025-03-08T06:00:00Z", "2025-03-09T05:00:00Z", "NY midnight EST"),
        Case("@daily", "America/New_York", "2025-03-09T05:00:00Z", "2025-03-10T04:00:00Z", "NY midnight EDT"),
        // America/New_York falls back 2025-11-02 02:00 EDT → 01:00 EST (06:00Z); 01:00-01:59 twice.
        Case("30 1 * * *", "America/New_York", "2025-11-01T12:00:00Z", "2025-11-02T05:30:00Z", "NY overlap: EDT"),
        Case("30 1 * * *", "America/New_York", "2025-11-02T05:30:00Z", "2025-11-03T06:30:00Z", "NY overlap: once"),
        Case("0 * * * *", "America/New_York", "2025-11-02T05:00:00Z", "2025-11-02T07:00:00Z", "hourly skips repeat"),
        Case("*/20 * * * *", "America/New_York", "2025-11-02T06:10:00Z", "2025-11-02T07:00:00Z", "inside second occurrence"),
        Case("*/20 * * * *", "America/New_York", "2025-11-02T05:50:00Z", "2025-11-02T07:00:00Z", "end of first occurrence"),
    ]

    @Test(arguments: cases)
    func nextFireTime(_ c: Case) throws {
        let schedule = try CronSchedule(parsing: c.cron)
        let zone = try #require(TimeZone(identifier: c.zone))
        #expect(Self.iso(schedule.nextDate(after: Self.date(c.after), in: zone)) == c.expected)
    }

    /// Brute force: every minute checked with Foundation's calendar (zones without DST
    /// changes in the window), compared with the skipping search.
    @Test(arguments: ["*/7 3-5 * * *", "0 0 13 * 5", "15 10 1,15 * 1-5", "0 12 * 2 0", "5 4 */3 * *", "0 22 * * 6,0"])
    func agreesWithMinuteByMinuteScan(_ cron: String) throws {
        let schedule = try CronSchedule(parsing: cron)
        for (zoneName, start) in [("UTC", "2025-01-30T22:13:00Z"), ("Asia/Kolkata", "2024-02-27T10:00:00Z"),
                                  ("Europe/Paris", "2025-06-01T00:00:00Z")] {
            let zone = try #require(TimeZone(identifier: zoneName))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            var after = Self.date(start)
            for _ in 0..<5 {
                var expected: Date?
                var t = after.addingTimeInterval(60 - after.timeIntervalSince1970.truncatingRemainder(dividingBy: 60))
                for _ in 0..<(60 * 24 * 40) {
                    let c = calendar.dateComponents([.month, .day, .hour, .minute, .weekday], from: t)
                    if schedule.minutes.contains(c.minute!), schedule.hours.contains(c.hour!),
                       schedule.matchesDay(month: c.month!, day: c.day!, weekday: c.weekday! - 1) {
                        expected = t
                        break
                    }
                    t += 60
                }
                let next = schedule.nextDate(after: after, in: zone)
                if let expected {
                    #expect(next == expected, "\(cron) in \(zoneName) after \(after)")
                } else {
                    #expect(next.map { $0 >= t } == true, "beyond the 40-day window")
                }
                guard let next else { break }
                after = next
            }
        }
    }

    @Test func dailyScheduleChainsForYears() throws {
        let schedule = try CronSchedule(parsing: "0 7 * * *")
        let utc = try #require(TimeZone(identifier: "UTC"))
        var t = Self.date("2025-01-01T00:00:00Z")
        for _ in 0..<2_000 {
            let next = try #require(schedule.nextDate(after: t, in: utc))
            #expect(next.timeIntervalSince(t) == (t == Self.date("2025-01-01T00:00:00Z") ? 7 * 3600 : 86_400))
            t = next
        }
        #expect(Self.iso(t) == "2030-06-23T07:00:00Z")
    }
}
