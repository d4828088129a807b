// Cron schedules as in Vixie cron (crontab(5)):
//
//   "The time and date fields are: minute 0-59, hour 0-23, day of month 1-31, month 1-12
//    (or names), day of week 0-7 (0 or 7 is Sun, or use names)."
//   "Ranges of numbers are allowed. Ranges are two numbers separated with a hyphen."
//   "Step values can be used in conjunction with ranges. Following a range with /<number>
//    specifies skips of the number's value through the range."
//   "Names can also be used for the 'month' and 'day of week' fields. Use the first three
//    letters of the particular day or month (case does not matter)."
//   "Note: The day of a command's execution can be specified by two fields — day of month,
//    and day of week. If both fields are restricted (i.e., aren't *), the command will be run
//    when either field matches the current time."
//
// As in Vixie cron, a field counts as unrestricted when it starts with `*`, so `*/2` in the
// day-of-month field is combined with the day of week by AND, not OR. `N/step` is accepted
// as `N-max/step` (as cronie does).

/// A parsed five-field cron schedule (`minute hour day-of-month month day-of-week`) or one of
/// the macros `@yearly @annually @monthly @weekly @daily @midnight @hourly`.
///
/// Schedules are evaluated in the wall-clock time of a time zone; see
/// `nextDate(after:in:)` for how daylight-saving gaps and overlaps are handled.
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    public let minutes: CronField
    public let hours: CronField
    public let daysOfMonth: CronField
    public let months: CronField
    /// Sunday is 0 (a written 7 is stored as 0).
    public let daysOfWeek: CronField

    /// Parses a cron expression; throws with the 1-based position of the problem.
    public init(parsing text: String) throws(CronParseError) {
        var parser = CronParser(text)
        let fields = try parser.parse()
        minutes = fields[0]
        hours = fields[1]
        daysOfMonth = fields[2]
        months = fields[3]
        daysOfWeek = fields[4]
    }

    /// Parses a cron expression into a result.
    public static func parse(_ text: String) -> Result<CronSchedule, CronParseError> {
        Result { () throws(CronParseError) in try CronSchedule(parsing: text) }
    }

    /// The normalized five-field form: names become numbers, Sunday is 0, macros are
    /// expanded, lists are sorted with consecutive values joined into ranges ("0 9 * * 1-5").
    /// Parsing it gives an equal schedule.
    public var description: String {
        [minutes, hours, daysOfMonth, months, daysOfWeek].map(\.normalized).joined(separator: " ")
    }

    /// Whether the schedule fires on this calendar day (`weekday` 0 = Sunday), applying the
    /// day-of-month OR day-of-week rule when both are restricted.
    public func matchesDay(month: Int, day: Int, weekday: Int) -> Bool {
        guard months.contains(month) else { return false }
        let dayOfMonth = daysOfMonth.contains(day)
        let dayOfWeek = daysOfWeek.contains(weekday)
        if daysOfMonth.isStar || daysOfWeek.isStar { return dayOfMonth && dayOfWeek }
        return dayOfMonth || dayOfWeek
    }
}
