import RecipeData

/// Collects every problem found while reading a project, so one `recipes validate` run
/// reports them all instead of stopping at the first.
package final class DiagnosticSink {
    package private(set) var diagnostics: [Diagnostic] = []

    package init() {}

    package func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    package func add(contentsOf more: [Diagnostic]) { diagnostics += more }

    package func error(_ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) {
        diagnostics.append(.error(message, at: location, notes: notes))
    }

    package func warning(_ message: String, at location: SourceLocation?, notes: [Diagnostic] = []) {
        diagnostics.append(.warning(message, at: location, notes: notes))
    }

    package var errorCount: Int { diagnostics.count { $0.severity == .error } }
}
