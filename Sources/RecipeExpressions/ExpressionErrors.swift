import RecipeData

/// A syntax error in an expression or template, found when a recipe is loaded: bad token,
/// unknown function, wrong number of arguments, unterminated `{{`, or a parse-time limit.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// The exact character the problem is at (via the source mapper given to the parser).
    public var location: SourceLocation

    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    /// The error as a compiler-style diagnostic.
    public var diagnostic: Diagnostic { .error(message, at: location) }
    public var description: String { diagnostic.description }
}

/// A failure while evaluating an expression: a type error (`"a" < 1`), division by zero, a
/// strict path (`x!`) that is missing, a function failing, or a run-time limit.
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Where in the recipe the failing operator, call or path is, when known.
    public var location: SourceLocation?

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    /// The error as a compiler-style diagnostic.
    public var diagnostic: Diagnostic { .error(message, at: location) }
    public var description: String { diagnostic.description }
}
