import RecipeRuntime
import RecipeStore
import Testing

/// The checked parsers behind the operator commands' options.
@Suite struct OperatorParsingTests {
    static let day: Int64 = 86_400_000

    @Test(arguments: [
        ("30s", OperatorTime.Since.ago(30_000)),
        ("30m", .ago(1_800_000)),
        ("1h", .ago(3_600_000)),
        ("2d", .ago(2 * day)),
        ("1w", .ago(7 * day)),
        ("0m", .ago(0)),
        ("366d", .ago(366 * day)),
        ("2026-12-02T12:00:00.123Z", .at(1_796_212_800_123)),
        ("2026-12-02T12:00:00Z", .at(1_796_212_800_000)),
        ("2026-12-02T12:00Z", .at(1_796_212_800_000)),
        ("2026-12-02", .at(1_796_169_600_000)),
    ])
    func parsesSince(_ text: String, _ expected: OperatorTime.Since) throws {
        #expect(try OperatorTime.parseSince(text) == expected)
    }

    @Test(arguments: [
        "", "h", "1", "yesterday", "-1h", "1.5h", "1 h", "1H", "１h", "367d", "9999999d", "99999999999999999999h",
        "2026-13-01", "2026-02-30", "2026-12-02T25:00Z", "2026-12-02T12:00:00+01:00", "2026-12-02 12:00:00Z",
    ])
    func rejectsSince(_ text: String) {
        #expect(throws: OperatorInputError.self) { try OperatorTime.parseSince(text) }
    }

    @Test func sinceResolvesAgainstTheGivenNow() {
        #expect(OperatorTime.Since.ago(1_000).resolve(now: 5_000) == 4_000)
        #expect(OperatorTime.Since.at(42).resolve(now: 5_000) == 42)
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_796_212_800_123, "2026-12-02T12:00:00.123Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
    ])
    func formatsMillisecondTimes(_ milliseconds: Int64, _ text: String) {
        #expect(OperatorTime.iso8601(milliseconds: milliseconds) == text)
        #expect(OperatorTime.parseISO8601(text) == milliseconds)
    }

    @Test(arguments: [("1", Int64(1)), ("42", 42), ("9223372036854775807", Int64.max)])
    func parsesJobIDs(_ text: String, _ id: Int64) throws {
        #expect(try OperatorInput.jobID(text) == id)
    }

    @Test(arguments: ["0", "-1", "+1", "1.0", "x", "", "9223372036854775808", " 1", "0x10"])
    func rejectsJobIDs(_ text: String) {
        #expect(throws: OperatorInputError.self) { try OperatorInput.jobID(text) }
    }

    @Test func parsesLimitsWithinTheNamedMaximum() throws {
        #expect(try OperatorInput.listLimit("1") == 1)
        #expect(try OperatorInput.listLimit(String(OperatorLimits.maxListLimit)) == OperatorLimits.maxListLimit)
        for bad in ["0", "10001", "-5", "many", "1e3", ""] {
            #expect(throws: OperatorInputError.self) { try OperatorInput.listLimit(bad) }
        }
    }

    @Test func parsesStatusesAndSuggestsTheClosest() throws {
        for status in StoredJobStatus.allCases { #expect(try OperatorInput.jobStatus(status.rawValue) == status) }
        #expect(
            throws: OperatorInputError(
                "no job status 'faild'; did you mean 'failed'? (one of queued, running, succeeded, failed, cancelled)")
        ) { try OperatorInput.jobStatus("faild") }
    }
}
