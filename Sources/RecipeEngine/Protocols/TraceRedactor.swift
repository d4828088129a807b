import RecipeData

/// Scrubs secrets from what a job records: step inputs and outputs, error messages and
/// details. The connector runtime's redactor knows every value read from a secret reference
/// and every token issued, so even a vendor that echoes a credential back cannot put it in a
/// trace, the job history or an error e-mail.
public protocol TraceRedactor: Sendable {
    func redact(_ text: String) -> String
    func redact(_ value: JSONValue) -> JSONValue
}

extension JobError {
    /// This error with its message and details passed through `redactor`.
    func redacted(by redactor: (any TraceRedactor)?) -> JobError {
        guard let redactor else { return self }
        var copy = self
        copy.message = redactor.redact(message)
        copy.details = details.map(redactor.redact)
        return copy
    }
}
