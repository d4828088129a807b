import RecipeEngine

/// The connector runtime's redactor also scrubs job traces and errors.
extension Redactor: TraceRedactor {}
