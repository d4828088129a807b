// Lexer: turns UTF-8 bytes into tokens on demand (one token of lookahead in the parser).
// It works on the whole decoded JSON string so token offsets are directly mapper offsets;
// `end` marks where lexing stops (end of text), and `}}` is recognised by the parser, not here,
// because `{a: {b: 1}}` legitimately ends with two braces inside an expression.
import RecipeData

struct Lexer {
    let bytes: [UInt8]
    var position: Int
    let mapper: SourceMapper

    init(bytes: [UInt8], start: Int, mapper: @escaping SourceMapper) {
        self.bytes = bytes
        self.position = start
        self.mapper = mapper
    }

    func error(_ message: String, at offset: Int) -> ExpressionError {
        ExpressionError(message, at: mapper(offset))
    }

    func byte(at offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    mutating func next() throws(ExpressionError) -> Token {
        while let b = byte(at: position), b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { position += 1 }
        let start = position
        guard let b = byte(at: position) else { return Token(kind: .end, start: start, end: start) }
        position += 1
        func make(_ kind: TokenKind) -> Token { Token(kind: kind, start: start, end: position) }
        func two(_ second: UInt8, _ double: TokenKind, else single: TokenKind) -> Token {
            if byte(at: position) == second {
                position += 1
                return make(double)
            }
            return make(single)
        }
        switch b {
        case UInt8(ascii: "("): return make(.leftParen)
        case UInt8(ascii: ")"): return make(.rightParen)
        case UInt8(ascii: "["): return make(.leftBracket)
        case UInt8(ascii: "]"): return make(.rightBracket)
        case UInt8(ascii: "{"): return make(.leftBrace)
        case UInt8(ascii: "}"): return make(.rightBrace)
        case UInt8(ascii: ","): return make(.comma)
        case UInt8(ascii: ":"): return make(.colon)
        case UInt8(ascii: "."): return make(.dot)
        case UInt8(ascii: "+"): return make(.plus)
        case UInt8(ascii: "-"): return make(.minus)
        case UInt8(ascii: "*"): return make(.star)
        case UInt8(ascii: "/"): return make(.slash)
        case UInt8(ascii: "%"): return make(.percent)
        case UInt8(ascii: "?"): return two(UInt8(ascii: "?"), .questionQuestion, else: .question)
        case UInt8(ascii: "!"): return two(UInt8(ascii: "="), .bangEqual, else: .bang)
        case UInt8(ascii: "<"): return two(UInt8(ascii: "="), .lessEqual, else: .less)
        case UInt8(ascii: ">"): return two(UInt8(ascii: "="), .greaterEqual, else: .greater)
        case UInt8(ascii: "="):
            guard byte(at: position) == UInt8(ascii: "=") else {
                throw error("unexpected '='; use '==' to compare", at: start)
            }
            position += 1
            return make(.equalEqual)
        case UInt8(ascii: "|"):
            guard byte(at: position) == UInt8(ascii: "|") else { throw error("unexpected '|'; use '||' or 'or'", at: start) }
            position += 1
            return make(.pipePipe)
        case UInt8(ascii: "&"):
            guard byte(at: position) == UInt8(ascii: "&") else { throw error("unexpected '&'; use '&&' or 'and'", at: start) }
            position += 1
            return make(.ampAmp)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return try string(quote: b, start: start)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number(start: start)
        default:
            if Self.isIdentifierStart(b) {
                while let c = byte(at: position), Self.isIdentifierStart(c) || Self.isDigit(c) { position += 1 }
                let text = String(decoding: bytes[start..<position], as: UTF8.self)
                return Token(kind: TokenKind.keywords[text] ?? .identifier, start: start, end: position, text: text)
            }
            var end = position
            while let c = byte(at: end), c & 0xC0 == 0x80 { end += 1 }
            let character = String(decoding: bytes[start..<end], as: UTF8.self)
            throw error("unexpected character '\(character)'", at: start)
        }
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_") || b == UInt8(ascii: "$")
    }

    /// `123` → int when it fits in `Int`, otherwise double; `1.5`, `1e3`, `2.5E-3` → double.
    private mutating func number(start: Int) throws(ExpressionError) -> Token {
        var isInteger = true
        while let c = byte(at: position), Self.isDigit(c) { position += 1 }
        if byte(at: position) == UInt8(ascii: "."), let c = byte(at: position + 1), Self.isDigit(c) {
            isInteger = false
            position += 1
            while let c = byte(at: position), Self.isDigit(c) { position += 1 }
        }
        if let e = byte(at: position), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var look = position + 1
            if let s = byte(at: look), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { look += 1 }
            guard let d = byte(at: look), Self.isDigit(d) else { throw error("malformed number exponent", at: position) }
            isInteger = false
            position = look
            while let c = byte(at: position), Self.isDigit(c) { position += 1 }
        }
        if let c = byte(at: position), Self.isIdentifierStart(c) {
            throw error("unexpected letter after number", at: position)
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        var token = Token(kind: .number, start: start, end: position)
        if isInteger, let int = Int(text) {
            token.number = .int(int)
        } else if let double = Double(text), double.isFinite {
            token.number = .double(double)
        } else {
            throw error("number '\(text)' is out of range", at: start)
        }
        return token
    }

    /// `'...'` or `"..."` with escapes `\n \t \r \\ \' \" \u{XXXX}`.
    private mutating func string(quote: UInt8, start: Int) throws(ExpressionError) -> Token {
        var decoded: [UInt8] = []
        while true {
            guard let c = byte(at: position) else { throw error("unterminated string", at: start) }
            position += 1
            if c == quote { break }
            guard c == UInt8(ascii: "\\") else {
                decoded.append(c)
                continue
            }
            let escapeStart = position - 1
            guard let e = byte(at: position) else { throw error("unterminated string", at: start) }
            position += 1
            switch e {
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): decoded.append(e)
            case UInt8(ascii: "u"):
                guard byte(at: position) == UInt8(ascii: "{") else {
                    throw error("expected '{' after '\\u' (write \\u{XXXX})", at: escapeStart)
                }
                position += 1
                var value: UInt32 = 0
                var digits = 0
                while let h = byte(at: position), let v = Self.hexValue(h) {
                    value = value &* 16 &+ UInt32(v)
                    digits += 1
                    position += 1
                }
                guard byte(at: position) == UInt8(ascii: "}"), (1...6).contains(digits),
                    let scalar = Unicode.Scalar(value)
                else { throw error("invalid Unicode escape; write \\u{XXXX} with 1 to 6 hex digits", at: escapeStart) }
                position += 1
                decoded.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw error("unknown escape '\\\(Character(Unicode.Scalar(e)))'", at: escapeStart)
            }
        }
        return Token(kind: .string, start: start, end: position, text: String(decoding: decoded, as: UTF8.self))
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }
}
