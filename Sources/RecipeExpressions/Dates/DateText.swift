// ISO-8601 reading and the canonical text all date functions return:
// `yyyy-MM-ddTHH:mm:ssZ`, or `yyyy-MM-ddTHH:mm:ss.SSSZ` when the milliseconds are not zero.
import Foundation

enum DateText {
    /// Reads `2026-11-23`, `2026-11-23T09:30`, `2026-11-23T09:30:15`, with an optional fraction
    /// of 1 to 9 digits (`.399997`; truncated to milliseconds), optional `Z`, `±hh:mm`, `±hhmm`
    /// or `±hh`. A space may replace the `T`. Without an offset the wall-clock time is in
    /// `zone`; a date alone is midnight in `zone`.
    static func parseISO(_ text: String, zone: TimeZone) -> Instant? {
        var s = Scanner(text)
        guard let year = s.digits(exactly: 4), s.take("-"), let month = s.digits(exactly: 2), s.take("-"),
            let day = s.digits(exactly: 2)
        else { return nil }
        var local = LocalDateTime(year: year, month: month, day: day)
        if s.take("T") || s.take("t") || s.take(" ") {
            guard let hour = s.digits(exactly: 2), s.take(":"), let minute = s.digits(exactly: 2) else { return nil }
            local.hour = hour
            local.minute = minute
            if s.take(":") {
                guard let second = s.digits(exactly: 2) else { return nil }
                local.second = second
                if s.take(".") || s.take(",") {
                    guard let fraction = s.fractionMilliseconds() else { return nil }
                    local.millisecond = fraction
                }
            }
        }
        guard local.isValid else { return nil }
        if s.atEnd { return local.instant(in: zone) }
        guard let offset = s.offset(), s.atEnd else { return nil }
        return local.instant(offset: offset)
    }

    /// The canonical UTC text.
    static func canonical(_ instant: Instant) -> String {
        let t = instant.local(offset: 0)
        var text = "\(pad(t.year, 4))-\(pad(t.month, 2))-\(pad(t.day, 2))T\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2))"
        if t.millisecond != 0 { text += ".\(pad(t.millisecond, 3))" }
        return text + "Z"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        return value < 0 ? "-" + padded : padded
    }

    /// A tiny cursor over the UTF-8 bytes of a date text.
    struct Scanner {
        let bytes: [UInt8]
        var position = 0

        init(_ text: String) { bytes = Array(text.utf8) }

        var atEnd: Bool { position == bytes.count }
        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func take(_ literal: String) -> Bool {
            let l = Array(literal.utf8)
            guard bytes.count - position >= l.count, Array(bytes[position..<position + l.count]) == l else { return false }
            position += l.count
            return true
        }

        /// Case-insensitive ASCII match.
        mutating func takeIgnoringCase(_ literal: String) -> Bool {
            let l = Array(literal.lowercased().utf8)
            guard bytes.count - position >= l.count else { return false }
            for (i, b) in l.enumerated() where Self.lower(bytes[position + i]) != b { return false }
            position += l.count
            return true
        }

        static func lower(_ b: UInt8) -> UInt8 { (0x41...0x5A).contains(b) ? b + 32 : b }

        mutating func digits(exactly count: Int) -> Int? { digits(min: count, max: count) }

        mutating func digits(min: Int, max: Int) -> Int? {
            var value = 0, n = 0
            while n < max, let b = peek, (0x30...0x39).contains(b) {
                value = value * 10 + Int(b - 0x30)
                n += 1
                position += 1
            }
            return n >= min ? value : nil
        }

        /// 1 to 9 fraction digits → milliseconds, truncated.
        mutating func fractionMilliseconds() -> Int? {
            var ms = 0, n = 0
            while let b = peek, (0x30...0x39).contains(b) {
                if n < 3 { ms = ms * 10 + Int(b - 0x30) }
                n += 1
                position += 1
            }
            guard (1...9).contains(n) else { return nil }
            if n < 3 { for _ in n..<3 { ms *= 10 } }
            return ms
        }

        /// `Z`, `±hh:mm`, `±hhmm` or `±hh` → seconds east of UTC.
        mutating func offset() -> Int? {
            if take("Z") || take("z") { return 0 }
            let sign: Int
            if take("+") { sign = 1 } else if take("-") { sign = -1 } else { return nil }
            guard let hours = digits(exactly: 2), hours <= 18 else { return nil }
            var minutes = 0
            if take(":") {
                guard let m = digits(exactly: 2) else { return nil }
                minutes = m
            } else if let m = digits(min: 2, max: 2) {
                minutes = m
            }
            guard minutes < 60 else { return nil }
            return sign * (hours * 3600 + minutes * 60)
        }
    }
}
