// Calendar arithmetic done by hand on integers: an instant is whole Unix milliseconds, and
// civil dates use the proleptic Gregorian calendar (Howard Hinnant's days-from-civil
// algorithms). Foundation's `TimeZone` supplies only UTC offsets, so results are exact and
// independent of the process locale (no DateFormatter).
import Foundation

/// A point in time with millisecond precision.
struct Instant: Sendable, Hashable, Comparable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    var milliseconds: Int

    static func < (a: Instant, b: Instant) -> Bool { a.milliseconds < b.milliseconds }

    init(milliseconds: Int) { self.milliseconds = milliseconds }

    init(_ date: Date) { milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded()) }

    var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    /// The wall-clock fields at a fixed UTC offset.
    func local(offset: Int) -> LocalDateTime {
        LocalDateTime(unixMilliseconds: milliseconds + offset * 1000)
    }

    /// Wall-clock fields in a time zone, with the offset in effect.
    func local(in zone: TimeZone) -> (LocalDateTime, offset: Int) {
        let offset = zone.secondsFromGMT(for: date)
        return (local(offset: offset), offset)
    }
}

/// Wall-clock date and time fields (no zone).
struct LocalDateTime: Sendable, Hashable {
    var year: Int
    var month: Int
    var day: Int
    var hour = 0
    var minute = 0
    var second = 0
    var millisecond = 0

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) {
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second, self.millisecond) = (hour, minute, second, millisecond)
    }

    /// Fields of a Unix millisecond count read as if it were UTC.
    init(unixMilliseconds ms: Int) {
        let days = ms.floorDiv(86_400_000)
        var rest = ms - days * 86_400_000
        (year, month, day) = Self.civil(fromDays: days)
        hour = rest / 3_600_000
        rest %= 3_600_000
        minute = rest / 60_000
        rest %= 60_000
        second = rest / 1000
        millisecond = rest % 1000
    }

    var isValid: Bool {
        (1...12).contains(month) && (1...Self.daysIn(year: year, month: month)).contains(day) && (0...23).contains(hour)
            && (0...59).contains(minute) && (0...59).contains(second) && (0...999).contains(millisecond)
    }

    /// Days since 1970-01-01 of the date part.
    var days: Int { Self.days(year: year, month: month, day: day) }

    /// The fields read as UTC, in Unix milliseconds.
    var unixMilliseconds: Int {
        days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + millisecond
    }

    /// 0 = Sunday ... 6 = Saturday.
    var weekday: Int { (days + 4).floorMod(7) }

    /// The instant this wall-clock time names at a fixed offset.
    func instant(offset: Int) -> Instant { Instant(milliseconds: unixMilliseconds - offset * 1000) }

    /// The instant this wall-clock time names in `zone`, the same way in every zone, east or
    /// west of UTC:
    /// - a time that exists once is that instant;
    /// - a time repeated when clocks fall back is its first occurrence (the earlier offset);
    /// - a time skipped when clocks spring forward moves forward by the gap (02:30 on a
    ///   spring-forward night reads as 03:30), i.e. it is read with the offset before the change.
    func instant(in zone: TimeZone) -> Instant {
        // Offsets a day either side of the wall time bracket any single transition.
        let before = zone.secondsFromGMT(for: Instant(milliseconds: unixMilliseconds - 86_400_000).date)
        let after = zone.secondsFromGMT(for: Instant(milliseconds: unixMilliseconds + 86_400_000).date)
        let early = instant(offset: before)
        if zone.secondsFromGMT(for: early.date) == before { return early }
        let late = instant(offset: after)
        if zone.secondsFromGMT(for: late.date) == after { return late }
        return early
    }

    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDiv(400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = z.floorDiv(146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension Int {
    func floorDiv(_ d: Int) -> Int { self >= 0 ? self / d : -((-self + d - 1) / d) }
    func floorMod(_ d: Int) -> Int { self - floorDiv(d) * d }
}
