import RecipeRuntime
import Testing

@Suite struct LogfmtTests {
    @Test(arguments: [
        ("hibob", "hibob"),
        ("12", "12"),
        ("a-b_c.d/e:f@g", "a-b_c.d/e:f@g"),
        ("", #""""#),
        ("two words", #""two words""#),
        ("say \"hi\"", #""say \"hi\"""#),
        ("a=b", #""a=b""#),
        ("key=value level=error", #""key=value level=error""#),
        ("C:\\dir", #""C:\\dir""#),
        ("line1\nline2", #""line1\nline2""#),
        ("tab\there\r", #""tab\there\r""#),
        ("\u{1B}[31mred", #""\u001B[31mred""#),
        ("\u{0}", #""\u0000""#),
        ("\u{7F}\u{9B}", #""\u007F\u009B""#),
        ("\u{202E}evil\u{2028}", #""\u202Eevil\u2028""#),
        ("José", "\"José\""),
        ("😀", "\"😀\""),
        ("no\u{A0}break", "\"no\u{A0}break\""),
    ])
    func valuesAreBareOnlyWhenSafeAndEscapedOtherwise(value: String, expected: String) {
        #expect(Logfmt.value(value) == expected)
    }

    @Test(arguments: [
        ("delivery", "delivery"), ("job.id", "job.id"), ("a-b_C9", "a-b_C9"), ("job id", "job_id"), ("a=b", "a_b"),
        ("", "_"), ("ünï", "_n_"), ("\"x\"", "_x_"),
    ])
    func keysKeepOnlySafeCharacters(key: String, expected: String) {
        #expect(Logfmt.key(key) == expected)
    }

    @Test func keysAreBounded() {
        #expect(Logfmt.key(String(repeating: "k", count: 100)) == String(repeating: "k", count: Logfmt.maxKeyLength))
    }

    @Test func aValueAtTheLimitIsKept() {
        let value = String(repeating: "x", count: Logfmt.maxValueLength)
        #expect(Logfmt.value(value) == value)
    }

    @Test func aValueOverTheLimitIsCutAndMarked() {
        let value = String(repeating: "x", count: Logfmt.maxValueLength + 1)
        #expect(Logfmt.value(value) == "\"" + String(repeating: "x", count: Logfmt.maxValueLength) + "… (1 more characters)\"")
    }

    @Test func escapesCountTowardsTheLimit() {
        #expect(Logfmt.value(String(repeating: "\n", count: 6), limit: 6) == #""\n\n\n… (3 more characters)""#)
        #expect(Logfmt.value("a b", limit: 3) == #""a b""#)
        #expect(Logfmt.value("a bc", limit: 3) == #""a b… (1 more characters)""#)
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (1_796_212_800_123, "2026-12-02T12:00:00.123Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
    func timestampsAreUTCWithMilliseconds(ms: Int64, expected: String) {
        #expect(Logfmt.timestamp(milliseconds: ms) == expected)
    }
}
