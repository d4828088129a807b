// Shared plumbing of the assumed APIs (docs/assumed-apis.md "Conventions for all three"):
// errors `{"error": {"code": "<snake_case>", "message"}}`, 401 bad credentials, 429 with
// `Retry-After` seconds.
import Foundation
import RecipeData
import RecipeHTTPCore

/// Error bodies and the per-second window check shared by Recruit, Reachdesk and HiPeople.
enum AssumedAPI {
    static func error(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
        .json(.object([("error", .object([("code", .string(code)), ("message", .string(message))]))]), status: status)
    }

    static var unauthorized: HTTPResponse { error(401, "unauthorized", "Missing or invalid credentials") }

    /// A 429 when `decision` refuses the request.
    static func limited(_ decision: RateWindow.Decision) -> HTTPResponse? {
        decision.allowed ? nil : error(429, "rate_limited", "Too many requests").retryAfter(decision.retryAfter)
    }

    /// The body as an object whose members are all among `fields` (the operation's documented
    /// request fields), or a 400: `invalid_body`, or `unknown_field` naming the first stranger.
    /// The assumed APIs reject what they do not document (docs/assumed-apis.md, Conventions),
    /// so a connector that sends a misspelt or extra field fails in the sandbox, not silently.
    static func object(_ request: HTTPRequest, fields: Set<String>) -> Result<JSONValue, AssumedFailure> {
        guard let body = request.jsonBody, case .object(let members) = body else {
            return .failure(AssumedFailure(response: error(400, "invalid_body", "A JSON object body is required")))
        }
        if let unknown = members.map(\.key).first(where: { !fields.contains($0) }) {
            let known = fields.sorted().joined(separator: ", ")
            return .failure(
                AssumedFailure(response: error(400, "unknown_field", "Unknown field '\(unknown)'; expected one of \(known)")))
        }
        return .success(body)
    }
}

/// A ready error response carried through `Result`.
struct AssumedFailure: Error {
    let response: HTTPResponse
}
