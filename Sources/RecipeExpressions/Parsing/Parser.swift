// Pratt parser core: token stream, error helpers, limits and node construction.
// Every constructed node goes through `make`, which enforces `maxNestingDepth` on the tree depth
// (so `1+1+1+...` is bounded too, not just parentheses) and folds constant subtrees.
import RecipeData

/// A parsed subtree with what the parser needs to know about it.
struct Parsed {
    var node: Node
    /// Height of the subtree (a leaf is 1).
    var depth: Int
    /// Byte offset of its first token.
    var start: Int
}

struct Parser {
    var lexer: Lexer
    var current: Token
    /// End offset of the last consumed token.
    var previousEnd: Int
    let functions: FunctionRegistry
    let limits: ExpressionLimits
    /// Offset where the expression text starts (first token).
    let expressionStart: Int
    private var recursion = 0

    init(
        bytes: [UInt8], start: Int, mapper: @escaping SourceMapper,
        functions: FunctionRegistry, limits: ExpressionLimits
    ) throws(ExpressionError) {
        lexer = Lexer(bytes: bytes, start: start, mapper: mapper)
        current = try lexer.next()
        previousEnd = current.start
        expressionStart = current.start
        self.functions = functions
        self.limits = limits
    }

    // MARK: Tokens

    mutating func advance() throws(ExpressionError) {
        previousEnd = current.end
        current = try lexer.next()
        if current.end - expressionStart > limits.maxSourceLength, current.kind != .rightBrace, current.kind != .end {
            throw sourceLengthError()
        }
    }

    func sourceLengthError() -> ExpressionError {
        ExpressionError(
            "expression is longer than the limit of \(limits.maxSourceLength) bytes", at: location(expressionStart))
    }

    func location(_ offset: Int) -> SourceLocation { lexer.mapper(offset) }

    func error(_ message: String, at token: Token) -> ExpressionError {
        ExpressionError(message, at: location(token.start))
    }

    /// Consumes a token of `kind` or fails with "expected X".
    @discardableResult
    mutating func consume(_ kind: TokenKind, _ what: String) throws(ExpressionError) -> Token {
        guard current.kind == kind else { throw error("expected \(what)\(found(current))", at: current) }
        let token = current
        try advance()
        return token
    }

    /// ", found 'x'" / ", found end of expression".
    func found(_ token: Token) -> String {
        switch token.kind {
        case .end: return " but the expression ended"
        default: return " but found '\(text(token.start, token.end))'"
        }
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: lexer.bytes[start..<max(start, end)], as: UTF8.self)
    }

    // MARK: Expressions

    /// Parses operators binding at least as tightly as `precedence`.
    mutating func expression(_ precedence: Precedence = .conditional) throws(ExpressionError) -> Parsed {
        recursion += 1
        defer { recursion -= 1 }
        if recursion > limits.maxNestingDepth { throw depthError(at: current.start) }
        let token = current
        guard let prefix = Self.rule(token.kind).prefix else {
            if token.kind == .rightBrace || token.kind == .end || token.kind == .rightParen
                || token.kind == .rightBracket
            {
                throw error("expected an expression\(found(token))", at: token)
            }
            throw error("unexpected '\(text(token.start, token.end))'", at: token)
        }
        try advance()
        var left = try prefix(&self, token)
        while precedence <= Self.rule(current.kind).precedence, let infix = Self.rule(current.kind).infix {
            let op = current
            try advance()
            left = try infix(&self, left, op)
        }
        return left
    }

    func depthError(at offset: Int) -> ExpressionError {
        ExpressionError(
            "expression nests deeper than the limit of \(limits.maxNestingDepth) levels", at: location(offset))
    }

    /// Builds a node over `children`, enforcing the depth limit and folding constants.
    func make(_ node: Node, start: Int, children: [Parsed]) throws(ExpressionError) -> Parsed {
        let depth = 1 + (children.map(\.depth).max() ?? 0)
        if depth > limits.maxNestingDepth { throw depthError(at: start) }
        return Parsed(node: Self.fold(node), depth: depth, start: start)
    }

    /// Evaluates a node whose operands are all literals once, now. Nodes that would fail are
    /// kept so the error is raised (with its location) when the recipe runs.
    static func fold(_ node: Node) -> Node {
        guard node.isFoldable else { return node }
        var evaluator = Evaluator(scope: EmptyScope(), environment: .default)
        guard let value = try? evaluator.evaluate(node) else { return node }
        return .literal(value)
    }
}

extension Node {
    /// True when every operand is a literal and evaluating needs no scope or environment.
    var isFoldable: Bool {
        switch self {
        case .literal, .path: return false
        case .access(let base, _): return base.literalValue != nil
        case .index(let a, let b), .and(let a, let b), .or(let a, let b), .coalesce(let a, let b),
            .binary(_, let a, let b, _):
            return a.literalValue != nil && b.literalValue != nil
        case .strict(let a, _, _), .unary(_, let a, _): return a.literalValue != nil
        case .conditional(let a, let b, let c):
            return a.literalValue != nil && b.literalValue != nil && c.literalValue != nil
        case .array(let items): return items.allSatisfy { $0.literalValue != nil }
        case .object(let entries): return entries.allSatisfy { $0.value.literalValue != nil }
        case .call(let call): return call.function.isPure && call.arguments.allSatisfy { $0.literalValue != nil }
        }
    }
}
