// Shared plumbing of the assumed APIs (docs/assumed-apis.md "Conventions for all three"):
// errors `{"error": {"code": "<snake_case>", "message"}}`, 401 bad credentials, 429 with
// `Retry-After` seconds.
import Foundation
import RecipeData
import RecipeHTTP

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

    /// The body as an object, or a 400.
    static func object(_ request: HTTPRequest) -> Result<JSONValue, AssumedFailure> {
        guard let body = request.jsonBody, case .object = body else {
            return .failure(AssumedFailure(response: error(400, "invalid_body", "A JSON object body is required")))
        }
        return .success(body)
    }
}

/// A ready error response carried through `Result`.
struct AssumedFailure: Error {
    let response: HTTPResponse
}
