import RecipeData

/// The outcome of a `recipes test` run.
public struct TestReport: Sendable {
    public var cases: [TestCaseResult]

    public init(cases: [TestCaseResult]) { self.cases = cases }

    public var passed: Int { cases.count { $0.outcome == .passed } }
    /// Failed expectations and broken files together.
    public var failed: Int { cases.count - passed }
    public var succeeded: Bool { failed == 0 }
}
