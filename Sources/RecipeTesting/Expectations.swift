import RecipeData

/// What a test case expects of its job. Every expectation is optional except `status`; an
/// absent one is not checked. Each keeps its location in the file for failure messages.
public struct Expectations: Sendable {
    public var status: Located<String>
    /// Subset match of the job's result (a function recipe's `return`).
    public var result: Located<JSONValue>?
    /// Text the job's `stop` message must contain.
    public var message: Located<String>?
    public var error: ExpectedError?
    /// Every connector action the job tree called, in order (retries of a step are one call).
    public var actions: Located<[ExpectedAction]>?
    /// Every e-mail sent, in order.
    public var mails: Located<[ExpectedMail]>?
    /// Steps by name (`step`, or `recipe#step` for a step of a called recipe).
    public var steps: [ExpectedStep]
}

/// `expect.error`: the job's error.
public struct ExpectedError: Sendable {
    public var type: Located<String>?
    /// Text the error message must contain.
    public var message: Located<String>?
    /// The step that failed (its id).
    public var step: Located<String>?
    public var location: SourceLocation
}

/// One entry of `expect.actions`.
public struct ExpectedAction: Sendable {
    /// `connection.action`, e.g. `docebo.update_user`.
    public var action: String
    /// Subset match of the input the connector received.
    public var input: JSONValue?
    /// How many attempts the call took (1 plus its retries).
    public var attempts: Int?
    public var location: SourceLocation
}

/// One entry of `expect.mails`.
public struct ExpectedMail: Sendable {
    /// The recipient, exactly.
    public var to: String?
    /// Text the subject must contain.
    public var subject: String?
    /// Text the body must contain.
    public var body: String?
    public var location: SourceLocation
}

/// One entry of `expect.steps`.
public struct ExpectedStep: Sendable {
    /// `step` (a step of the case's recipe) or `recipe#step` (of a called recipe).
    public var name: String
    public var status: String?
    /// Subset match of the step's output.
    public var output: JSONValue?
    public var location: SourceLocation
}
