import Testing
@testable import RecipeData

@Suite struct CronScheduleTests {
    @Test(arguments: [
        ("*/15 * * * *", "*/15 * * * *"),
        ("0 7 * * *", "0 7 * * *"),
        ("10-50/10 * * * *", "10,20,30,40,50 * * * *"),
        ("5/20 * * * *", "5,25,45 * * * *"),
        ("1,2,3,7 * * * *", "1-3,7 * * * *"),
        ("0 9 * * MON-FRI", "0 9 * * 1-5"),
        ("0 9 * * mon,Wed,FRI", "0 9 * * 1,3,5"),
        ("0 0 1 jan,Jul *", "0 0 1 1,7 *"),
        ("0 0 1 JAN-MAR/2 *", "0 0 1 1,3 *"),
        ("0 0 * * 7", "0 0 * * 0"),
        ("0 0 * * 5-7", "0 0 * * 0,5-6"),
        ("0 0 * * SUN", "0 0 * * 0"),
        ("0 0 */2 * *", "0 0 */2 * *"),
        ("  0   12 * * *  ", "0 12 * * *"),
        ("0\t12 * *\t*", "0 12 * * *"),
        ("59 23 31 12 SAT", "59 23 31 12 6"),
        ("0-59 0-23 1-31 1-12 0-6", "0-59 0-23 1-31 1-12 0-6"),
        ("@yearly", "0 0 1 1 *"),
        ("@annually", "0 0 1 1 *"),
        ("@monthly", "0 0 1 * *"),
        ("@weekly", "0 0 * * 0"),
        ("@daily", "0 0 * * *"),
        ("@midnight", "0 0 * * *"),
        ("@HOURLY", "0 * * * *"),
    ])
    func parsesAndNormalizes(_ text: String, _ normalized: String) throws {
        let schedule = try CronSchedule(parsing: text)
        #expect(schedule.description == normalized)
        #expect(try CronSchedule(parsing: normalized) == schedule)
    }

    @Test func starFieldsAreUnrestrictedButRangesAreNot() throws {
        #expect(try CronSchedule(parsing: "* * */1 * *").daysOfMonth.isStar)
        #expect(try !CronSchedule(parsing: "* * 1-31 * *").daysOfMonth.isStar)
        #expect(try CronSchedule(parsing: "* * * * 0-7").daysOfWeek.values == Array(0...6))
    }

    @Test(arguments: [
        ("", 1, "empty cron expression"),
        ("61 * * * *", 1, "minute value 61 is out of range 0-59"),
        ("0 24 * * *", 3, "hour value 24 is out of range 0-23"),
        ("0 0 0 * *", 5, "day-of-month value 0 is out of range 1-31"),
        ("0 0 1 13 *", 7, "month value 13 is out of range 1-12"),
        ("0 0 * * 8", 9, "day-of-week value 8 is out of range 0-7"),
        ("0,61 * * * *", 3, "minute value 61 is out of range 0-59"),
        ("0 0 1-99999999 * *", 7, "day-of-month value 1000000 is out of range 1-31"),
        ("* * * *", 8, "expected 5 fields (minute hour day-of-month month day-of-week) but found 4; the day-of-week field is missing"),
        ("* * * * * *", 11, "expected 5 fields (minute hour day-of-month month day-of-week) but found more"),
        ("@reboot", 1, "unknown cron macro '@reboot'; expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly"),
        ("@daily x", 8, "unexpected text after '@daily'"),
        ("5-1 * * * *", 1, "minute range 5-1 is backwards; the start must not exceed the end"),
        ("0 0 * * FRI-MON", 9, "day-of-week range 5-1 is backwards; the start must not exceed the end"),
        ("*/0 * * * *", 3, "minute step must be at least 1"),
        ("*/ * * * *", 3, "expected a step number after '/' in the minute field"),
        ("0 0 * FOO *", 7, "unknown month name 'FOO'; expected JAN-DEC or 1-12"),
        ("0 0 * * FRX", 9, "unknown day-of-week name 'FRX'; expected SUN-SAT or 0-7"),
        ("0 MON * * *", 3, "names like 'MON' are only allowed in the month and day-of-week fields"),
        ("1,,2 * * * *", 3, "expected a minute value but found ','"),
        ("1, * * * *", 3, "expected a minute value but found ' '"),
        ("*,5 * * * *", 1, "'*' cannot be combined with other values in a list"),
        ("5,* * * * *", 3, "'*' cannot be combined with other values in a list"),
        ("0 0 * * 1;2", 10, "unexpected ';' in the day-of-week field"),
        ("0 0 1 * *x", 10, "unexpected 'x' in the day-of-week field"),
        ("1-2-3 * * * *", 4, "unexpected '-' in the minute field"),
    ])
    func reportsErrorsWithOffsets(_ text: String, _ offset: Int, _ message: String) {
        #expect(throws: CronParseError(message, offset: offset)) { try CronSchedule(parsing: text) }
    }

    @Test func parseErrorBecomesALocatedDiagnostic() {
        guard case .failure(let error) = CronSchedule.parse("0 24 * * *") else {
            Issue.record("expected an error")
            return
        }
        let start = RecipeData.SourceLocation(file: "recipes/daily.json", line: 7, column: 20, offset: 120)
        #expect(error.diagnostic(textStart: start).description == "recipes/daily.json:7:22: error: hour value 24 is out of range 0-23")
    }

    @Test(arguments: [
        (1, 15, 0, true), (1, 13, 5, true), (1, 14, 3, false),  // 13th/15th OR Friday
    ])
    func dayOfMonthOrDayOfWeek(_ month: Int, _ day: Int, _ weekday: Int, _ fires: Bool) throws {
        let schedule = try CronSchedule(parsing: "0 0 13,15 * 5")
        #expect(schedule.matchesDay(month: month, day: day, weekday: weekday) == fires)
    }
}
