import RecipeData

/// One connector action a test case's job tree called: its attempts of one step together.
public struct ActionCall: Sendable {
    /// `connection.action`.
    public var action: String
    /// The input of the last attempt (the same for every attempt of a step).
    public var input: JSONValue
    public var attempts: Int
}
