/// Why a JSON document could not be parsed, and where.
///
/// The location points at the problem itself (the stray comma, the bad escape, the first
/// invalid byte), not at the start of the document.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A specific, human-readable reason, e.g. "expected ',' or '}' after object member".
    public var message: String
    /// Where the problem is: line, column (in Unicode scalars) and byte offset.
    public var location: SourceLocation

    public init(message: String, location: SourceLocation) {
        self.message = message
        self.location = location
    }

    /// The error as a project diagnostic (severity error).
    public var diagnostic: Diagnostic { .error(message, at: location) }

    /// `file:line:col: error: message`, like a compiler.
    public var description: String { diagnostic.description }
}
