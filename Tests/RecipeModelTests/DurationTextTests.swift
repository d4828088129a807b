import RecipeData
import RecipeModel
import Testing

/// Durations written in recipes and connector files (`"2s"`, `"1d"`): every amount either
/// fits or is refused; none traps (`"106751991167301d"` once overflowed `amount × 86400`).
struct DurationTextTests {
    static let cases: [(String, Duration?)] = [
        ("250ms", .milliseconds(250)), ("2s", .seconds(2)), ("5m", .seconds(300)), ("1h", .seconds(3600)),
        ("1d", .seconds(86400)), ("0s", .zero),
        ("106751991167300d", .seconds(106_751_991_167_300 * 86400)),
        ("106751991167301d", nil), ("153722867280912931m", nil), ("2562047788015216h", nil),
        ("9223372036854775807s", .seconds(Int64.max)), ("9223372036854775808s", nil),
        ("9223372036854775807ms", .milliseconds(Int64.max)),
        ("-1s", nil), ("1", nil), ("s", nil), ("1.5s", nil), ("1w", nil), ("", nil),
    ]

    @Test(arguments: cases)
    func recipeTextIsParsedWithoutOverflow(_ text: String, _ expected: Duration?) {
        #expect(Duration(recipeText: text) == expected)
    }

    static let clampCases: [(Double, Duration)] = [
        (-1, .zero), (.nan, .zero), (0, .zero), (1.5, .milliseconds(1500)), (59.999999999, .nanoseconds(59_999_999_999)),
        (60, .seconds(60)), (1e16, .seconds(60)), (.infinity, .seconds(60)), (-.infinity, .zero),
    ]

    @Test(arguments: clampCases)
    func clampingSecondsNeverTraps(_ seconds: Double, _ expected: Duration) {
        #expect(Duration(clampingSeconds: seconds, maximum: .seconds(60)) == expected)
    }

    @Test func millisecondsSaturate() {
        #expect(Duration.seconds(Int64.max).milliseconds == Int64.max)
        #expect(Duration.seconds(Int64.min).milliseconds == Int64.min)
        #expect(Duration.milliseconds(1500).milliseconds == 1500)
    }
}
