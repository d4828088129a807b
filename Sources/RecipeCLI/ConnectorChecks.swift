import Foundation
import RecipeConnectors
import RecipeData
import RecipeModel

/// The connector side of `recipes validate`: when the project has `connectors/`, every
/// definition is checked, `connections.example.json` (if present) is read for its structure,
/// and every action step must name a defined connector action.
enum ConnectorChecks {
    static func diagnostics(for project: Project, root: URL, rootDisplay: String) -> [Diagnostic] {
        let directory = root.appendingPathComponent("connectors")
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        let (definitions, definitionProblems) = ConnectorDefinitionLoader.loadDirectory(directory.path)
        var problems = definitionProblems.map { relocate($0, root: root, rootDisplay: rootDisplay) }
        var connectorOf: [String: String] = [:]
        let example = root.appendingPathComponent("connections.example.json")
        if FileManager.default.fileExists(atPath: example.path) {
            let (connections, connectionProblems) = Connections.load(path: example.path)
            problems += connectionProblems.map { relocate($0, root: root, rootDisplay: rootDisplay) }
            for (name, connection) in connections?.connections ?? [:] { connectorOf[name] = connection.connector }
        }
        return problems + ActionCatalogCheck.check(project, definitions: definitions, connectorOf: connectorOf)
    }

    /// Shows absolute paths of project files relative to the project, like recipe paths.
    private static func relocate(_ diagnostic: Diagnostic, root: URL, rootDisplay: String) -> Diagnostic {
        var diagnostic = diagnostic
        let prefix = root.path + "/"
        if var location = diagnostic.location, location.file.hasPrefix(prefix) {
            let relative = String(location.file.dropFirst(prefix.count))
            location.file = rootDisplay == "." ? relative : rootDisplay + "/" + relative
            diagnostic.location = location
        }
        return diagnostic
    }
}
