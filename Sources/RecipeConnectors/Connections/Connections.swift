// `connections.json`: binds each connection name used by recipes to a connector definition, a
// base URL, credentials (secret references only) and settings.
import Foundation
import RecipeData
import RecipeModel

/// One configured connection.
public struct ConnectionConfig: Sendable {
    /// The name recipes use (`"hibob"`).
    public var name: String
    /// The connector definition (`connectors/<connector>.json`); defaults to the name.
    public var connector: String
    /// Overrides the definition's base URL.
    public var baseURL: String?
    public var credentials: [String: SecretReference]
    /// Plain, non-secret values readable as `settings.<name>` in definitions (Greenhouse's
    /// `on_behalf_of` user id, for example).
    public var settings: JSONValue
    /// Webhook signing secrets: the current one first, then the previous one during rotation.
    public var webhookSecrets: [SecretReference]
    public var rateLimit: RateLimit?
    public var timeout: Duration?
    public var location: SourceLocation
}

/// Where `notify` steps' e-mails go: `"notifications": {"smtp": {"host", "port", "from",
/// "username"?, "password"?: secret reference}}` in the connections file.
public struct SMTPSettings: Sendable {
    public var host: String
    public var port: Int
    public var from: String
    public var username: String?
    public var password: SecretReference?
    public var location: SourceLocation
}

/// The connections of a deployment.
public struct Connections: Sendable {
    public var connections: [String: ConnectionConfig]
    public var path: String
    /// The mail relay for notifications, when configured.
    public var smtp: SMTPSettings?

    static let fields = ["connector", "baseURL", "credentials", "settings", "webhookSecrets", "rateLimit", "timeout"]

    /// Reads a connections file; `nil` with diagnostics when it has errors.
    public static func load(path: String) -> (Connections?, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [.error("cannot read the connections file '\(path)'", at: nil)])
        }
        return load(SourceFile(path: path, bytes: Array(data)))
    }

    public static func load(_ file: SourceFile) -> (Connections?, [Diagnostic]) {
        let root: JSONNode
        do {
            root = try JSONParser.parseNode(file)
        } catch {
            return (nil, [error.diagnostic])
        }
        let sink = DiagnosticSink()
        var result = Connections(connections: [:], path: file.path)
        let reader = ObjectReader(root, subject: "connections file", allowed: ["connections", "notifications"], sink: sink)
        if let notifications = reader?.object("notifications", subject: "'notifications'", allowed: ["smtp"]),
            let smtp = notifications.object("smtp", subject: "'notifications.smtp'", allowed: ["host", "port", "from", "username", "password"])
        {
            let host = smtp.name("host", required: true)
            let port = smtp.integer("port", in: 1...65535) ?? 25
            let from = smtp.name("from", required: true)
            let password = smtp.node("password").flatMap { secret($0, what: "SMTP password", sink: sink) }
            if let host, let from {
                result.smtp = SMTPSettings(
                    host: host, port: port, from: from, username: smtp.string("username"), password: password,
                    location: smtp.location)
            }
        }
        if let reader, let node = reader.node("connections", required: true) {
            if let members = node.members {
                for member in members {
                    if result.connections[member.key] != nil {
                        sink.error("duplicate connection '\(member.key)'", at: member.keyLocation)
                    } else if let connection = readConnection(member.key, member.value, sink: sink) {
                        result.connections[member.key] = connection
                    }
                }
            } else {
                sink.error("'connections' must be an object of connections by name, not \(node.typeName)", at: node.location)
            }
        }
        let diagnostics = sink.diagnostics.sortedByLocation()
        return (diagnostics.hasErrors ? nil : result, diagnostics)
    }

    private static func readConnection(_ name: String, _ node: JSONNode, sink: DiagnosticSink) -> ConnectionConfig? {
        guard let reader = ObjectReader(node, subject: "connection '\(name)'", allowed: fields, sink: sink) else { return nil }
        var credentials: [String: SecretReference] = [:]
        if let node = reader.node("credentials") {
            if let members = node.members {
                for member in members {
                    credentials[member.key] = secret(member.value, what: "credential '\(member.key)' of connection '\(name)'", sink: sink)
                }
            } else {
                sink.error("'credentials' of connection '\(name)' must be an object, not \(node.typeName)", at: node.location)
            }
        }
        let webhookSecrets = (reader.array("webhookSecrets") ?? []).compactMap {
            secret($0, what: "webhook secret of connection '\(name)'", sink: sink)
        }
        let settings = reader.node("settings")
        if let settings, settings.members == nil {
            sink.error("'settings' of connection '\(name)' must be an object, not \(settings.typeName)", at: settings.location)
        }
        return ConnectionConfig(
            name: name, connector: reader.name("connector") ?? name, baseURL: reader.string("baseURL"),
            credentials: credentials, settings: settings?.value ?? [:], webhookSecrets: webhookSecrets,
            rateLimit: reader.rateLimit("rateLimit"), timeout: reader.duration("timeout", atMost: .seconds(600)),
            location: node.location)
    }

    /// `{"env": "NAME"}` or `{"file": "/path"}`, optionally with `"optional": true`.
    private static func secret(_ node: JSONNode, what: String, sink: DiagnosticSink) -> SecretReference? {
        if node.stringValue != nil {
            sink.error(
                "\(what) is written inline; secrets must be references such as {\"env\": \"HIBOB_TOKEN\"} or {\"file\": \"/run/secrets/hibob-token\"}",
                at: node.location)
            return nil
        }
        guard let reader = ObjectReader(node, subject: what, allowed: ["env", "file", "optional"], sink: sink) else { return nil }
        let optional = reader.bool("optional") ?? false
        switch (reader.name("env"), reader.name("file")) {
        case (let name?, nil): return SecretReference(.environment(name), optional: optional, location: node.location)
        case (nil, let path?): return SecretReference(.file(path), optional: optional, location: node.location)
        default:
            sink.error("\(what) must have exactly one of 'env' or 'file'", at: node.location)
            return nil
        }
    }
}
