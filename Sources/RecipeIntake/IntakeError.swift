import RecipeHTTPCore

/// Why the intake refused a request; every case is answered through `HTTPErrorRenderer`, and
/// nothing is stored for any of them. All of the intake's error texts are here.
public enum IntakeError: Error, Sendable, Hashable, HTTPErrorConvertible {
    /// 413: the declared or read body is longer than the intake's limit.
    case bodyTooLarge(length: Int, limit: Int)
    /// 404: the path is not `/webhooks/<folder>/<connection>`.
    case notAWebhookPath(String)
    /// 404: the project has no recipe folder of this name.
    case unknownFolder(String)
    /// 404: no connection of this name has a webhook verifier.
    case unknownConnection(String)
    /// 405: webhooks arrive with POST only.
    case methodNotAllowed(HTTPMethod)
    /// 401: the connection's signature header is absent.
    case missingSignature(connection: String, header: String)
    /// 401: the signature matches none of the connection's secrets.
    case invalidSignature(connection: String)
    /// 400: the signed body is not JSON; the parser's located diagnostic.
    case malformedJSON(String)

    /// The status, code and text this refusal is answered with.
    public var httpError: HTTPError {
        switch self {
        case .bodyTooLarge(let length, let limit):
            HTTPError(
                status: 413, code: "body_too_large",
                message: "The body is \(length) bytes; webhooks are limited to \(limit) bytes.",
                headers: ["Connection": "close"])
        case .notAWebhookPath(let path):
            HTTPError(status: 404, code: "not_found", message: "Webhook URLs are /webhooks/<folder>/<connection>, not \(path).")
        case .unknownFolder(let folder):
            HTTPError(status: 404, code: "unknown_folder", message: "There is no recipe folder '\(folder)'.")
        case .unknownConnection(let connection):
            HTTPError(status: 404, code: "unknown_connection", message: "No connection '\(connection)' receives webhooks.")
        case .methodNotAllowed(let method):
            HTTPError(
                status: 405, code: "method_not_allowed", message: "Webhooks are delivered with POST, not \(method).",
                headers: ["Allow": "POST"])
        case .missingSignature(let connection, let header):
            HTTPError(status: 401, code: "missing_signature", message: "The '\(connection)' webhook has no \(header) header.")
        case .invalidSignature(let connection):
            HTTPError(
                status: 401, code: "invalid_signature",
                message: "The signature does not match any of the '\(connection)' webhook secrets.")
        case .malformedJSON(let detail):
            HTTPError(status: 400, code: "malformed_json", message: "The delivery is not JSON: \(detail)")
        }
    }
}
