import Foundation

/// Calendar dates as the vendor APIs print them (`yyyy-MM-dd`), counted in days since
/// 1970-01-01 (UTC). Uses Howard Hinnant's `days_from_civil` / `civil_from_days`
/// algorithms, so generating 100,000 employees needs no `DateFormatter`.
public enum SandboxDate {
    /// Days since 1970-01-01 for a `Date` (UTC).
    public static func day(of date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// `yyyy-MM-dd` for a day number.
    public static func string(day: Int) -> String {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    /// The day number of a `yyyy-MM-dd` string, or `nil` if malformed or outside years
    /// 1...9999 (`NumberInput.year`, so the day arithmetic below cannot overflow).
    public static func day(of text: String) -> Int? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let y0 = try? NumberInput.year.parse(parts[0]),
            let m = try? NumberInput.month.parse(parts[1]), let d = try? NumberInput.dayOfMonth.parse(parts[2])
        else { return nil }
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `yyyy-MM-dd` for a `Date` (UTC).
    public static func string(_ date: Date) -> String { string(day: day(of: date)) }

    /// ISO 8601 UTC with seconds and `Z` (`2025-01-08T12:12:31Z`).
    public static func timestamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let dayNumber = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - dayNumber * 86_400
        return string(day: dayNumber) + "T" + pad(rest / 3600, 2) + ":" + pad(rest / 60 % 60, 2) + ":"
            + pad(rest % 60, 2) + "Z"
    }

    /// HiBob's `triggeredAt`: microseconds and no offset (`2024-12-26T11:29:14.399997`).
    public static func hibobTimestamp(_ date: Date) -> String {
        let micros = Int((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let fraction = micros - seconds * 1_000_000
        let base = timestamp(Date(timeIntervalSince1970: Double(seconds)))
        return String(base.dropLast()) + "." + pad(fraction, 6)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
