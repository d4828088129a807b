/// Every resource limit of the expression language, in one place.
///
/// Limits keep a hostile or buggy recipe from exhausting memory, stack or CPU. Parse-time limits
/// (`maxSourceLength`, `maxNestingDepth`) are reported as expression errors when a recipe is
/// loaded; run-time limits (`evaluationBudget`, `maxStringLength`, `maxCollectionCount`) make the
/// evaluation fail with an `EvaluationError`. A value exactly at a limit is allowed.
public struct ExpressionLimits: Sendable, Hashable {
    /// Longest expression source, in UTF-8 bytes, between `{{` and `}}` (default 4,096).
    public var maxSourceLength: Int
    /// Deepest syntax tree (parentheses, operators, literals, calls) accepted by the parser
    /// (default 64). Deep input is an error, never a stack overflow.
    public var maxNestingDepth: Int
    /// Syntax-tree node visits allowed for one evaluation of one expression (default 10,000).
    public var evaluationBudget: Int
    /// Longest string, in UTF-8 bytes, an operator, function or interpolation may produce
    /// (default 1 MiB).
    public var maxStringLength: Int
    /// Most elements (or members) an operator or function may produce in one array or object
    /// (default 100,000).
    public var maxCollectionCount: Int

    public init(
        maxSourceLength: Int = 4_096,
        maxNestingDepth: Int = 64,
        evaluationBudget: Int = 10_000,
        maxStringLength: Int = 1 << 20,
        maxCollectionCount: Int = 100_000
    ) {
        self.maxSourceLength = maxSourceLength
        self.maxNestingDepth = maxNestingDepth
        self.evaluationBudget = evaluationBudget
        self.maxStringLength = maxStringLength
        self.maxCollectionCount = maxCollectionCount
    }

    /// The defaults listed on each property.
    public static let `default` = ExpressionLimits()
}
