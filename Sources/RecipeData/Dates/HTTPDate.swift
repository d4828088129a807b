// HTTP-date, read by hand (RFC 9110 §5.6.7), for `Retry-After`:
//
//   HTTP-date    = IMF-fixdate / obs-date
//   IMF-fixdate  = day-name "," SP day SP month SP year SP time-of-day SP "GMT"
//                  ; Sun, 06 Nov 1994 08:49:37 GMT
//   rfc850-date  = day-name-l "," SP day "-" month "-" 2DIGIT SP time-of-day SP "GMT"
//                  ; Sunday, 06-Nov-94 08:49:37 GMT
//   asctime-date = day-name SP month SP ( 2DIGIT / ( SP DIGIT ) ) SP time-of-day SP year
//                  ; Sun Nov  6 08:49:37 1994
//
// Only ASCII in exactly these shapes is read (a vendor's header is untrusted bytes, and
// Foundation's DateFormatter trapped on malformed Unicode found by the fuzzer). Day names must be
// names but are not checked against the date. A two-digit rfc850 year is read as 19YY from 70 up
// and 20YY below (RFC 9110 asks for the most recent year with those digits that is not more than
// 50 years ahead; for a retry wait the difference does not matter). Second 60 (a leap second) is
// read as 59.

/// Parses HTTP-dates.
public enum HTTPDate {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let longDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Seconds since 1970-01-01T00:00:00Z of an HTTP-date in any of its three formats; nil for
    /// anything else.
    public static func secondsSince1970(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count <= 40, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        if let comma = text.firstIndex(of: ",") {
            let name = String(text[..<comma])
            let rest = text[text.index(after: comma)...]
            if days.contains(name) { return imfFixdate(rest) }
            if longDays.contains(name) { return rfc850(rest) }
            return nil
        }
        return asctime(text)
    }

    /// ` 06 Nov 1994 08:49:37 GMT`
    private static func imfFixdate(_ rest: Substring) -> Int64? {
        let parts = rest.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0].isEmpty, parts[5] == "GMT", let day = digits(parts[1], count: 2),
            let month = month(parts[2]), let year = digits(parts[3], count: 4)
        else { return nil }
        return instant(year: year, month: month, day: day, time: parts[4])
    }

    /// ` 06-Nov-94 08:49:37 GMT`
    private static func rfc850(_ rest: Substring) -> Int64? {
        let parts = rest.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].isEmpty, parts[3] == "GMT" else { return nil }
        let date = parts[1].split(separator: "-", omittingEmptySubsequences: false)
        guard date.count == 3, let day = digits(date[0], count: 2), let month = month(date[1]),
            let twoDigits = digits(date[2], count: 2)
        else { return nil }
        return instant(year: twoDigits >= 70 ? 1900 + twoDigits : 2000 + twoDigits, month: month, day: day, time: parts[2])
    }

    /// `Sun Nov  6 08:49:37 1994` (the day is two digits, or a space and one digit).
    private static func asctime(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[3] == 0x20, bytes[7] == 0x20, bytes[10] == 0x20, bytes[19] == 0x20 else { return nil }
        let string = { (range: Range<Int>) in Substring(String(decoding: bytes[range], as: UTF8.self)) }
        guard days.contains(String(string(0..<3))), let month = month(string(4..<7)),
            let year = digits(string(20..<24), count: 4)
        else { return nil }
        let dayText = string(8..<10)
        let day = dayText.first == " " ? digits(dayText.dropFirst(), count: 1) : digits(dayText, count: 2)
        guard let day else { return nil }
        return instant(year: year, month: month, day: day, time: string(11..<19))
    }

    /// `HH:MM:SS` on the date, checked: hours 0–23, minutes 0–59, seconds 0–60, a real day.
    private static func instant(year: Int, month: Int, day: Int, time: Substring) -> Int64? {
        let fields = time.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3, let hour = digits(fields[0], count: 2), let minute = digits(fields[1], count: 2),
            let second = digits(fields[2], count: 2), hour < 24, minute < 60, second <= 60,
            day >= 1, day <= CivilDate.daysInMonth(year: year, month: month)
        else { return nil }
        let dayNumber = CivilDate(year: year, month: month, day: day).dayNumber
        return Int64(dayNumber) * 86_400 + Int64(hour * 3_600 + minute * 60 + min(second, 59))
    }

    /// 1 to 12 for `Jan`…`Dec` (case-sensitive, as the grammar says).
    private static func month(_ text: Substring) -> Int? {
        months.firstIndex(of: String(text)).map { $0 + 1 }
    }

    /// Exactly `count` ASCII digits.
    private static func digits(_ text: Substring, count: Int) -> Int? {
        guard text.utf8.count == count, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }
}
