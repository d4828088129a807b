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
import RecipeEngine

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
        Timestamp.iso8601(milliseconds: ms)
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
}
