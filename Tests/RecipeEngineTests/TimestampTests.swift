import Foundation
import RecipeEngine
import Testing

struct TimestampTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (1_795_459_594.12, "2026-11-23T18:46:34.120Z"),
        (1_795_459_594.9999, "2026-11-23T18:46:34.999Z"),
        (-0.5, "1969-12-31T23:59:59.500Z"),
        (-86_400.5, "1969-12-30T23:59:59.500Z"),
        (253_402_300_799.0, "9999-12-31T23:59:59.000Z"),
        (951_782_400.0, "2000-02-29T00:00:00.000Z"),
    ])
    func formatsUTCWithMilliseconds(_ seconds: Double, _ expected: String) {
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: seconds)) == expected)
    }
}
