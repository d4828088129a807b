import RecipeData

/// The outcome of one test case file.
public struct TestCaseResult: Sendable {
    public enum Outcome: String, Sendable {
        case passed, failed
        /// The file could not be read as a test case: its diagnostics say why.
        case broken
    }

    public var file: String
    /// The recipe the case ran (`folder/name`); `nil` for a broken file.
    public var recipe: String?
    public var description: String?
    public var outcome: Outcome
    public var mismatches: [Mismatch] = []
    public var diagnostics: [Diagnostic] = []
    /// What the job did; `nil` for a broken file.
    public var observation: TestObservation?

    public init(
        file: String, recipe: String? = nil, description: String? = nil, outcome: Outcome, mismatches: [Mismatch] = [],
        diagnostics: [Diagnostic] = [], observation: TestObservation? = nil
    ) {
        self.file = file
        self.recipe = recipe
        self.description = description
        self.outcome = outcome
        self.mismatches = mismatches
        self.diagnostics = diagnostics
        self.observation = observation
    }
}
