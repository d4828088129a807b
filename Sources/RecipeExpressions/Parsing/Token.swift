import RecipeData

/// The kinds of tokens of the expression language. The raw value indexes the Pratt rule table.
enum TokenKind: Int, CaseIterable, Sendable {
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, colon, dot, question, questionQuestion
    case pipePipe, ampAmp, equalEqual, bangEqual
    case less, lessEqual, greater, greaterEqual
    case plus, minus, star, slash, percent, bang
    case identifier, number, string
    case keywordTrue, keywordFalse, keywordNull, keywordAnd, keywordOr, keywordNot, keywordIn
    case end

    /// Keyword spellings; keywords may still be used as member names (`a.in`) and object keys.
    static let keywords: [String: TokenKind] = [
        "true": .keywordTrue, "false": .keywordFalse, "null": .keywordNull,
        "and": .keywordAnd, "or": .keywordOr, "not": .keywordNot, "in": .keywordIn,
    ]

    var isWord: Bool {
        switch self {
        case .identifier, .keywordTrue, .keywordFalse, .keywordNull, .keywordAnd, .keywordOr, .keywordNot,
            .keywordIn:
            true
        default: false
        }
    }
}

/// One token: its kind, its UTF-8 byte range in the source and its decoded payload.
struct Token: Sendable {
    var kind: TokenKind
    /// Byte offsets into the decoded JSON string (what the `SourceMapper` takes).
    var start: Int
    var end: Int
    /// Identifier or keyword spelling, or the decoded contents of a string literal.
    var text: String = ""
    /// The value of a number literal.
    var number: JSONValue = .null
}
