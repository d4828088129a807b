// Number scanning follows the RFC 8259 grammar exactly:
//   number = [ "-" ] int [ frac ] [ exp ];  int = "0" / ( digit1-9 *DIGIT )
//
// Integers without fraction or exponent that fit in `Int` stay exact `.int` (19-digit ids);
// "-0" is such an integer and becomes `.int(0)`. Everything else goes through
// `Double(String)` (correctly rounded); a result of ±infinity is "number out of range",
// while underflow to zero is accepted.

extension JSONScanner {
    /// Scans the number starting at `pos` (a '-' or a digit).
    mutating func scanNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = pos
        let count = bytes.count
        let negative = bytes[pos] == 0x2D
        if negative { pos += 1 }
        guard pos < count, Self.isDigit(bytes[pos]) else {
            throw expectationError("expected a digit after '-'")
        }
        // Accumulate negatively so Int.min is representable.
        var accumulator = 0
        var fitsInInt = true
        if bytes[pos] == 0x30 {
            pos += 1
            if pos < count && Self.isDigit(bytes[pos]) {
                throw error("leading zeros are not allowed in numbers", at: pos - 1)
            }
        } else {
            while pos < count, Self.isDigit(bytes[pos]) {
                if fitsInInt {
                    let (shifted, o1) = accumulator.multipliedReportingOverflow(by: 10)
                    let (next, o2) = shifted.subtractingReportingOverflow(Int(bytes[pos] &- 0x30))
                    if o1 || o2 { fitsInInt = false } else { accumulator = next }
                }
                pos += 1
            }
        }
        var isInteger = true
        if pos < count && bytes[pos] == 0x2E {  // '.'
            isInteger = false
            pos += 1
            try scanDigits("expected a digit after the decimal point")
        }
        if pos < count && bytes[pos] | 0x20 == 0x65 {  // 'e' or 'E'
            isInteger = false
            pos += 1
            if pos < count && (bytes[pos] == 0x2B || bytes[pos] == 0x2D) { pos += 1 }
            try scanDigits("expected a digit in the exponent")
        }
        if isInteger && fitsInInt {
            if negative { return .int(accumulator) }
            if accumulator != Int.min { return .int(-accumulator) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw error("number out of range", at: start)
        }
        return .double(value)
    }

    /// One or more digits, or an error with `message`.
    private mutating func scanDigits(_ message: String) throws(JSONSyntaxError) {
        guard pos < bytes.count, Self.isDigit(bytes[pos]) else { throw expectationError(message) }
        while pos < bytes.count, Self.isDigit(bytes[pos]) { pos += 1 }
    }
}
