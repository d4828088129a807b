import Foundation

// Fire times are found in wall-clock time, then mapped to instants with this policy for
// daylight-saving (and any other UTC-offset) changes:
//
// - Gap (spring forward): a wall time that does not exist fires once, at the first instant
//   after the gap. With Europe/Paris jumping from 02:00 to 03:00, `30 2 * * *` fires at 03:00
//   local (01:00 UTC); `*/15 * * * *` fires once at 03:00 for 02:00-02:45, then 03:15.
// - Overlap (fall back): a wall time that occurs twice fires once, at its first occurrence.
//   With America/New_York repeating 01:00-01:59, `30 1 * * *` fires at 01:30 EDT only, and
//   `0 * * * *` fires at 01:00 EDT and next at 02:00 EST.
//
// The search walks months, days, hours and minutes by skipping to the next allowed value of
// each field, so even a yearly schedule takes a few dozen steps.

extension CronSchedule {
    /// How far ahead `nextDate` looks before deciding a schedule never fires: 8 years, enough
    /// for `0 0 29 2 *` across a non-leap century year (2096 → 2104).
    public static let searchHorizonYears = 8

    /// The first fire time strictly after `date`, with the schedule read as wall-clock time
    /// in `timeZone` (gaps fire at the first instant after the gap, repeated times fire at
    /// their first occurrence). `nil` when no fire time exists within `searchHorizonYears`,
    /// as for `0 0 30 2 *`.
    public func nextDate(after date: Date, in timeZone: TimeZone) -> Date? {
        let after = date.timeIntervalSince1970
        let offset = timeZone.secondsFromGMT(for: date)
        let wallSeconds = Int(after.rounded(.down)) + offset
        let wallMinute = Self.floorDiv(wallSeconds, 60) + 1
        var date = CivilDate(dayNumber: Self.floorDiv(wallMinute, 1440))
        let minuteOfDay = wallMinute - date.dayNumber * 1440
        var hour = minuteOfDay / 60
        var minute = minuteOfDay % 60
        let lastYear = date.year + Self.searchHorizonYears

        func nextDay() {
            date.day += 1
            hour = 0
            minute = 0
        }
        while date.year <= lastYear {
            guard months.contains(date.month), date.day <= CivilDate.daysInMonth(year: date.year, month: date.month)
            else {
                if let month = months.next(from: date.month + 1) {
                    date = CivilDate(year: date.year, month: month, day: 1)
                } else {
                    date = CivilDate(year: date.year + 1, month: months.next(from: 1)!, day: 1)
                }
                hour = 0
                minute = 0
                continue
            }
            guard matchesDay(month: date.month, day: date.day, weekday: date.weekday) else {
                nextDay()
                continue
            }
            guard let nextHour = hours.next(from: hour) else {
                nextDay()
                continue
            }
            if nextHour != hour {
                hour = nextHour
                minute = 0
            }
            guard let nextMinute = minutes.next(from: minute) else {
                hour += 1
                minute = 0
                if hour == 24 { nextDay() }
                continue
            }
            minute = nextMinute
            let wall = (date.dayNumber * 1440 + hour * 60 + minute) * 60
            let instant = Self.instant(forWall: wall, in: timeZone)
            if Double(instant) > after { return Date(timeIntervalSince1970: Double(instant)) }
            minute += 1
            if minute == 60 {
                minute = 0
                hour += 1
                if hour == 24 { nextDay() }
            }
        }
        return nil
    }

    /// The instant (seconds since 1970) for a wall-clock time given as seconds since
    /// 1970-01-01T00:00 local: the first occurrence when repeated, the end of the gap when skipped.
    static func instant(forWall wall: Int, in zone: TimeZone) -> Int {
        func offset(at instant: Int) -> Int {
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant)))
        }
        let before = offset(at: wall - 86_400)
        let after = offset(at: wall + 86_400)
        let candidates = Set([before, after]).map { wall - $0 }.filter { offset(at: $0) == wall - $0 }
        if let first = candidates.min() { return first }
        guard before != after else { return wall - before }
        // In a gap: the instants around it read as wall - after (still the old offset) and
        // wall - before (already the new one); the change happens between them.
        var low = min(wall - after, wall - before)
        var high = max(wall - after, wall - before)
        let lowOffset = offset(at: low)
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if offset(at: middle) == lowOffset { low = middle } else { high = middle }
        }
        return high
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
