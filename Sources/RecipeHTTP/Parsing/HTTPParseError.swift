/// Why a request could not be read, with the status the server answers before closing:
/// 400 (bad syntax or framing), 413 (body too large), 431 (request line or headers too
/// large), 501 (transfer coding not implemented), 505 (HTTP version not supported). The
/// server answers it through `HTTPErrorRenderer`, like a route's error.
import RecipeHTTPCore

public struct HTTPParseError: Error, Equatable, Sendable, CustomStringConvertible, HTTPErrorConvertible {
    public let status: Int
    public let reason: String

    public init(status: Int, _ reason: String) {
        self.status = status
        self.reason = reason
    }

    static func bad(_ reason: String) -> HTTPParseError { HTTPParseError(status: 400, reason) }
    static func tooLarge(_ reason: String) -> HTTPParseError { HTTPParseError(status: 413, reason) }
    static func headersTooLarge(_ reason: String) -> HTTPParseError { HTTPParseError(status: 431, reason) }

    public var description: String { "\(status) \(HTTPResponse.reason(for: status)): \(reason)" }

    /// The request timed out before it was read in full (408).
    static func timedOut() -> HTTPParseError { HTTPParseError(status: 408, "request not received in time") }

    public var httpError: HTTPError {
        let code =
            switch status {
            case 408: "request_timeout"
            case 413: "body_too_large"
            case 431: "headers_too_large"
            case 501: "not_implemented"
            case 505: "http_version_not_supported"
            default: "bad_request"
            }
        return HTTPError(status: status, code: code, message: reason)
    }
}
