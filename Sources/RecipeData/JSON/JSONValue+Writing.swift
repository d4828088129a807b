// JSON output for `JSONValue`: compact for payloads, pretty for files people commit.
//
// Choices: object keys in `JSONObject` insertion order; only `"`, `\` and control
// characters are escaped (`/` and non-ASCII are written as is, since the output is UTF-8);
// integers are exact; doubles use Swift's shortest round-trip `description` (so `2.0`
// stays "2.0" and reads back as a double), and non-finite doubles, which JSON cannot
// express, are written as `null`. The writer recurses once per nesting level.

extension JSONValue {
    /// The value as JSON text. `pretty` writes one member or element per line with
    /// two-space indentation and `"key": value`; empty containers stay `{}` and `[]`.
    /// There is no trailing newline.
    public func jsonString(pretty: Bool = false) -> String {
        String(decoding: jsonBytes(pretty: pretty), as: UTF8.self)
    }

    /// The value as UTF-8 JSON bytes; see `jsonString(pretty:)`.
    public func jsonBytes(pretty: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        write(to: &output, pretty: pretty, indent: 0)
        return output
    }

    /// Appends this value's JSON text to `output`.
    public func write(to output: inout [UInt8], pretty: Bool = false) {
        write(to: &output, pretty: pretty, indent: 0)
    }

    private func write(to output: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let b):
            output.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i):
            output.append(contentsOf: String(i).utf8)
        case .double(let d):
            output.append(contentsOf: (d.isFinite ? d.description : "null").utf8)
        case .string(let text):
            Self.writeString(text, to: &output)
        case .array(let items):
            if items.isEmpty {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { Self.newline(&output, indent: indent + 1) }
                item.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { Self.newline(&output, indent: indent) }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            var first = true
            for (key, value) in object {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                if pretty { Self.newline(&output, indent: indent + 1) }
                Self.writeString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(UInt8(ascii: " ")) }
                value.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { Self.newline(&output, indent: indent) }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ output: inout [UInt8], indent: Int) {
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Writes a quoted, escaped JSON string.
    static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        // Runs of bytes that need no escape are copied whole (most strings are one run).
        text.withUTF8 { bytes in
            var run = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C { continue }
                if run < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index])) }
                writeEscape(byte, to: &output)
                run = index + 1
            }
            if run < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...])) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The escape of a quote, a backslash or a control character (RFC 8259 §7).
    private static func writeEscape(_ byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case 0x22: output.append(contentsOf: [0x5C, 0x22])  // \"
        case 0x5C: output.append(contentsOf: [0x5C, 0x5C])  // \\
        case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        default:
            output.append(contentsOf: "\\u00".utf8)
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
    }
}
