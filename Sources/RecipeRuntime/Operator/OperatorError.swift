// Why an operator command or admin API request was refused. The CLI prints `message` after
// `recipes: `; the admin API answers it as an HTTP error (Admin/AdminErrors.swift).
import RecipeData
import RecipeStore

/// A refused operator request: not found, refused, invalid recipes, or a store failure.
public enum OperatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No such job, recipe or folder; the message names it.
    case notFound(String)
    /// The request cannot be done now (a job still running, a folder without recipes).
    case refused(String)
    /// A start refused because recipes in `target` have errors, located in their files.
    case invalidRecipes(target: String, errors: [Diagnostic])
    /// The store failed.
    case store(StoreError)

    /// One sentence, as the CLI prints it after `recipes: `.
    public var message: String {
        switch self {
        case .notFound(let message), .refused(let message): message
        case .invalidRecipes(let target, let errors):
            "not started: \(errors.count) error\(errors.count == 1 ? "" : "s") in '\(DisplayText.line(target, limit: 200))'; "
                + "nothing was started"
        case .store(let error): error.description
        }
    }

    public var description: String { message }
}
