// UTF-8 validation and character descriptions for JSON error messages.
//
// Validation follows the Unicode well-formed byte sequence table (Unicode §3.9, table 3-7),
// which rejects overlong forms, UTF-8-encoded surrogates (U+D800...U+DFFF), code points
// above U+10FFFF and truncated sequences, and reports the offending lead byte's position.

extension JSONScanner {
    /// The length of the well-formed UTF-8 sequence starting at `i`, or `nil` if it is not one.
    func utf8SequenceLength(at i: Int) -> Int? {
        let count = bytes.count
        let b0 = bytes[i]
        if b0 < 0x80 { return 1 }
        func continuation(_ j: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            j < count && range.contains(bytes[j])
        }
        switch b0 {
        case 0xC2...0xDF:
            return continuation(i + 1) ? 2 : nil
        case 0xE0:
            return continuation(i + 1, 0xA0...0xBF) && continuation(i + 2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(i + 1) && continuation(i + 2) ? 3 : nil
        case 0xED:
            return continuation(i + 1, 0x80...0x9F) && continuation(i + 2) ? 3 : nil
        case 0xF0:
            return continuation(i + 1, 0x90...0xBF) && continuation(i + 2) && continuation(i + 3) ? 4 : nil
        case 0xF1...0xF3:
            return continuation(i + 1) && continuation(i + 2) && continuation(i + 3) ? 4 : nil
        case 0xF4:
            return continuation(i + 1, 0x80...0x8F) && continuation(i + 2) && continuation(i + 3) ? 4 : nil
        default:
            return nil
        }
    }

    /// A message if the bytes at `i` are a byte order mark or not valid UTF-8.
    func encodingProblem(at i: Int) -> String? {
        if i == 0 && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            return "byte order mark is not allowed"
        }
        if bytes[i] >= 0x80 && utf8SequenceLength(at: i) == nil { return "invalid UTF-8" }
        return nil
    }

    /// The character at `i` for a message: `'x'` for printable characters, `U+000A` for
    /// control characters.
    func describeCharacter(at i: Int) -> String {
        let b = bytes[i]
        if b < 0x20 || b == 0x7F { return Self.codePoint(UInt32(b)) }
        if b < 0x80 { return "'\(Character(Unicode.Scalar(b)))'" }
        guard let length = utf8SequenceLength(at: i) else { return "invalid UTF-8" }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<i + length]), as: UTF8.self)
        return "'\(text)'"
    }

    /// `U+XXXX` with at least four upper-case hex digits.
    static func codePoint(_ value: UInt32) -> String {
        "U+" + hex4(value)
    }

    /// At least four upper-case hex digits.
    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    static func isWordCharacter(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || isDigit(b) || b == 0x5F
    }
}
