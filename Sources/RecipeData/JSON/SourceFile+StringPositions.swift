// Mapping positions inside a decoded JSON string back to the file.
//
// Expressions live inside JSON strings ("{{ trigger.dta }}"), and the expression parser
// reports offsets in the *decoded* string's UTF-8. Escapes make decoded and raw text differ
// (`\n` is 1 decoded byte for 2 raw bytes, `\u00e9` 2 for 6, a surrogate pair escape 4 for
// 12), so this walks the literal's raw bytes, decoding escape lengths, to find the exact
// file position. JSON strings cannot contain a raw line feed, so the line never changes.

extension SourceFile {
    /// The file location of the character at `decodedUTF8Offset` (counted in UTF-8 bytes of
    /// the decoded string content) inside the string literal whose opening quote is at
    /// `literal`. An offset inside a multi-byte character or an escape maps to its start;
    /// an offset at or past the end of the content maps to the closing quote.
    public func location(inStringLiteralAt literal: SourceLocation, decodedUTF8Offset: Int) -> SourceLocation {
        let cursor = scan(from: StringCursor(literal), to: decodedUTF8Offset)
        return SourceLocation(file: literal.file, line: literal.line, column: cursor.column, offset: cursor.raw)
    }

    /// The same mapping as `location(inStringLiteralAt:decodedUTF8Offset:)` for many offsets of
    /// one literal: it resumes from the previous answer when offsets grow, as they do while an
    /// expression is parsed, so mapping every token of a long expression stays linear.
    public func locations(inStringLiteralAt literal: SourceLocation) -> (_ decodedUTF8Offset: Int) -> SourceLocation {
        let start = StringCursor(literal)
        var last = start
        return { offset in
            last = self.scan(from: offset >= last.decoded ? last : start, to: offset)
            return SourceLocation(file: literal.file, line: literal.line, column: last.column, offset: last.raw)
        }
    }

    /// A position inside a string literal: raw file offset, column and decoded UTF-8 offset.
    private struct StringCursor {
        var raw: Int
        var column: Int
        var decoded = 0

        init(_ literal: SourceLocation) {
            raw = literal.offset + 1
            column = literal.column + 1
        }
    }

    /// Walks from `cursor` to the character holding decoded offset `target` (or the closing quote).
    private func scan(from cursor: StringCursor, to target: Int) -> StringCursor {
        var cursor = cursor
        let count = bytes.count
        while cursor.raw < count && cursor.decoded < target {
            let b = bytes[cursor.raw]
            if b == UInt8(ascii: "\"") { break }
            let raw: Int
            let decodedLength: Int
            let scalars: Int
            if b == UInt8(ascii: "\\") {
                (raw, decodedLength) = escapeLengths(at: cursor.raw)
                scalars = raw  // escapes are ASCII: one column per raw byte
            } else {
                raw = min(Self.utf8Length(lead: b), count - cursor.raw)
                decodedLength = raw
                scalars = 1
            }
            if cursor.decoded + decodedLength > target { break }
            cursor.decoded += decodedLength
            cursor.raw += raw
            cursor.column += scalars
        }
        return cursor
    }

    /// The text of a 1-based line without its line break (`\n` or `\r\n`), or `nil` past the
    /// last line. A file ending in a line break has an empty last line after it.
    public func line(_ number: Int) -> String? {
        guard number >= 1 else { return nil }
        var start = 0
        var current = 1
        while current < number {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else { return nil }
            start = newline + 1
            current += 1
        }
        var end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Raw and decoded lengths of the escape whose backslash is at `i`.
    private func escapeLengths(at i: Int) -> (raw: Int, decoded: Int) {
        guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "u") else { return (min(2, bytes.count - i), 1) }
        guard let unit = hexUnit(at: i + 2) else { return (2, 1) }
        if (0xD800...0xDBFF).contains(unit), i + 11 < bytes.count, bytes[i + 6] == UInt8(ascii: "\\"),
            bytes[i + 7] == UInt8(ascii: "u"), let low = hexUnit(at: i + 8), (0xDC00...0xDFFF).contains(low)
        {
            return (12, 4)
        }
        let decoded = unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3
        return (6, decoded)
    }

    /// The value of four hex digits at `i`, if they are there.
    private func hexUnit(at i: Int) -> UInt32? {
        guard i + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for b in bytes[i..<i + 4] {
            guard let digit = UInt8(ascii: "0")...UInt8(ascii: "9") ~= b ? b - 48
                : UInt8(ascii: "a")...UInt8(ascii: "f") ~= b | 0x20 ? (b | 0x20) - 87 : nil
            else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Bytes in the UTF-8 sequence a lead byte starts (1 for stray continuation bytes).
    private static func utf8Length(lead: UInt8) -> Int {
        switch lead {
        case 0xC0...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF7: 4
        default: 1
        }
    }
}
