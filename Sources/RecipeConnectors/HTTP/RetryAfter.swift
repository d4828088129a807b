// Reading a vendor's `Retry-After` without trusting it.
//
// RFC 9110 §10.2.3: `Retry-After = HTTP-date / delay-seconds`, `delay-seconds = 1*DIGIT`.
// §5.6.7: recipients must accept all three HTTP-date formats (IMF-fixdate, obsolete RFC 850 and
// asctime). A vendor may send anything, e.g. `9223372036854775807` or a date in the year 9999:
// the value is read as at most `ConnectorError.retryAfterCeiling`, and what the engine then waits
// is clamped again by the client (`RetrySettings.maxRetryAfter`) and by the step's own policy.
import Foundation
import RecipeData
import RecipeEngine

/// The `Retry-After` header as a wait.
public enum RetryAfter {
    /// The wait the header asks for, relative to `now`: nil when absent or not valid per
    /// RFC 9110, zero for a date in the past, at most `ConnectorError.retryAfterCeiling`.
    public static func parse(_ value: String?, now: Date) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return delaySeconds(value)
        }
        guard let date = httpDate(value) else { return nil }
        return Duration(clampingSeconds: date.timeIntervalSince(now), maximum: ConnectorError.retryAfterCeiling)
    }

    /// `1*DIGIT`, saturating: more digits than an Int holds is "longer than the ceiling".
    private static func delaySeconds(_ digits: String) -> Duration {
        let ceiling = ConnectorError.retryAfterCeiling
        guard let seconds = Int64(digits) else { return ceiling }
        return seconds >= Int64(ceiling.seconds) ? ceiling : .seconds(seconds)
    }

    /// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`)
    /// or asctime (`Sun Nov  6 08:49:37 1994`), read by `HTTPDate` (ASCII only, no formatter).
    private static func httpDate(_ value: String) -> Date? {
        HTTPDate.secondsSince1970(value).map { Date(timeIntervalSince1970: Double($0)) }
    }
}
