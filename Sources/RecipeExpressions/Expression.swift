import RecipeData

/// A compiled expression: the text between `{{` and `}}` (or a whole condition string),
/// parsed once and evaluated many times.
///
/// Parsing resolves function names and checks argument counts, so typos are load-time errors
/// with "did you mean" suggestions. Evaluation never mutates the expression, which is
/// `Sendable` and can be shared across concurrently running jobs.
public struct Expression: Sendable {
    /// The expression text, without the braces and surrounding spaces (for messages).
    public let sourceText: String
    /// Where the expression text starts.
    public let location: SourceLocation
    let root: Node

    init(root: Node, sourceText: String, location: SourceLocation) {
        self.root = root
        self.sourceText = sourceText
        self.location = location
    }

    /// Parses a complete expression (no braces), for fields that are always expressions.
    ///
    /// - Parameter mapper: maps UTF-8 offsets in `source` to file locations; by default
    ///   offsets become columns of line 1 of `<expression>`.
    public static func parse(
        _ source: String,
        mapper: SourceMapper? = nil,
        functions: FunctionRegistry = .standard,
        limits: ExpressionLimits = .default
    ) throws(ExpressionError) -> Expression {
        let mapper = mapper ?? SourceMapping.plain(source, at: SourceMapping.noFile)
        var parser = try Parser(
            bytes: Array(source.utf8), start: 0, mapper: mapper, functions: functions, limits: limits)
        let parsed = try parser.expression()
        if parser.current.kind != .end {
            throw parser.error("unexpected '\(parser.text(parser.current.start, parser.current.end))'", at: parser.current)
        }
        return try parser.finish(parsed)
    }

    /// Parses the expression of a `{{ ... }}` block whose `{{` starts at byte `open` of `bytes`.
    /// Returns the expression and the offset just past the closing `}}`.
    static func parseBlock(
        _ bytes: [UInt8], open: Int, mapper: @escaping SourceMapper,
        functions: FunctionRegistry, limits: ExpressionLimits
    ) throws(ExpressionError) -> (Expression, end: Int) {
        var parser = try Parser(bytes: bytes, start: open + 2, mapper: mapper, functions: functions, limits: limits)
        if parser.current.kind == .end { throw ExpressionError("unterminated '{{'; expected '}}'", at: mapper(open)) }
        let parsed = try parser.expression()
        let closing = parser.current
        guard closing.kind == .rightBrace, parser.lexer.byte(at: closing.end) == UInt8(ascii: "}") else {
            if closing.kind == .end {
                throw ExpressionError("unterminated '{{'; expected '}}'", at: mapper(open))
            }
            throw parser.error("expected '}}' to close the expression\(parser.found(closing))", at: closing)
        }
        return (try parser.finish(parsed), closing.end + 1)
    }
}

extension Parser {
    /// Wraps the parsed tree, enforcing the source-length limit on the trimmed text.
    func finish(_ parsed: Parsed) throws(ExpressionError) -> Expression {
        let sourceText = text(expressionStart, previousEnd)
        if sourceText.utf8.count > limits.maxSourceLength { throw sourceLengthError() }
        return Expression(root: parsed.node, sourceText: sourceText, location: location(expressionStart))
    }
}

extension Expression {
    /// Evaluates against `scope`; names the scope does not know evaluate to `null`.
    ///
    /// Each call has its own step budget (`environment.limits.evaluationBudget`).
    public func evaluate(
        in scope: some EvaluationScope, environment: EvaluationEnvironment = .default
    ) throws(EvaluationError) -> JSONValue {
        switch root {
        case .literal(let value):
            return value
        case .path(let path) where environment.limits.evaluationBudget > 0:
            // The commonest template, `{{ trigger.data.employeeId }}`, needs no evaluator.
            var value = scope.value(forName: path.root) ?? .null
            for component in path.components { value = Evaluator<EmptyScope>.step(value, component) }
            return value
        default:
            return try evaluateWithEvaluator(in: scope, environment: environment)
        }
    }

    /// Kept out of `evaluate` so the fast paths above do not pay for the generic metadata of
    /// `Evaluator<Scope>`: callers in other modules run the unspecialized generic code, and
    /// instantiating that metadata on every call was 13% of a path template's time.
    @inline(never)
    private func evaluateWithEvaluator(
        in scope: some EvaluationScope, environment: EvaluationEnvironment
    ) throws(EvaluationError) -> JSONValue {
        var evaluator = Evaluator(scope: scope, environment: environment)
        do {
            return try evaluator.evaluate(root)
        } catch {
            var located = error
            if located.location == nil { located.location = location }
            throw located
        }
    }

    /// True when the expression folded to a constant at parse time.
    public var isConstant: Bool { root.literalValue != nil }

    /// The constant value, when `isConstant`.
    public var constantValue: JSONValue? { root.literalValue }
}
