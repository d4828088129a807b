// The `actions` object of a connector definition: one entry per action, keyed by its
// snake_case name.
import RecipeData
import RecipeExpressions
import RecipeHTTPCore
import RecipeModel

extension ConnectorDefinitionLoader {
    static let actionFields = [
        "description", "method", "path", "query", "headers", "body", "encoding", "idempotent", "dedupe", "output",
        "pagination", "match", "first", "onStatus", "errors", "rateLimit", "timeout",
    ]
    static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]

    static func readActions(_ reader: ObjectReader, compiler: DefinitionCompiler, sink: DiagnosticSink) -> [String: ActionDefinition] {
        guard let node = reader.node("actions", required: true) else { return [:] }
        guard let members = node.members else {
            sink.error("'actions' must be an object of actions by name, not \(node.typeName)", at: node.location)
            return [:]
        }
        var actions: [String: ActionDefinition] = [:]
        var checks: [(action: String, target: String, location: SourceLocation)] = []
        for member in members {
            guard isSnakeCase(member.key) else {
                sink.error("action name '\(member.key)' must be snake_case (a-z, 0-9, _)", at: member.keyLocation)
                continue
            }
            guard actions[member.key] == nil else {
                sink.error("duplicate action '\(member.key)'", at: member.keyLocation)
                continue
            }
            guard let action = readAction(member.key, member.value, compiler: compiler, sink: sink) else { continue }
            if case .check(let target, _) = action.dedupe {
                checks.append((member.key, target, member.value.member("dedupe")?.value.location ?? member.value.location))
            }
            actions[member.key] = action
        }
        for check in checks where actions[check.target] == nil {
            sink.error(
                "dedupe check of '\(check.action)' names an unknown action '\(check.target)'"
                    + Suggestion.didYouMean(check.target, among: actions.keys.sorted()), at: check.location)
        }
        return actions
    }

    private static func readAction(_ name: String, _ node: JSONNode, compiler: DefinitionCompiler, sink: DiagnosticSink) -> ActionDefinition? {
        guard let reader = ObjectReader(node, subject: "action '\(name)'", allowed: actionFields, sink: sink) else { return nil }
        let methodText = reader.string("method", required: true)
        if let methodText, !methods.contains(methodText) {
            sink.error(
                "'method' of action '\(name)' must be one of \(methods.joined(separator: ", ")), not \"\(methodText)\""
                    + Suggestion.didYouMean(methodText.uppercased(), among: methods), at: reader.node("method")?.location)
        }
        let method = HTTPMethod(methodText ?? "GET")
        let pathNode = reader.node("path", required: true)
        if let text = pathNode?.stringValue, !text.hasPrefix("/") {
            sink.error("'path' of action '\(name)' must start with '/' (it is relative to the base URL)", at: pathNode?.location)
        }
        let pagination = readPagination(reader, compiler: compiler)
        let output = reader.node("output").map { compiler.template($0, roots: TemplateRoots.output, field: "output") }
        var onStatus: [Int: Template] = [:]
        if let statuses = reader.node("onStatus"), let members = statuses.members {
            for member in members {
                guard let code = Int(member.key), (100...599).contains(code) else {
                    sink.error("'onStatus' keys must be HTTP status codes such as \"404\", not \"\(member.key)\"", at: member.keyLocation)
                    continue
                }
                onStatus[code] = compiler.template(member.value, roots: TemplateRoots.output, field: "onStatus.\(code)")
            }
        } else if let statuses = reader.node("onStatus") {
            sink.error("'onStatus' must be an object of statuses and outputs, not \(statuses.typeName)", at: statuses.location)
        }
        let match = reader.node("match").flatMap { compiler.expression($0, roots: TemplateRoots.match, field: "match") }
        if match != nil && pagination == nil {
            sink.error("'match' of action '\(name)' needs 'pagination' (it filters the collected items)", at: reader.node("match")?.location)
        }
        return ActionDefinition(
            name: name,
            description: reader.string("description"),
            method: method,
            path: pathNode.map { compiler.template($0, roots: TemplateRoots.request, field: "path") } ?? .literal("/"),
            query: compiler.headers(reader.node("query"), roots: TemplateRoots.request, field: "query"),
            headers: compiler.headers(reader.node("headers"), roots: TemplateRoots.request, field: "headers"),
            body: reader.node("body").map { compiler.template($0, roots: TemplateRoots.request, field: "body") },
            encoding: reader.choice("encoding", ActionDefinition.BodyEncoding.self) ?? .json,
            idempotent: reader.bool("idempotent") ?? defaultIdempotent(method),
            dedupe: readDedupe(reader, compiler: compiler),
            output: output ?? (pagination == nil ? defaultOutput : defaultPagedOutput),
            pagination: pagination,
            match: match,
            stopAtFirstMatch: reader.bool("first") ?? false,
            onStatus: onStatus,
            errors: readErrors(reader, compiler: compiler),
            rateLimit: reader.rateLimit("rateLimit"),
            timeout: reader.duration("timeout", atMost: .seconds(600)),
            location: node.location)
    }

    /// RFC 9110 §9.2.2: GET, HEAD, PUT, DELETE (and OPTIONS) are idempotent; POST and PATCH not.
    static func defaultIdempotent(_ method: HTTPMethod) -> Bool {
        [.get, .head, .put, .delete, .options].contains(method)
    }

    /// The output of an action without `output`: the response body, or the collected items.
    static let defaultOutput = builtIn("{{ response.body }}")
    static let defaultPagedOutput = builtIn("{{ items }}")

    /// A template of this file's own constant text. It cannot fail on any definition file
    /// (DefinitionLoadingTests checks both compile to the expressions above); if the expression
    /// language ever rejected them, loading stops here with the reason, instead of every
    /// action silently answering `null` as a substitute template would.
    private static func builtIn(_ text: String) -> Template {
        do {
            return try Template.compile(string: text)
        } catch {
            preconditionFailure("the built-in output template \(text) does not compile: \(error)")
        }
    }

    private static func readDedupe(_ reader: ObjectReader, compiler: DefinitionCompiler) -> ActionDefinition.Dedupe? {
        guard let node = reader.node("dedupe") else { return nil }
        if let text = node.stringValue {
            if text == "idempotencyKey" { return .idempotencyKey }
            reader.sink.error("'dedupe' must be \"idempotencyKey\" or {\"check\": {...}}, not \"\(text)\"", at: node.location)
            return nil
        }
        guard
            let dedupe = ObjectReader(node, subject: "'dedupe' of \(reader.subject)", allowed: ["check"], sink: reader.sink),
            let check = dedupe.object("check", subject: "'dedupe.check'", allowed: ["action", "input"], required: true),
            let action = check.name("action", required: true)
        else { return nil }
        let input = check.node("input").map { compiler.template($0, roots: TemplateRoots.request, field: "dedupe.check.input") }
        return .check(action: action, input: input ?? .literal([:]))
    }

    private static func readPagination(_ reader: ObjectReader, compiler: DefinitionCompiler) -> Pagination? {
        guard
            let pagination = reader.object(
                "pagination", subject: "'pagination' of \(reader.subject)", allowed: ["state", "items", "next", "maxPages"])
        else { return nil }
        let state = pagination.node("state", required: true)
        let items = pagination.node("items", required: true)
        let next = pagination.node("next", required: true)
        guard let state, let items, let next else { return nil }
        return Pagination(
            state: compiler.template(state, roots: TemplateRoots.paginationStart, field: "pagination.state"),
            items: compiler.template(items, roots: TemplateRoots.paginationStep, field: "pagination.items"),
            next: compiler.template(next, roots: TemplateRoots.paginationStep, field: "pagination.next"),
            maxPages: pagination.integer("maxPages", in: 1...10_000) ?? 100)
    }

    static func isSnakeCase(_ name: String) -> Bool {
        guard let first = name.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return name.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "_")
        }
    }
}
