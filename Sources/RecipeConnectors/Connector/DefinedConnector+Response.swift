// Reading vendor responses: the body as JSON when it is JSON, and non-2xx answers mapped to
// `ConnectorError` with the vendor's own message.
//
// Facts relied on: Recruit, Reachdesk and HiPeople errors are `{"error": {"code", "message"}}`
// (docs/assumed-apis.md); Greenhouse 422s carry `message` and `errors[]`; HiBob errors carry
// `error`, `errorMessage` or `message`; HiBob can answer 200 with an HTML page on a wrong path,
// which must not pass for success.
import RecipeData
import RecipeEngine
import RecipeExpressions
import RecipeHTTPCore

extension DefinedConnector {
    /// `{status, headers, body}`, header names in lower case.
    func responseValue(_ response: HTTPResponse, _ action: ActionDefinition) throws(ConnectorError) -> JSONValue {
        var headers = JSONObject()
        for field in response.headers where headers[field.name.lowercased()] == nil {
            headers[field.name.lowercased()] = .string(field.value)
        }
        let contentType = response.headers["Content-Type"]?.lowercased() ?? ""
        var body: JSONValue = .null
        if !response.body.isEmpty {
            do {
                body = try JSONParser.parseValue(response.body, path: "response")
            } catch {
                // A success that claims JSON (or is an HTML page) but does not parse is an error
                // that says where it broke; any other non-JSON body (a text/plain error page) is
                // kept as text for the error message.
                if (200..<300).contains(response.status) && (contentType.contains("html") || contentType.contains("json")) {
                    throw ConnectorError(
                        .http,
                        "\(label(action)): HTTP \(response.status) with a body that is not JSON (\(contentType)): "
                            + "\(error.message) at byte \(error.location.offset)",
                        status: response.status, retryable: false)
                }
                body = .string(String(decoding: response.body.prefix(2000), as: UTF8.self))
            }
        }
        return ["status": .int(response.status), "headers": .object(headers), "body": body]
    }

    func vendorError(_ response: HTTPResponse, value: JSONValue, _ action: ActionDefinition, scope: [String: JSONValue]) -> ConnectorError {
        let mapping = action.errors ?? definition.errors
        var errorScope = scope
        errorScope["response"] = value
        var mappingFailures: [String] = []
        func text(_ template: Template?) -> String? {
            guard let template else { return nil }
            do {
                let rendered = try template.render(in: ValueScope(errorScope))
                let text = rendered.isNull ? "" : rendered.templateText
                return text.isEmpty ? nil : text
            } catch {
                // The connector's error template failed on this body: the default message is
                // used, and the failure is kept in the details for whoever fixes the template.
                mappingFailures.append("\(error)")
                return nil
            }
        }
        let body = value["body"] ?? .null
        var message = text(mapping.message) ?? Self.defaultMessage(body) ?? HTTPResponse.reason(for: response.status)
        if (300..<400).contains(response.status) {
            // URLSessionClient follows same-origin redirects only: this one leads elsewhere (or loops).
            message = "redirect to \(response.headers["Location"] ?? "no Location") not followed "
                + "(only same-origin redirects are, so credentials never leave the vendor's origin)"
        }
        let code = text(mapping.code) ?? body["error"]?["code"]?.stringValue ?? body["code"]?.stringValue
        var details: JSONObject = ["status": .int(response.status), "body": Self.truncated(body)]
        if let code { details["code"] = .string(code) }
        if !mappingFailures.isEmpty { details["errorMappingFailed"] = .array(mappingFailures.map(JSONValue.string)) }
        let retryAfter = RetryAfter.parse(response.headers["Retry-After"], now: sender.clock.now())
        let kind: ConnectorError.Kind = response.status == 429 ? .rateLimited : .http
        var summary = "\(label(action)): HTTP \(response.status): \(message)"
        if let retryAfter, retryAfter > sender.policy.settings.maxRetryAfter {
            let limit = sender.policy.settings.maxRetryAfter
            summary += "; the vendor asks to wait \(Self.described(retryAfter)) (Retry-After), longer than the \(Self.described(limit)) this connection waits"
        }
        return ConnectorError(
            kind, redactor.redact(summary), status: response.status,
            retryAfter: retryAfter, details: .object(details))
    }

    /// `90 s`, or `1 day or more` at the ceiling.
    static func described(_ wait: Duration) -> String {
        wait >= ConnectorError.retryAfterCeiling ? "1 day or more" : "\(Int64(wait.seconds.rounded(.up))) s"
    }

    /// The message fields vendors use, most specific first.
    static func defaultMessage(_ body: JSONValue) -> String? {
        let candidates: [JSONValue?] = [
            body["error"]?["message"], body["errorMessage"], body["message"], body["error_description"], body["error"],
            body["errors"]?.arrayValue?.first?["message"], body["data"]?["message"]?.arrayValue?.first?["message"],
        ]
        for candidate in candidates {
            if let text = candidate?.stringValue, !text.isEmpty { return text }
        }
        if case .string(let text) = body, !text.isEmpty { return String(text.prefix(200)) }
        return nil
    }

    /// Vendor bodies go into error details; long ones are cut so traces stay readable.
    static func truncated(_ body: JSONValue) -> JSONValue {
        if body.jsonBytes().count <= 4096 { return body }
        return .string(String(decoding: body.jsonBytes().prefix(4096), as: UTF8.self) + "…")
    }
}
