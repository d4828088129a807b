// Building the HTTP request of an action from its templates: path values percent-encoded,
// null query parameters and top-level null body members left out (so an update sends only
// the fields it was given), JSON or form bodies.
import RecipeData
import RecipeEngine
import RecipeExpressions
import RecipeHTTPCore

extension DefinedConnector {
    func buildRequest(_ action: ActionDefinition, scope: [String: JSONValue]) throws(ConnectorError) -> ClientRequest {
        let path = try renderPath(action, scope: scope)
        var query: [(String, String)] = []
        for parameter in action.query {
            let value = try render(parameter.value, scope, action, field: "query.\(parameter.name)")
            switch value {
            case .null: continue
            case .array(let values): query += values.filter { !$0.isNull }.map { (parameter.name, $0.templateText) }
            default: query.append((parameter.name, value.templateText))
            }
        }
        var prefix = base.target
        if prefix.hasSuffix("/") { prefix.removeLast() }
        var url = base.origin + prefix + path
        if !query.isEmpty {
            url += (path.contains("?") ? "&" : "?") + query.map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
        }
        var headers: HTTPHeaders = ["Accept": "application/json"]
        for header in definition.headers + action.headers {
            let value = try render(header.value, scope, action, field: "headers.\(header.name)")
            if !value.isNull { headers.set(header.name, value.templateText) }
        }
        var body: [UInt8] = []
        if let template = action.body {
            var value = try render(template, scope, action, field: "body")
            if case .object(let object) = value {
                var kept = JSONObject(minimumCapacity: object.count)
                for (key, member) in object where !member.isNull { kept[key] = member }
                value = .object(kept)
            }
            switch action.encoding {
            case .json:
                if !headers.contains("Content-Type") { headers.set("Content-Type", "application/json") }
                body = value.jsonBytes()
            case .form:
                guard let object = value.objectValue else {
                    throw ConnectorError(.invalidRequest, "\(label(action)): a form body must be an object, not \(value.typeName)")
                }
                headers.set("Content-Type", "application/x-www-form-urlencoded")
                body = Array(FormEncoding.encode(object.map { ($0.key, $0.value.templateText) }).utf8)
            }
        }
        return ClientRequest(method: action.method, url: url, headers: headers, body: body, timeout: action.timeout ?? timeout)
    }

    /// The path with every template value percent-encoded as one segment; an empty value is an
    /// error (`/v1/people/` would address a different resource).
    private func renderPath(_ action: ActionDefinition, scope: [String: JSONValue]) throws(ConnectorError) -> String {
        func segment(_ expression: Expression) throws(ConnectorError) -> String {
            let value: JSONValue
            do {
                value = try expression.evaluate(in: ValueScope(scope))
            } catch {
                throw ConnectorError(.invalidRequest, "\(label(action)): path: \(error.message)")
            }
            let text = value.templateText
            if text.isEmpty {
                throw ConnectorError(
                    .invalidRequest, "\(label(action)): path: '\(expression.sourceText)' is empty; the request would address another resource")
            }
            return PercentEncoding.encode(text)
        }
        switch action.path {
        case .literal(let value): return value.templateText
        case .expression(let expression): return try segment(expression)
        case .interpolation(let segments):
            var path = ""
            for part in segments {
                switch part {
                case .text(let text): path += text
                case .expression(let expression): path += try segment(expression)
                }
            }
            return path
        default:
            throw ConnectorError(.invalidRequest, "\(label(action)): path must be text")
        }
    }
}
