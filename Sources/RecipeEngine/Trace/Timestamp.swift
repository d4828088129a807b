import Foundation

/// ISO 8601 UTC timestamps with milliseconds (`2026-11-23T18:46:34.120Z`) for job records,
/// written without a formatter object so recording a step stays cheap.
public enum Timestamp {
    /// Milliseconds since 1970 UTC, rounded down: how the store keeps times.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The instant `milliseconds` after 1970 UTC.
    public static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    public static func iso8601(_ date: Date) -> String {
        iso8601(milliseconds: milliseconds(date))
    }

    /// A time in whole milliseconds since 1970 UTC (as the store keeps times), exactly: no
    /// floating point on the way, so 5 ms never prints as 4.
    public static func iso8601(milliseconds millisecondsSinceEpoch: Int64) -> String {
        // Floor division, so instants before 1970 keep milliseconds in 0...999.
        var (wholeSeconds, milliseconds) = millisecondsSinceEpoch.quotientAndRemainder(dividingBy: 1000)
        if milliseconds < 0 {
            wholeSeconds -= 1
            milliseconds += 1000
        }
        var seconds = time_t(wholeSeconds)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        // `YYYY-MM-DDTHH:MM:SS.mmmZ`, written digit by digit into 24 bytes.
        var bytes = [UInt8](repeating: UInt8(ascii: "0"), count: 24)
        func put(_ value: Int, at end: Int, width: Int) {
            var value = value
            for position in stride(from: end, to: end - width, by: -1) {
                bytes[position] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(Int(parts.tm_year) + 1900, at: 3, width: 4)
        put(Int(parts.tm_mon) + 1, at: 6, width: 2)
        put(Int(parts.tm_mday), at: 9, width: 2)
        put(Int(parts.tm_hour), at: 12, width: 2)
        put(Int(parts.tm_min), at: 15, width: 2)
        put(Int(parts.tm_sec), at: 18, width: 2)
        put(Int(milliseconds), at: 22, width: 3)
        for (position, separator) in [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, "."), (23, "Z")] as [(Int, Unicode.Scalar)] {
            bytes[position] = UInt8(ascii: separator)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
