// Reads `connectors/*.json` into `ConnectorDefinition`s, reporting every problem of every file
// as a located "file:line:col: error:" diagnostic (unknown fields with "did you mean").
import Foundation
import RecipeData
import RecipeExpressions
import RecipeHTTPCore
import RecipeModel

/// Loads connector definitions.
public enum ConnectorDefinitionLoader {
    static let topLevelFields = [
        "name", "description", "docs", "baseURL", "credentials", "auth", "headers", "rateLimit", "retry", "timeout",
        "errors", "webhook", "actions",
    ]

    /// Every `*.json` file of `directory`, by connector name, with all problems found.
    public static func loadDirectory(_ directory: String) -> (definitions: [String: ConnectorDefinition], diagnostics: [Diagnostic]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            return ([:], [.error("cannot read the connector directory '\(directory)': \(error.localizedDescription)", at: nil)])
        }
        var definitions: [String: ConnectorDefinition] = [:]
        var diagnostics: [Diagnostic] = []
        for name in names {
            let (definition, found) = load(path: (directory as NSString).appendingPathComponent(name))
            diagnostics += found
            if let definition { definitions[definition.name] = definition }
        }
        return (definitions, diagnostics)
    }

    /// One definition file; the definition is `nil` when there are errors.
    public static func load(path: String) -> (ConnectorDefinition?, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [.error("cannot read the connector definition '\(path)'", at: nil)])
        }
        return load(SourceFile(path: path, bytes: Array(data)))
    }

    /// Definition text; the connector's name defaults to the file's base name.
    public static func load(_ file: SourceFile) -> (ConnectorDefinition?, [Diagnostic]) {
        let sink = DiagnosticSink()
        let root: JSONNode
        do {
            root = try JSONParser.parseNode(file)
        } catch {
            return (nil, [error.diagnostic])
        }
        let definition = read(root, file: file, sink: sink)
        let diagnostics = sink.diagnostics.sortedByLocation()
        return (diagnostics.hasErrors ? nil : definition, diagnostics)
    }

    private static func read(_ root: JSONNode, file: SourceFile, sink: DiagnosticSink) -> ConnectorDefinition? {
        let baseName = ((file.path as NSString).lastPathComponent as NSString).deletingPathExtension
        guard let reader = ObjectReader(root, subject: "connector definition", allowed: topLevelFields, sink: sink) else {
            return nil
        }
        let compiler = DefinitionCompiler(file: file, sink: sink)
        let name = reader.name("name") ?? baseName
        if name != baseName {
            sink.error("connector name '\(name)' must match the file name '\(baseName).json'", at: reader.node("name")?.location)
        }
        if let url = reader.string("baseURL"), URLParts(url) == nil {
            sink.error("'baseURL' must be an absolute http or https URL, not \"\(url)\"", at: reader.node("baseURL")?.location)
        }
        var retry = RetrySettings()
        if let retryReader = reader.object(
            "retry", subject: "'retry'",
            allowed: ["maxAttempts", "baseDelay", "maxDelay", "maxRetryAfter", "maxSafeAttempts", "safeRetryBudget"])
        {
            retry.maxAttempts = retryReader.integer("maxAttempts", in: 1...10) ?? retry.maxAttempts
            retry.maxSafeAttempts = retryReader.integer("maxSafeAttempts", in: 1...30) ?? max(retry.maxSafeAttempts, retry.maxAttempts)
            retry.safeRetryBudget = retryReader.duration("safeRetryBudget", atMost: .seconds(900)) ?? retry.safeRetryBudget
            retry.baseDelay = retryReader.duration("baseDelay", atMost: .seconds(60)) ?? retry.baseDelay
            retry.maxDelay = retryReader.duration("maxDelay", atMost: .seconds(600)) ?? retry.maxDelay
            retry.maxRetryAfter = retryReader.duration("maxRetryAfter", atMost: .seconds(3600)) ?? retry.maxRetryAfter
        }
        let definition = ConnectorDefinition(
            name: name,
            description: reader.string("description"),
            baseURL: reader.string("baseURL"),
            credentials: reader.strings("credentials") ?? [],
            auth: readAuth(reader.node("auth", required: true), compiler: compiler, sink: sink),
            headers: compiler.headers(reader.node("headers"), roots: TemplateRoots.request, field: "headers"),
            rateLimit: reader.rateLimit("rateLimit"),
            retry: retry,
            timeout: reader.duration("timeout", atMost: .seconds(600)) ?? .seconds(30),
            errors: readErrors(reader, compiler: compiler) ?? ErrorMapping(),
            webhook: readWebhook(reader),
            actions: readActions(reader, compiler: compiler, sink: sink),
            location: root.location)
        return definition
    }

    static func readErrors(_ reader: ObjectReader, compiler: DefinitionCompiler) -> ErrorMapping? {
        guard let errors = reader.object("errors", subject: "'errors'", allowed: ["message", "code"]) else { return nil }
        return ErrorMapping(
            message: errors.node("message").map { compiler.template($0, roots: TemplateRoots.errors, field: "errors.message") },
            code: errors.node("code").map { compiler.template($0, roots: TemplateRoots.errors, field: "errors.code") })
    }

    private static func readWebhook(_ reader: ObjectReader) -> WebhookScheme? {
        guard
            let webhook = reader.object(
                "webhook", subject: "'webhook'",
                allowed: ["header", "algorithm", "encoding", "prefix", "deliveryIdHeader", "ping", "eventType", "orderingKey", "dedupOrder"])
        else { return nil }
        let header = webhook.name("header", required: true)
        let algorithm = webhook.choice("algorithm", HashAlgorithmName.self)
        let encoding = webhook.choice("encoding", WebhookScheme.Encoding.self)
        if !webhook.has("algorithm") { _ = webhook.node("algorithm", required: true) }
        if !webhook.has("encoding") { _ = webhook.node("encoding", required: true) }
        guard let header, let algorithm, let encoding else { return nil }
        return WebhookScheme(
            header: header, algorithm: algorithm, encoding: encoding, prefix: webhook.string("prefix") ?? "",
            deliveryIDHeader: webhook.string("deliveryIdHeader"), ping: webhook.choice("ping", WebhookScheme.Ping.self) ?? .none,
            eventTypeField: webhook.string("eventType"), orderingKeyField: webhook.string("orderingKey"),
            dedupOrderField: webhook.string("dedupOrder"))
    }

    private static func readAuth(_ node: JSONNode?, compiler: DefinitionCompiler, sink: DiagnosticSink) -> AuthSpec {
        guard let node else { return .none }
        let type = node.member("type")?.value.stringValue ?? ""
        let fields: [String: [String]] = [
            "none": [], "basic": ["username", "password"], "bearer": ["token"], "headers": ["headers"],
            "oauth2": [
                "grant", "tokenPath", "encoding", "clientId", "clientSecret", "username", "password", "scope", "headers",
                "refreshBefore",
            ],
        ]
        guard let allowed = fields[type] else {
            let at = node.member("type")?.value.location ?? node.location
            sink.error(
                "'type' in 'auth' must be one of \"none\", \"basic\", \"bearer\", \"headers\", \"oauth2\", not \"\(type)\""
                    + Suggestion.didYouMean(type, among: fields.keys.sorted()), at: at)
            return .none
        }
        guard let reader = ObjectReader(node, subject: "'auth'", allowed: ["type"] + allowed, sink: sink) else { return .none }
        func template(_ key: String, required: Bool = true) -> Template? {
            reader.node(key, required: required).map { compiler.template($0, roots: TemplateRoots.auth, field: "auth.\(key)") }
        }
        switch type {
        case "basic":
            return .basic(username: template("username") ?? .literal(""), password: template("password", required: false) ?? .literal(""))
        case "bearer":
            guard let token = template("token") else { return .none }
            return .headers([HeaderTemplate(name: "Authorization", value: prefixed("Bearer ", token))])
        case "headers":
            return .headers(compiler.headers(reader.node("headers", required: true), roots: TemplateRoots.auth, field: "auth.headers"))
        case "oauth2":
            let grant = reader.choice("grant", OAuth2Spec.Grant.self) ?? .clientCredentials
            if grant == .password, !reader.has("username") || !reader.has("password") {
                sink.error("the password grant needs 'username' and 'password' in 'auth'", at: reader.location)
            }
            return .oauth2(
                OAuth2Spec(
                    grant: grant, tokenPath: reader.string("tokenPath", required: true) ?? "/oauth2/token",
                    encoding: reader.choice("encoding", OAuth2Spec.Encoding.self) ?? .form,
                    clientID: template("clientId") ?? .literal(""), clientSecret: template("clientSecret") ?? .literal(""),
                    username: template("username", required: false), password: template("password", required: false),
                    scope: reader.string("scope"),
                    headers: compiler.headers(reader.node("headers"), roots: TemplateRoots.auth, field: "auth.headers"),
                    refreshBefore: reader.duration("refreshBefore", atMost: .seconds(3600)) ?? .seconds(60)))
        default:
            return .none
        }
    }

    /// `"Bearer " + template`, keeping the template's evaluation.
    private static func prefixed(_ prefix: String, _ template: Template) -> Template {
        switch template {
        case .literal(let value): return .literal(.string(prefix + value.templateText))
        case .expression(let e): return .interpolation([.text(prefix), .expression(e)])
        case .interpolation(let segments): return .interpolation([.text(prefix)] + segments)
        default: return template
        }
    }
}
