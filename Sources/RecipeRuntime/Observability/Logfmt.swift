// logfmt, the `key=value key="quoted value"` line format of Heroku and go-logfmt
// (https://brandur.org/logfmt, https://pkg.go.dev/github.com/go-logfmt/logfmt).
//
// Values come from outside (recipe names, vendor error messages, webhook URLs), so every value
// is written so that one event is one line and a value can never forge another key or line:
// - bare only when every character is printable ASCII other than space, `=`, `"` and `\`;
// - otherwise quoted, with `"`, `\`, line feed, carriage return and tab escaped as `\"`, `\\`,
//   `\n`, `\r`, `\t`; other C0 controls, DEL and C1 controls as `\u00XX`; the line and
//   paragraph separators and the bidirectional controls ("Trojan Source") as `\uXXXX`. Other
//   non-ASCII text is kept, inside quotes (so a no-break space never looks like a separator);
// - the empty string as `""`;
// - cut at `maxValueLength` characters as written (escapes count), marked
//   `… (N more characters)`, like `DisplayText.line`. DisplayText itself is not reused: its
//   `\u{1B}` escapes are not logfmt's `\u001B`, and it leaves `"` and `\` alone.
// Keys keep `[a-zA-Z0-9_.-]`; any other character becomes `_`, and a key is at most
// `maxKeyLength` characters.

/// Writing keys, values and timestamps of logfmt lines.
public enum Logfmt {
    /// The longest value as written, in characters, before `… (N more characters)`.
    public static let maxValueLength = 1_000
    /// The longest key, in characters.
    public static let maxKeyLength = 64

    /// `key` with every character outside `[a-zA-Z0-9_.-]` replaced by `_`; `_` when empty.
    public static func key(_ key: String) -> String {
        guard !key.isEmpty else { return "_" }
        var result = ""
        for scalar in key.unicodeScalars.prefix(maxKeyLength) {
            result.unicodeScalars.append(isKeyScalar(scalar) ? scalar : "_")
        }
        return result
    }

    /// `value` bare or quoted and escaped, cut beyond `limit` characters (see the file comment).
    public static func value(_ value: String, limit: Int = maxValueLength) -> String {
        if !value.isEmpty, value.utf8.count <= limit, value.utf8.allSatisfy(isBareByte) { return value }
        var content = ""
        var written = 0
        var scalars = value.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            let piece = escaped(scalar)
            let size = piece?.unicodeScalars.count ?? 1
            if written + size > limit {
                var rest = 1
                while scalars.next() != nil { rest += 1 }
                content += "… (\(rest) more characters)"
                break
            }
            if let piece { content += piece } else { content.unicodeScalars.append(scalar) }
            written += size
        }
        return "\"" + content + "\""
    }

    /// `ms` (since 1970, UTC) as `2026-12-02T12:00:00.123Z`.
    public static func timestamp(milliseconds ms: Int64) -> String {
        let (days, msOfDay) = floorDivide(ms, 86_400_000)
        let (year, month, day) = civil(days: days)
        let hour = msOfDay / 3_600_000
        let minute = msOfDay / 60_000 % 60
        let second = msOfDay / 1_000 % 60
        let milli = msOfDay % 1_000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(milli, 3))Z"
    }

    /// Printable ASCII other than space, `"`, `=` and `\`.
    static func isBareByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "=") && byte != UInt8(ascii: "\\")
    }

    static func isKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", ".", "-": true
        default: false
        }
    }

    /// The escape of `scalar` inside quotes, or `nil` when it is written as is.
    static func escaped(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x22: return "\\\""
        case 0x5C: return "\\\\"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x00...0x1F, 0x7F...0x9F,  // C0, DEL, C1 (CSI 0x9B starts terminal escape sequences)
            0x2028, 0x2029,  // line and paragraph separators
            0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:  // bidirectional controls
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: return nil
        }
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let quotient = a / b
        let remainder = a % b
        return remainder < 0 ? (quotient - 1, remainder + b) : (quotient, remainder)
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
    static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
