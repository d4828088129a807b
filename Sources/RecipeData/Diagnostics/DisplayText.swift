// Text that came from outside (a recipe key, an expression, a file name, a vendor's error
// message) is echoed in diagnostics, traces and logs. Printed raw, a key holding `\u{1B}[31m`
// colours the terminal, one holding `\r\nfake.json:1:1: error: injected` forges a diagnostic,
// and one of 400,000 `\n` prints 400,000 lines. Every line the engine renders for people goes
// through `DisplayText.line`: control and bidirectional-formatting characters are escaped, and
// the line is cut at `maxLineLength` characters.

/// Rendering untrusted text as one safe line.
public enum DisplayText {
    /// The longest rendered line, in characters, before `… (N more characters)`.
    public static let maxLineLength = 1000

    /// `text` on one line: C0 and C1 controls, DEL, line and paragraph separators and Unicode
    /// bidirectional overrides (the "Trojan Source" characters) escaped as `\n`, `\t` or
    /// `\u{…}`; longer than `limit` characters, cut and marked.
    public static func line(_ text: String, limit: Int = maxLineLength) -> String {
        if text.utf8.count <= limit, text.unicodeScalars.allSatisfy({ !needsEscape($0) }) { return text }
        var result = ""
        var written = 0
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            let piece = needsEscape(scalar) ? escaped(scalar) : String(Character(scalar))
            if written + piece.count > limit {
                var rest = 1
                while scalars.next() != nil { rest += 1 }
                return result + "… (\(rest) more characters)"
            }
            result += piece
            written += piece.count
        }
        return result
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0, DEL, C1 (CSI 0x9B starts escape sequences)
        case 0x2028, 0x2029: return true  // line and paragraph separators
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true  // bidi controls
        default: return false
        }
    }

    static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }
}
