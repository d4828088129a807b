// The connection names a project knows, as `recipes validate` knows them.
import Foundation
import RecipeConnectors
import RecipeData

/// The connections a recipe may name: the connections of `connections.example.json` and the
/// connectors defined under `connectors/` (a connection not listed uses the connector of the same
/// name). These are the names `recipes validate` accepts for an action step, so a re-binding to
/// one of them validates. `connections.json` holds secrets and is per deployment: it is not read.
public struct ProjectConnections: Sendable {
    /// Connection name → its connector's name.
    public var connectorOf: [String: String]

    public init(connectorOf: [String: String]) { self.connectorOf = connectorOf }

    /// Reads `connectors/*.json` and `connections.example.json` under `root`; missing files
    /// and broken definitions contribute nothing (`recipes validate` reports those).
    public static func load(root: URL) -> ProjectConnections {
        var connectorOf: [String: String] = [:]
        let directory = root.appendingPathComponent("connectors")
        if FileManager.default.fileExists(atPath: directory.path) {
            for name in ConnectorDefinitionLoader.loadDirectory(directory.path).definitions.keys { connectorOf[name] = name }
        }
        let example = root.appendingPathComponent("connections.example.json")
        if FileManager.default.fileExists(atPath: example.path) {
            for (name, connection) in Connections.load(path: example.path).0?.connections ?? [:] {
                connectorOf[name] = connection.connector
            }
        }
        return ProjectConnections(connectorOf: connectorOf)
    }

    /// Refuses a re-binding to an unknown connection, to the same name, or to a connection of a
    /// different connector than the old one (its actions would not exist).
    public func checkRebindings(_ rebindings: [String: String]) throws(OperatorError) {
        for old in rebindings.keys.sorted() {
            let new = rebindings[old]!
            guard new != old else { throw .refused("--connection \(old)=\(new) re-binds a connection to itself") }
            guard let connector = connectorOf[new] else {
                let hint = Suggestion.didYouMean(new, among: connectorOf.keys.sorted())
                throw .refused(
                    "unknown connection '\(DisplayText.line(new, limit: 200))' (neither in connections.example.json "
                        + "nor a connector under connectors/); nothing was written\(hint)")
            }
            if let oldConnector = connectorOf[old], oldConnector != connector {
                throw .refused(
                    "connection '\(new)' uses connector '\(connector)' but '\(old)' uses '\(oldConnector)'; nothing was written")
            }
        }
    }
}
