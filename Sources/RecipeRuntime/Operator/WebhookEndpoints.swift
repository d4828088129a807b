// The webhook URLs of a project (`recipes webhooks`, the seeds' "Copy endpoint URL"): one per
// folder and connection that a recipe's webhook trigger listens on.
import RecipeData
import RecipeIntake
import RecipeModel

/// One webhook URL: the recipes of `folder` that listen on `connection`, and their events.
public struct WebhookEndpoint: Sendable, Equatable {
    /// A recipe fed by the endpoint and the event types it listens for.
    public struct Listener: Sendable, Equatable {
        public var recipe: String
        public var events: [String]
        public init(recipe: String, events: [String]) {
            self.recipe = recipe
            self.events = events
        }
    }

    public var folder: String
    public var connection: String
    /// The recipes fed, by name.
    public var listeners: [Listener]

    public init(folder: String, connection: String, listeners: [Listener]) {
        self.folder = folder
        self.connection = connection
        self.listeners = listeners
    }

    /// `/webhooks/<folder>/<connection>`, percent-encoded (`WebhookIntake.path`).
    public var path: String { WebhookIntake.path(folder: folder, connection: connection) }

    /// `http://<host>:<port>/webhooks/<folder>/<connection>`; an IPv6 host is bracketed.
    public func url(host: String, port: Int) -> String {
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "http://\(shownHost):\(port)\(path)"
    }

    /// The endpoints of `project` (of `folder` only, when given), by folder then connection;
    /// listeners by recipe name.
    public static func all(in project: Project, folder: String? = nil) -> [WebhookEndpoint] {
        var byEndpoint: [String: [String: [Listener]]] = [:]
        for recipe in project.sortedRecipes where folder == nil || recipe.id.folder == folder {
            guard case .webhook(let trigger) = recipe.trigger else { continue }
            byEndpoint[recipe.id.folder, default: [:]][trigger.connection, default: []]
                .append(Listener(recipe: recipe.qualifiedName, events: trigger.events))
        }
        return byEndpoint.keys.sorted().flatMap { folder in
            byEndpoint[folder]!.keys.sorted().map { connection in
                WebhookEndpoint(folder: folder, connection: connection, listeners: byEndpoint[folder]![connection]!)
            }
        }
    }

    /// `{"folder", "connection", "path", "url", "recipes": [{"recipe", "events", "state"}]}`;
    /// `states` gives each recipe's lifecycle state by name (missing: stopped).
    public func json(host: String, port: Int, states: [String: String]) -> JSONValue {
        var object = JSONObject()
        object["folder"] = .string(folder)
        object["connection"] = .string(connection)
        object["path"] = .string(path)
        object["url"] = .string(url(host: host, port: port))
        object["recipes"] = .array(
            listeners.map { listener in
                [
                    "recipe": .string(listener.recipe), "events": .array(listener.events.map(JSONValue.string)),
                    "state": .string(states[listener.recipe] ?? "stopped"),
                ]
            })
        return .object(object)
    }
}
