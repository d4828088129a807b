// ASCII-only text helpers for protocol text (header values, signature prefixes, numbers in
// headers), where Foundation's Unicode-aware `trimmingCharacters(in:)` and `lowercased()` cost
// an NSString round trip per call on Linux: on the webhook path they were the largest single
// CPU cost after the HMAC (IntakeBenchmark's profile). RFC 9110 §5.6.3 defines the whitespace
// around field values as SP and HTAB only.

extension StringProtocol where SubSequence == Substring {
    /// The text without leading and trailing SP and HTAB (RFC 9110 "OWS"), and also CR and LF
    /// when `newlines` is true.
    public func trimmingASCIIWhitespace(newlines: Bool = false) -> Substring {
        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || (newlines && (byte == 0x0A || byte == 0x0D))
        }
        let whole = self[...]
        let bytes = whole.utf8
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return whole[whole.endIndex...]
        }
        // Both indices sit on ASCII bytes, so they are character boundaries.
        return whole[first...last]
    }

    /// Whether the text starts with `prefix`, ASCII letters compared without case.
    public func hasASCIICaseInsensitivePrefix(_ prefix: some StringProtocol) -> Bool {
        var text = utf8.makeIterator()
        for expected in prefix.utf8 {
            guard let byte = text.next(), Self.asciiLowercased(byte) == Self.asciiLowercased(expected) else { return false }
        }
        return true
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
}
