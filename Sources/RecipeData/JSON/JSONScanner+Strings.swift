// String scanning: a copy-free fast path for strings without escapes, and a slow path that
// decodes escapes into a reused scratch buffer. Raw bytes are validated as UTF-8 here, so
// the final `String(decoding:)` never has to repair anything.

extension JSONScanner {
    /// Scans the string whose opening quote is at `pos`; leaves `pos` after the closing quote.
    mutating func scanString() throws(JSONSyntaxError) -> String {
        let quote = pos
        pos += 1
        let start = pos
        let count = bytes.count
        while pos < count {
            let b = bytes[pos]
            if b == 0x22 {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
                pos += 1
                return text
            }
            if b == 0x5C { break }
            try scanRawCharacter(b)
        }
        if pos >= count { throw error("unterminated string", at: quote) }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<pos]))
        while pos < count {
            let b = bytes[pos]
            if b == 0x22 {
                pos += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if b == 0x5C {
                try scanEscape(stringStart: quote)
            } else {
                let from = pos
                try scanRawCharacter(b)
                if pos - from == 1 {
                    scratch.append(b)
                } else {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<pos]))
                }
            }
        }
        throw error("unterminated string", at: quote)
    }

    /// Steps over one unescaped character inside a string, rejecting control characters and
    /// malformed UTF-8.
    private mutating func scanRawCharacter(_ b: UInt8) throws(JSONSyntaxError) {
        if b < 0x20 {
            throw error("control character \(Self.codePoint(UInt32(b))) must be escaped in a string", at: pos)
        }
        if b < 0x80 {
            pos += 1
            return
        }
        guard let length = utf8SequenceLength(at: pos) else { throw error("invalid UTF-8", at: pos) }
        pos += length
    }

    /// Decodes the escape at `pos` (a backslash) into `scratch`.
    private mutating func scanEscape(stringStart: Int) throws(JSONSyntaxError) {
        let escape = pos
        pos += 1
        guard pos < bytes.count else { throw error("unterminated string", at: stringStart) }
        let e = bytes[pos]
        let simple: UInt8? =
            switch e {
            case 0x22, 0x5C, 0x2F: e  // \" \\ \/
            case 0x62: 0x08  // \b
            case 0x66: 0x0C  // \f
            case 0x6E: 0x0A  // \n
            case 0x72: 0x0D  // \r
            case 0x74: 0x09  // \t
            default: nil
            }
        if let simple {
            scratch.append(simple)
            pos += 1
            return
        }
        guard e == 0x75 else {  // \u
            if e >= 0x20 && e < 0x7F {
                throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))'", at: escape)
            }
            throw error("invalid escape: '\\' followed by \(describeCharacter(at: pos))", at: escape)
        }
        let unit = try hexUnit(escape: escape)
        var scalarValue = unit
        if (0xD800...0xDBFF).contains(unit) {
            let next = pos
            guard next + 1 < bytes.count, bytes[next] == 0x5C, bytes[next + 1] == 0x75 else {
                throw error("lone surrogate \\u\(Self.hex4(unit))", at: escape)
            }
            let low = try hexUnit(escape: next)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error("lone surrogate \\u\(Self.hex4(unit))", at: escape)
            }
            scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(unit) {
            throw error("lone surrogate \\u\(Self.hex4(unit))", at: escape)
        }
        appendUTF8(scalarValue)
    }

    /// Reads `\uXXXX` starting at the backslash `escape`; leaves `pos` after the digits.
    private mutating func hexUnit(escape: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        var i = escape + 2
        while i < escape + 6 {
            guard i < bytes.count, let digit = Self.hexDigit(bytes[i]) else {
                throw error("invalid \\u escape: expected 4 hex digits", at: escape)
            }
            value = value << 4 | digit
            i += 1
        }
        pos = i
        return value
    }

    private static func hexDigit(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: UInt32(b - 0x30)
        case 0x41...0x46: UInt32(b - 0x41 + 10)
        case 0x61...0x66: UInt32(b - 0x61 + 10)
        default: nil
        }
    }

    /// Appends a scalar value (never a surrogate) to `scratch` as UTF-8.
    private mutating func appendUTF8(_ v: UInt32) {
        switch v {
        case 0..<0x80:
            scratch.append(UInt8(v))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | v >> 6))
            scratch.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | v >> 12))
            scratch.append(UInt8(0x80 | v >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | v & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | v >> 18))
            scratch.append(UInt8(0x80 | v >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | v >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | v & 0x3F))
        }
    }
}
