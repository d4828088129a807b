/// An error a route throws to answer with an error status. `HTTPErrorRenderer` turns it into
/// the one JSON error shape, `{"error": {"code": …, "message": …}}`, with `headers` added
/// (`Allow` on 405, `Retry-After` on 503).
public struct HTTPError: Error, Sendable, Hashable, HTTPErrorConvertible {
    /// The response status (4xx or 5xx).
    public var status: Int
    /// A stable, machine-readable code in snake case (`not_found`, `bad_signature`); clients
    /// branch on it, so it never changes once published.
    public var code: String
    /// One sentence for people; may change between versions.
    public var message: String
    /// Headers the response must carry, such as `Allow` or `Retry-After`.
    public var headers: HTTPHeaders

    public init(status: Int, code: String, message: String, headers: HTTPHeaders = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// Itself: an `HTTPError` is answered as it is.
    public var httpError: HTTPError { self }
}

/// A typed error that knows how it is answered over HTTP. Domain errors conform, so routes
/// throw them as they are and the renderer answers them all the same way.
public protocol HTTPErrorConvertible: Error {
    /// How this error is answered: status, code, message and headers.
    var httpError: HTTPError { get }
}

extension HTTPError {
    /// 404: no route or resource at `path`.
    public static func notFound(path: String) -> HTTPError {
        HTTPError(status: 404, code: "not_found", message: "Nothing is served at \(path).")
    }

    /// 405 with `Allow` listing the methods the path accepts (RFC 9110 §15.5.6).
    public static func methodNotAllowed(_ method: HTTPMethod, allowed: [HTTPMethod]) -> HTTPError {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return HTTPError(
            status: 405, code: "method_not_allowed", message: "\(method) is not allowed here; use \(list).",
            headers: ["Allow": list])
    }

    /// 500 for an error that has no HTTP meaning; its text is not shown, since it may hold
    /// details that are not meant for the caller.
    public static let internalError = HTTPError(
        status: 500, code: "internal_error", message: "The server failed to handle the request.")
}
