import RecipeRuntime
import Testing

@Suite struct PrometheusTextTests {
    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (1, "1"), (3, "3"), (-1, "-1"), (1_000_000, "1000000"), (1e15, "1000000000000000"),
        (0.005, "0.005"), (2.5, "2.5"), (0.1, "0.1"), (1e-7, "1e-07"), (1e300, "1e+300"),
        (.infinity, "+Inf"), (-.infinity, "-Inf"), (.nan, "NaN"),
    ] as [(Double, String)])
    func numbersAreWrittenAsGoParseFloatReadsThem(value: Double, expected: String) {
        #expect(PrometheusText.number(value) == expected)
    }

    @Test(arguments: [
        ("hibob", "hibob"), ("", ""), ("two words", "two words"), ("say \"hi\"", "say \\\"hi\\\""),
        ("C:\\dir", "C:\\\\dir"), ("a\nb", "a\\nb"), ("tab\there", "tab\there"), ("José ✓", "José ✓"),
        ("\\\"\n", "\\\\\\\"\\n"),
    ])
    func labelValuesEscapeBackslashQuoteAndLineFeed(value: String, expected: String) {
        #expect(PrometheusText.labelValue(value) == expected)
    }

    @Test(arguments: [("Jobs finished.", "Jobs finished."), ("a\\b\nc \"q\"", "a\\\\b\\nc \"q\"")])
    func helpEscapesBackslashAndLineFeedOnly(text: String, expected: String) {
        #expect(PrometheusText.help(text) == expected)
    }

    @Test(arguments: [
        ("recipes_jobs_total", true), ("a:b_c", true), ("_x", true), (":x", true), ("", false), ("1abc", false),
        ("a-b", false), ("a b", false), ("jöbs", false),
    ])
    func metricNames(name: String, valid: Bool) {
        #expect(PrometheusText.isMetricName(name) == valid)
    }

    @Test(arguments: [
        ("connection", true), ("_x", true), ("a1", true), ("__name", false), ("le", false), ("a:b", false), ("", false),
        ("1a", false),
    ])
    func labelNames(name: String, valid: Bool) {
        #expect(PrometheusText.isLabelName(name) == valid)
    }
}
