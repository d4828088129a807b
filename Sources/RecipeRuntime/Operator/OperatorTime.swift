// Times as the operator commands read and write them: millisecond UTC ISO 8601 out,
// ISO 8601 or a relative age (`30m`, `1h`, `2d`) in.
import Foundation
import RecipeEngine

/// Time parsing and formatting for operator output and options.
public enum OperatorTime {
    /// `2026-12-02T12:00:00.123Z` for a time in ms since 1970 UTC.
    public static func iso8601(milliseconds: Int64) -> String {
        Timestamp.iso8601(milliseconds: milliseconds)
    }

    /// The JSON of an optional time: its ISO 8601 text, or `null`.
    public static func json(_ milliseconds: Int64?) -> String? {
        milliseconds.map { iso8601(milliseconds: $0) }
    }

    /// A `--since` value, checked when the command line is parsed and resolved against the
    /// clock when the command runs.
    public enum Since: Sendable, Equatable {
        /// This many ms before now.
        case ago(Int64)
        /// An instant, ms since 1970 UTC.
        case at(Int64)

        /// The instant in ms UTC, given the current time.
        public func resolve(now: Int64) -> Int64 {
            switch self {
            case .ago(let age): now - age
            case .at(let instant): instant
            }
        }
    }

    /// Milliseconds per unit of a relative age.
    static let units: [Character: Int64] = ["s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000]

    /// Parses `30s`, `30m`, `1h`, `2d`, `1w` (a whole number and one unit, at most
    /// `OperatorLimits.maxRelativeSince`), or an ISO 8601 UTC time: `2026-12-02T12:00:00.123Z`,
    /// `2026-12-02T12:00:00Z`, `2026-12-02T12:00Z` or a date `2026-12-02` (midnight UTC).
    public static func parseSince(_ text: String) throws(OperatorInputError) -> Since {
        if let unit = text.last, let factor = units[unit], text.count >= 2 {
            let digits = text.dropLast()
            guard digits.count <= 6, digits.allSatisfy(\.isASCII), let number = Int64(digits), number >= 0 else {
                throw OperatorInputError(sinceHelp(text))
            }
            let age = number * factor
            guard age <= OperatorLimits.maxRelativeSince else {
                throw OperatorInputError("'\(text)' reaches back more than the limit of 366d; give a date instead")
            }
            return .ago(age)
        }
        if let instant = parseISO8601(text) { return .at(instant) }
        throw OperatorInputError(sinceHelp(text))
    }

    private static func sinceHelp(_ text: String) -> String {
        "'\(text)' is not a time: use an age such as 30m, 1h, 2d or an ISO 8601 UTC time such as 2026-12-02T12:00:00Z"
    }

    /// ms UTC of an ISO 8601 UTC time in one of the forms `parseSince` accepts; `nil` otherwise.
    public static func parseISO8601(_ text: String) -> Int64? {
        let full: String
        switch text.utf8.count {
        case 24: full = text  // 2026-12-02T12:00:00.123Z
        case 20 where text.hasSuffix("Z"): full = text.dropLast() + ".000Z"  // 2026-12-02T12:00:00Z
        case 17 where text.hasSuffix("Z"): full = text.dropLast() + ":00.000Z"  // 2026-12-02T12:00Z
        case 10: full = text + "T00:00:00.000Z"  // 2026-12-02
        default: return nil
        }
        guard let date = Timestamp.date(iso8601: full) else { return nil }
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// Now, in ms since 1970 UTC.
    public static func nowMilliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
