// Scalars (strings, numbers, literals), object keys and separators, with the specific
// messages for common mistakes: trailing commas, comments, single quotes, bare words.

extension JSONScanner {
    /// Scans a string, number or literal at `pos` (whitespace already skipped), or throws
    /// the most helpful error for whatever is there instead. Containers are the caller's job.
    mutating func scanScalar() throws(JSONSyntaxError) -> JSONValue {
        guard pos < bytes.count else { throw expectationError("expected a JSON value") }
        let b = bytes[pos]
        switch b {
        case 0x22:
            return .string(try scanString())
        case 0x2D, 0x30...0x39:
            return try scanNumber()
        default:
            if Self.isWordCharacter(b) { return try scanLiteral() }
            throw valueStartError()
        }
    }

    /// `true`, `false` or `null`, spelled exactly.
    private mutating func scanLiteral() throws(JSONSyntaxError) -> JSONValue {
        let start = pos
        var end = pos
        while end < bytes.count && end - start < 40 && Self.isWordCharacter(bytes[end]) { end += 1 }
        let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
        let value: JSONValue? =
            if word.elementsEqual("true".utf8) { .bool(true) }
            else if word.elementsEqual("false".utf8) { .bool(false) }
            else if word.elementsEqual("null".utf8) { .null }
            else { nil }
        guard let value else {
            let text = String(decoding: word, as: UTF8.self)
            throw error("invalid literal '\(text)'; expected true, false, null, a number or a string", at: start)
        }
        pos = end
        return value
    }

    /// The error for a byte that cannot start a value.
    private mutating func valueStartError() -> JSONSyntaxError {
        switch bytes[pos] {
        case 0x2F: error("comments are not allowed in JSON", at: pos)
        case 0x27: error("strings must use double quotes", at: pos)
        case 0x2B: error("numbers must not start with '+'", at: pos)
        case 0x2E: error("numbers must start with a digit", at: pos)
        default: expectationError("expected a JSON value")
        }
    }

    /// After `{` or a member's `,` (at `commaOffset`): skips whitespace and checks that an
    /// object key follows, leaving `pos` on its opening quote.
    mutating func expectKey(afterCommaAt commaOffset: Int?) throws(JSONSyntaxError) {
        skipWhitespace()
        if current == 0x22 { return }
        if let commaOffset, current == 0x7D { throw error("trailing commas are not allowed", at: commaOffset) }
        if current == 0x2F { throw error("comments are not allowed in JSON", at: pos) }
        if current == 0x27 { throw error("strings must use double quotes", at: pos) }
        throw expectationError(commaOffset == nil ? "expected a string key or '}'" : "expected a string key after ','")
    }

    /// Skips whitespace and consumes the `:` after an object key.
    mutating func expectColon() throws(JSONSyntaxError) {
        skipWhitespace()
        guard current == 0x3A else { throw expectationError("expected ':' after object key") }
        pos += 1
    }

    /// After an array element's `,` (at `commaOffset`): rejects `,]`.
    mutating func rejectTrailingComma(at commaOffset: Int) throws(JSONSyntaxError) {
        skipWhitespace()
        if current == 0x5D { throw error("trailing commas are not allowed", at: commaOffset) }
    }

    /// The error after an array element or object member when neither `,` nor the closing
    /// bracket follows.
    mutating func separatorError(inObject: Bool) -> JSONSyntaxError {
        if current == 0x2F { return error("comments are not allowed in JSON", at: pos) }
        return expectationError(
            inObject ? "expected ',' or '}' after object member" : "expected ',' or ']' after array element")
    }
}
