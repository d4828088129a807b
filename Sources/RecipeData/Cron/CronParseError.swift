/// A cron expression that could not be parsed, with the place in the expression to point at.
public struct CronParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. "minute value 61 is out of range 0-59".
    public var message: String
    /// 1-based position inside the cron text, counted in Unicode scalars (as `SourceLocation`
    /// columns are), of the character the message is about.
    public var offset: Int

    public init(_ message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(offset): \(message)" }

    /// A diagnostic at the error's position, given where the cron text's first character is
    /// (the column after the opening quote of a JSON string without escapes before it).
    public func diagnostic(textStart: SourceLocation) -> Diagnostic {
        var location = textStart
        location.column += offset - 1
        location.offset += offset - 1
        return .error(message, at: location)
    }
}
