// Start-up: connector definitions + connections.json + secrets → the `ConnectorRegistry` the
// interpreter uses, the webhook verifiers the HTTP server uses, and the shared `Redactor`.
// Every problem (unknown connector, missing credential, unset variable) is reported at once,
// located in connections.json and naming the connection and the variable.
import Foundation
import RecipeData
import RecipeEngine
import RecipeExpressions
import RecipeModel

/// What the engine runs with.
public struct ConnectorRuntime: Sendable {
    public var registry: ConnectorRegistry
    public var connectors: [String: DefinedConnector]
    /// By connection name, for connections whose connector signs webhooks.
    public var webhookVerifiers: [String: WebhookVerifier]
    /// Knows every secret value read; use it for anything logged.
    public var redactor: Redactor
    /// The SMTP notifier, when the connections file configures a relay.
    public var notifier: SMTPNotifier?
}

/// Builds connectors from definitions and connections.
public enum ConnectorSetup {
    /// Loads `definitionsDirectory/*.json` and `connectionsFile`, then builds the runtime.
    public static func load(
        definitionsDirectory: String, connectionsFile: String, secrets: SecretResolver = SecretResolver(),
        client: any HTTPClient = URLSessionClient.shared, clock: any EngineClock = SystemClock(), observer: AttemptObserver? = nil,
        jitter: (@Sendable (Duration) -> Duration)? = nil
    ) -> (ConnectorRuntime?, [Diagnostic]) {
        let (definitions, definitionProblems) = ConnectorDefinitionLoader.loadDirectory(definitionsDirectory)
        let (connections, connectionProblems) = Connections.load(path: connectionsFile)
        guard let connections, !definitionProblems.hasErrors else { return (nil, definitionProblems + connectionProblems) }
        let (runtime, problems) = build(
            definitions: definitions, connections: connections, secrets: secrets, client: client, clock: clock, observer: observer,
            jitter: jitter)
        return (runtime, definitionProblems + connectionProblems + problems)
    }

    /// Builds one connector per connection; `nil` when any connection has an error.
    ///
    /// - Parameter jitter: replaces the random spread of backoff delays (tests pass `{ $0 }`).
    public static func build(
        definitions: [String: ConnectorDefinition], connections: Connections, secrets: SecretResolver = SecretResolver(),
        client: any HTTPClient = URLSessionClient.shared, clock: any EngineClock = SystemClock(), observer: AttemptObserver? = nil,
        jitter: (@Sendable (Duration) -> Duration)? = nil
    ) -> (ConnectorRuntime?, [Diagnostic]) {
        let redactor = Redactor()
        var problems: [Diagnostic] = []
        var runtime = ConnectorRuntime(registry: ConnectorRegistry(), connectors: [:], webhookVerifiers: [:], redactor: redactor)
        for (name, connection) in connections.connections.sorted(by: { $0.key < $1.key }) {
            guard let definition = definitions[connection.connector] else {
                problems.append(
                    .error(
                        "connection '\(name)' uses the connector '\(connection.connector)', which has no definition"
                            + Suggestion.didYouMean(connection.connector, among: definitions.keys.sorted()), at: connection.location))
                continue
            }
            var builder = ConnectionBuilder(
                connection: connection, definition: definition, secrets: secrets, client: client, clock: clock, redactor: redactor)
            if let jitter { builder.jitter = jitter }
            let (connector, verifier) = builder.build(observer: observer)
            problems += builder.problems
            guard let connector else { continue }
            runtime.connectors[name] = connector
            runtime.registry[name] = connector
            if let verifier { runtime.webhookVerifiers[name] = verifier }
        }
        if let smtp = connections.smtp {
            do throws(Diagnostic) {
                let password = try smtp.password.flatMap { reference throws(Diagnostic) in
                    try secrets.resolve(reference, connection: "notifications.smtp", purpose: "password")
                }
                if let password { redactor.add(password) }
                runtime.notifier = SMTPNotifier(
                    configuration: .init(host: smtp.host, port: smtp.port, from: smtp.from, username: smtp.username, password: password))
            } catch {
                problems.append(error)
            }
        }
        return (problems.hasErrors ? nil : runtime, problems)
    }
}

/// Builds the connector of one connection, collecting its problems.
struct ConnectionBuilder {
    let connection: ConnectionConfig
    let definition: ConnectorDefinition
    let secrets: SecretResolver
    let client: any HTTPClient
    let clock: any EngineClock
    let redactor: Redactor
    var jitter: (@Sendable (Duration) -> Duration)?
    private(set) var problems: [Diagnostic] = []

    init(
        connection: ConnectionConfig, definition: ConnectorDefinition, secrets: SecretResolver, client: any HTTPClient,
        clock: any EngineClock, redactor: Redactor
    ) {
        self.connection = connection
        self.definition = definition
        self.secrets = secrets
        self.client = client
        self.clock = clock
        self.redactor = redactor
    }

    private var name: String { connection.name }

    mutating func build(observer: AttemptObserver?) -> (DefinedConnector?, WebhookVerifier?) {
        guard let baseText = connection.baseURL ?? definition.baseURL, let base = URLParts(baseText) else {
            problems.append(
                .error("connection '\(name)' needs an absolute http(s) 'baseURL' (connector '\(definition.name)' has none)", at: connection.location))
            return (nil, nil)
        }
        let credentials = resolveCredentials()
        let verifier = makeVerifier()
        guard !problems.hasErrors else { return (nil, nil) }
        let scope = ValueScope(["credentials": .object(credentials), "settings": connection.settings])
        var policy = RetryPolicy(settings: definition.retry)
        if let jitter { policy.jitter = jitter }
        guard let authenticator = makeAuthenticator(scope: scope, base: base, policy: policy) else { return (nil, nil) }
        let sender = RequestSender(
            client: client, authenticator: authenticator, bucket: (connection.rateLimit ?? definition.rateLimit).map { TokenBucket($0, clock: clock) },
            policy: policy, clock: clock, redactor: redactor)
        var buckets: [String: TokenBucket] = [:]
        for action in definition.actions.values { if let limit = action.rateLimit { buckets[action.name] = TokenBucket(limit, clock: clock) } }
        let connector = DefinedConnector(
            connection: name, definition: definition, base: base, settings: connection.settings, sender: sender,
            actionBuckets: buckets, redactor: redactor, timeout: connection.timeout ?? definition.timeout, observer: observer)
        return (connector, verifier)
    }

    private mutating func resolveCredentials() -> JSONObject {
        var values = JSONObject()
        for credential in definition.credentials {
            guard let reference = connection.credentials[credential] else {
                problems.append(
                    .error(
                        "connection '\(name)' is missing the credential '\(credential)' that connector '\(definition.name)' needs",
                        at: connection.location))
                continue
            }
            do {
                if let value = try secrets.resolve(reference, connection: name, purpose: "credential '\(credential)'") {
                    redactor.add(value)
                    values[credential] = .string(value)
                }
            } catch {
                problems.append(error)
            }
        }
        for extra in connection.credentials.keys.sorted() where !definition.credentials.contains(extra) {
            problems.append(
                .warning(
                    "connection '\(name)' has a credential '\(extra)' that connector '\(definition.name)' does not use"
                        + Suggestion.didYouMean(extra, among: definition.credentials), at: connection.credentials[extra]?.location))
        }
        return values
    }

    private mutating func makeVerifier() -> WebhookVerifier? {
        var keys: [[UInt8]] = []
        for (index, reference) in connection.webhookSecrets.enumerated() {
            do {
                if let value = try secrets.resolve(reference, connection: name, purpose: "webhook secret \(index + 1)") {
                    redactor.add(value)
                    keys.append(Array(value.utf8))
                }
            } catch {
                problems.append(error)
            }
        }
        guard let scheme = definition.webhook else {
            if !connection.webhookSecrets.isEmpty {
                problems.append(
                    .error("connection '\(name)' has webhook secrets but connector '\(definition.name)' defines no 'webhook' scheme", at: connection.location))
            }
            return nil
        }
        return keys.isEmpty ? nil : WebhookVerifier(scheme: scheme, secrets: keys)
    }

    private mutating func makeAuthenticator(scope: ValueScope, base: URLParts, policy: RetryPolicy) -> (any Authenticator)? {
        func text(_ template: Template?, _ field: String) -> String? {
            guard let template else { return nil }
            do {
                return try template.render(in: scope).templateText
            } catch {
                problems.append(.error("connection '\(name)': auth.\(field): \(error.message)", at: connection.location))
                return nil
            }
        }
        switch definition.auth {
        case .none:
            return StaticAuthenticator.none
        case .basic(let username, let password):
            let user = text(username, "username") ?? ""
            let secret = text(password, "password") ?? ""
            redactor.addBasic(username: user, password: secret)
            return StaticAuthenticator.basic(username: user, password: secret)
        case .headers(let headers):
            let fields = headers.map { (name: $0.name, value: text($0.value, "headers.\($0.name)") ?? "") }
            for field in fields where field.name.lowercased() == "authorization" { redactor.add(field.value) }
            return StaticAuthenticator(fields: fields)
        case .oauth2(let spec):
            var prefix = base.target
            if prefix.hasSuffix("/") { prefix.removeLast() }
            let tokenURL = URLParts(spec.tokenPath) != nil ? spec.tokenPath : base.origin + prefix + spec.tokenPath
            let configuration = OAuth2Authenticator.Configuration(
                tokenURL: tokenURL, grant: spec.grant, encoding: spec.encoding, clientID: text(spec.clientID, "clientId") ?? "",
                clientSecret: text(spec.clientSecret, "clientSecret") ?? "", username: text(spec.username, "username"),
                password: text(spec.password, "password"), scope: spec.scope,
                headers: spec.headers.map { (name: $0.name, value: text($0.value, "headers.\($0.name)") ?? "") },
                refreshBefore: spec.refreshBefore, timeout: connection.timeout ?? definition.timeout)
            return OAuth2Authenticator(configuration, client: client, clock: clock, redactor: redactor, policy: policy)
        }
    }
}
