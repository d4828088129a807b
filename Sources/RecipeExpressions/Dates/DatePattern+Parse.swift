// Reading a date with an explicit pattern, e.g. date('23/11/2026 14:05', 'dd/MM/yyyy HH:mm').
// The whole text must match. Missing fields default to 1970, January, day 1, 00:00:00.000;
// without an offset field (X or Z) the wall-clock time is read in the given time zone.
// Month and day names are English and case-insensitive; day names are checked but ignored.
import Foundation

extension DatePattern {
    func parse(_ text: String, zone: TimeZone) -> Instant? {
        var s = DateText.Scanner(text)
        var t = LocalDateTime(year: 1970, month: 1, day: 1)
        var hour12: Int?
        var pm: Bool?
        var offset: Int?
        for piece in pieces {
            switch piece {
            case .literal(let literal):
                guard s.take(literal) else { return nil }
            case .field(let c, let n):
                switch c {
                case "y":
                    if n == 2 {
                        guard let y = s.digits(exactly: 2) else { return nil }
                        t.year = 2000 + y
                    } else {
                        guard let y = s.digits(min: n == 4 ? 4 : 1, max: 4) else { return nil }
                        t.year = y
                    }
                case "M":
                    if n >= 3 {
                        guard let m = Self.name(&s, Self.monthNames, full: n == 4) else { return nil }
                        t.month = m + 1
                    } else {
                        guard let m = s.digits(min: n, max: 2) else { return nil }
                        t.month = m
                    }
                case "d":
                    guard let d = s.digits(min: n, max: 2) else { return nil }
                    t.day = d
                case "H":
                    guard let h = s.digits(min: n, max: 2) else { return nil }
                    t.hour = h
                case "h":
                    guard let h = s.digits(min: n, max: 2), (1...12).contains(h) else { return nil }
                    hour12 = h
                case "m":
                    guard let m = s.digits(min: n, max: 2) else { return nil }
                    t.minute = m
                case "s":
                    guard let sec = s.digits(min: n, max: 2) else { return nil }
                    t.second = sec
                case "S":
                    guard let ms = s.fractionMilliseconds() else { return nil }
                    t.millisecond = ms
                case "a":
                    if s.takeIgnoringCase("AM") {
                        pm = false
                    } else if s.takeIgnoringCase("PM") {
                        pm = true
                    } else {
                        return nil
                    }
                case "E":
                    guard Self.name(&s, Self.dayNames, full: n == 4) != nil else { return nil }
                default:
                    guard let o = s.offset() else { return nil }
                    offset = o
                }
            }
        }
        guard s.atEnd else { return nil }
        if let hour12 { t.hour = hour12 % 12 + ((pm ?? false) ? 12 : 0) }
        guard t.isValid else { return nil }
        if let offset { return t.instant(offset: offset) }
        return t.instant(in: zone)
    }

    /// Index of the English name (full, or its first three letters) at the cursor.
    private static func name(_ s: inout DateText.Scanner, _ names: [String], full: Bool) -> Int? {
        for (i, name) in names.enumerated() where s.takeIgnoringCase(full ? name : String(name.prefix(3))) {
            return i
        }
        return nil
    }
}
