// The Pratt parser's single rule table, Wren style: for every token kind, what it means at the
// start of an expression (prefix), what it means after an operand (infix/postfix) and how
// tightly that infix binds. Precedence, lowest first:
//   c ? a : b   ??   || or   && and   == !=   < <= > >= in "not in"   + -   * / %   ! not -(unary)
//   then postfix: call (), member ., index [], strict !
import RecipeData

/// Binding power of infix operators, lowest first.
enum Precedence: Int, Comparable, Sendable {
    case none, conditional, coalesce, or, and, equality, comparison, term, factor, unary, postfix, primary

    static func < (lhs: Precedence, rhs: Precedence) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The next higher level, used for the right operand of left-associative operators.
    var next: Precedence { Precedence(rawValue: rawValue + 1) ?? .primary }
}

struct ParseRule: Sendable {
    typealias Prefix = @Sendable (inout Parser, Token) throws(ExpressionError) -> Parsed
    typealias Infix = @Sendable (inout Parser, Parsed, Token) throws(ExpressionError) -> Parsed

    var prefix: Prefix?
    var infix: Infix?
    var precedence: Precedence

    init(_ prefix: Prefix?, _ infix: Infix?, _ precedence: Precedence) {
        self.prefix = prefix
        self.infix = infix
        self.precedence = precedence
    }
}

extension Parser {
    static func rule(_ kind: TokenKind) -> ParseRule { rules[kind.rawValue] }

    /// Indexed by `TokenKind.rawValue`.
    static let rules: [ParseRule] = TokenKind.allCases.map { kind in
        let binary: ParseRule.Infix = { p, left, op throws(ExpressionError) in try p.binary(left, op) }
        switch kind {
        case .leftParen: return ParseRule({ p, t throws(ExpressionError) in try p.grouping(t) }, { p, l, t throws(ExpressionError) in try p.call(l, t) }, .postfix)
        case .leftBracket: return ParseRule({ p, t throws(ExpressionError) in try p.arrayLiteral(t) }, { p, l, t throws(ExpressionError) in try p.subscriptAccess(l, t) }, .postfix)
        case .leftBrace: return ParseRule({ p, t throws(ExpressionError) in try p.objectLiteral(t) }, nil, .none)
        case .dot: return ParseRule(nil, { p, l, t throws(ExpressionError) in try p.member(l, t) }, .postfix)
        case .bang: return ParseRule({ p, t throws(ExpressionError) in try p.unary(t) }, { p, l, t throws(ExpressionError) in try p.strict(l, t) }, .postfix)
        case .keywordNot: return ParseRule({ p, t throws(ExpressionError) in try p.unary(t) }, { p, l, t throws(ExpressionError) in try p.notIn(l, t) }, .comparison)
        case .minus: return ParseRule({ p, t throws(ExpressionError) in try p.unary(t) }, binary, .term)
        case .plus: return ParseRule(nil, binary, .term)
        case .star, .slash, .percent: return ParseRule(nil, binary, .factor)
        case .less, .lessEqual, .greater, .greaterEqual, .keywordIn: return ParseRule(nil, binary, .comparison)
        case .equalEqual, .bangEqual: return ParseRule(nil, binary, .equality)
        case .ampAmp, .keywordAnd: return ParseRule(nil, binary, .and)
        case .pipePipe, .keywordOr: return ParseRule(nil, binary, .or)
        case .questionQuestion: return ParseRule(nil, binary, .coalesce)
        case .question: return ParseRule(nil, { p, l, t throws(ExpressionError) in try p.conditional(l, t) }, .conditional)
        case .identifier: return ParseRule({ p, t throws(ExpressionError) in p.name(t) }, nil, .none)
        case .number, .string, .keywordTrue, .keywordFalse, .keywordNull:
            return ParseRule({ p, t throws(ExpressionError) in p.literal(t) }, nil, .none)
        case .rightParen, .rightBracket, .rightBrace, .comma, .colon, .end:
            return ParseRule(nil, nil, .none)
        }
    }
}
