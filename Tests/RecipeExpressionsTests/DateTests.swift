import Foundation
import RecipeData
import RecipeExpressions
import Testing

struct DateTests {
    static let values: [Case] = [
        Case("date('2026-11-23')", "2026-11-23T00:00:00Z"),
        Case("date('2024-12-26T11:29:14.399997')", "2024-12-26T11:29:14.399Z"),
        Case("date('2024-12-26T11:29:14.5Z')", "2024-12-26T11:29:14.500Z"),
        Case("date('2024-12-26T11:29:14.000Z')", "2024-12-26T11:29:14Z"),
        Case("date('2024-12-26T11:29Z')", "2024-12-26T11:29:00Z"),
        Case("date('2024-12-26 11:29:14+02:00')", "2024-12-26T09:29:14Z"),
        Case("date('2024-12-26T11:29:14-0530')", "2024-12-26T16:59:14Z"),
        Case("date('2024-12-26T11:29:14+01')", "2024-12-26T10:29:14Z"),
        Case("date(null)", nil),
        // no offset: interpreted in the given zone (winter vs DST summer)
        Case("date('2026-01-15T12:00:00', null, 'Europe/Paris')", "2026-01-15T11:00:00Z"),
        Case("date('2026-07-15T12:00:00', null, 'Europe/Paris')", "2026-07-15T10:00:00Z"),
        Case("date('2026-07-15T12:00:00', null, 'America/New_York')", "2026-07-15T16:00:00Z"),
        Case("date('2026-01-15', null, 'America/New_York')", "2026-01-15T05:00:00Z"),
        // spring-forward gap in Paris (02:30 does not exist on 2026-03-29) moves forward
        Case("date('2026-03-29T02:30:00', null, 'Europe/Paris')", "2026-03-29T01:30:00Z"),
        // the same rule west of UTC: 02:30 on 2026-03-08 in New York reads as 03:30 EDT
        Case("date('2026-03-08T02:30:00', null, 'America/New_York')", "2026-03-08T07:30:00Z"),
        // repeated times (clocks fall back) take the first occurrence, in both directions
        Case("date('2026-10-25T02:30:00', null, 'Europe/Paris')", "2026-10-25T00:30:00Z"),
        Case("date('2026-11-01T01:30:00', null, 'America/New_York')", "2026-11-01T05:30:00Z"),
        // explicit formats
        Case("date('23/11/2026 14:05', 'dd/MM/yyyy HH:mm')", "2026-11-23T14:05:00Z"),
        Case("date('Nov 3, 26 2:05 pm', 'MMM d, yy h:mm a')", "2026-11-03T14:05:00Z"),
        Case("date('Monday 23 November 2026', 'EEEE d MMMM yyyy', 'Europe/Paris')", "2026-11-22T23:00:00Z"),
        Case("date('2026-11-23T10:00:00+0100', \"yyyy-MM-dd'T'HH:mm:ssZ\")", "2026-11-23T09:00:00Z"),
        // formatting
        Case("formatDate('2026-11-23T09:05:07.123Z', 'yyyy-MM-dd HH:mm:ss.SSS')", "2026-11-23 09:05:07.123"),
        Case("formatDate('2026-11-23T09:05:07Z', 'd/M/yy h:mm a EEE EEEE MMM MMMM')", "23/11/26 9:05 AM Mon Monday Nov November"),
        Case("formatDate('2026-11-23T23:30:00Z', 'yyyy-MM-dd HH:mm XXX', 'Europe/Paris')", "2026-11-24 00:30 +01:00"),
        Case("formatDate('2026-07-01T12:00:00Z', 'HH:mm XX X Z', 'Europe/Paris')", "14:00 +0200 +02 +0200"),
        Case("formatDate('2026-07-01T12:00:00Z', 'HH:mm XXX', 'America/New_York')", "08:00 -04:00"),
        Case("formatDate('2026-01-01T12:00:00Z', 'HH:mm XXX', 'America/New_York')", "07:00 -05:00"),
        Case("formatDate('2026-01-01T00:00:00Z', \"XXX 'at' hh 'o''clock' ''\")", "Z at 12 o'clock '"),
        Case("formatDate(null, 'yyyy')", nil),
        // arithmetic
        Case("dateAdd('2026-01-31', 1, 'months')", "2026-02-28T00:00:00Z"),
        Case("dateAdd('2024-02-29T10:00:00Z', 1, 'year')", "2025-02-28T10:00:00Z"),
        Case("dateAdd('2026-03-28T12:00:00Z', 1, 'days')", "2026-03-29T12:00:00Z"),
        Case("dateAdd('2026-11-23', -2, 'weeks')", "2026-11-09T00:00:00Z"),
        Case("dateAdd('2026-11-23', 90, 'minutes')", "2026-11-23T01:30:00Z"),
        Case("dateAdd('2026-12-31T23:59:59Z', 1, 'seconds')", "2027-01-01T00:00:00Z"),
        Case("dateDiff('2026-01-01', '2026-01-08T12:00:00Z', 'days')", 7),
        Case("dateDiff('2026-01-08', '2026-01-01', 'days')", -7),
        Case("dateDiff('2026-01-31', '2026-02-28', 'months')", 1) /* dateAdd(from, 1, months) <= to */,
        Case("dateDiff('2026-01-15', '2026-03-15', 'months')", 2),
        Case("dateDiff('2020-06-01', '2026-05-31', 'years')", 5),
        Case("dateDiff('2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', 'hours')", 1),
        Case("now()", "2026-11-23T09:30:00.250Z"),
    ]

    static let environment = EvaluationEnvironment(now: { Date(timeIntervalSince1970: 1_795_426_200.25) })

    @Test(arguments: values)
    func evaluates(_ row: Case) throws {
        #expect(try Fixture.evaluate(row.source, environment: Self.environment) == row.expected)
    }

    static let failures: [FailureCase] = [
        FailureCase("date('23/11/2026')", "is not an ISO-8601 date"),
        FailureCase("date('2026-02-30')", "is not an ISO-8601 date"),
        FailureCase("date('2026-11-23T25:00')", "is not an ISO-8601 date"),
        FailureCase("date(5)", "date must be ISO-8601 text, not number"),
        FailureCase("date('2026', 'dd/MM')", "does not match the date format 'dd/MM'"),
        FailureCase("date('2026-11-23', null, 'Mars/Olympus')", "unknown time zone 'Mars/Olympus'"),
        FailureCase("formatDate('2026-11-23', 'yyyy QQ')", "unsupported date pattern 'QQ'"),
        FailureCase("formatDate('2026-11-23', \"'open\")", "unterminated quote"),
        FailureCase("dateAdd('2026-11-23', 1, 'fortnights')", "unknown unit 'fortnights'"),
        FailureCase("dateAdd('2026-11-23', 1.5, 'days')", "amount must be an integer"),
    ]

    @Test(arguments: failures)
    func fails(_ row: FailureCase) throws {
        let message = try Fixture.failure(row.source)
        #expect(message?.contains(row.message) == true, "got \(message ?? "success")")
    }
}
