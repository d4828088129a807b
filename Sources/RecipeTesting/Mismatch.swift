import RecipeData

/// One expectation of a test case that the job did not meet.
public struct Mismatch: Sendable {
    /// How the expected value is compared.
    public enum Comparison: String, Sendable {
        /// Equal (objects: a subset; arrays: the same length, item by item).
        case equals
        /// The actual text contains the expected text.
        case contains
    }

    /// What was compared, as a path into `expect`: `status`, `result.userId`,
    /// `actions[2].input.user_id`, `mails[0].subject`.
    public var subject: String
    public var comparison: Comparison
    /// `nil`: nothing was expected here (an extra action or e-mail).
    public var expected: JSONValue?
    /// `nil`: the job had nothing here (a missing member, action or e-mail).
    public var actual: JSONValue?
    /// Where the expectation is written in the test file.
    public var location: SourceLocation

    public init(_ subject: String, _ comparison: Comparison = .equals, expected: JSONValue?, actual: JSONValue?, at location: SourceLocation) {
        self.subject = subject
        self.comparison = comparison
        self.expected = expected
        self.actual = actual
        self.location = location
    }
}
