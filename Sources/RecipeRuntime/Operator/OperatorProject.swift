// A project as the operator commands and the admin API see it: loaded without refusing on
// problems elsewhere, with the diagnostics of every check (`recipes validate`'s), so a start
// is refused on the errors located in the recipes it names.
import Foundation
import RecipeData
import RecipeModel

/// A loaded project, its diagnostics and how its paths are shown.
public struct OperatorProject: Sendable {
    public var project: Project
    /// The project's and the connector checks' diagnostics, with display paths.
    public var diagnostics: [Diagnostic]
    /// How the project root is shown in paths (`.`, or the `--project` argument).
    public var rootDisplay: String

    public init(project: Project, diagnostics: [Diagnostic], rootDisplay: String) {
        self.project = project
        self.diagnostics = diagnostics
        self.rootDisplay = rootDisplay
    }

    /// A project-relative path as diagnostics show it (`recipes/a/b.json`, or `p/recipes/...`).
    public func displayPath(_ relative: String) -> String {
        if rootDisplay == "." || rootDisplay.isEmpty { return relative }
        return rootDisplay.hasSuffix("/") ? rootDisplay + relative : rootDisplay + "/" + relative
    }
}
