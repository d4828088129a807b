// The one HTTP client abstraction of the connector layer. Connectors build `ClientRequest`s and
// get `HTTPResponse`s (RecipeHTTP's type); the transport underneath is URLSession in production
// and an in-process `HTTPHandler` in tests, so switching is one line.
import RecipeHTTPCore

/// An outgoing request with an absolute URL.
public struct ClientRequest: Sendable {
    public var method: HTTPMethod
    /// Absolute URL: `http://127.0.0.1:8099/hibob/v1/people/123?x=1`.
    public var url: String
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// How long to wait for the whole response.
    public var timeout: Duration

    public init(method: HTTPMethod, url: String, headers: HTTPHeaders = [:], body: [UInt8] = [], timeout: Duration = .seconds(30)) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// Why no response arrived.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// No answer in time: the vendor may or may not have processed the request.
        case timeout
        /// The connection could not be made; the request was certainly not processed.
        case cannotConnect
        /// The connection broke; the request may have been processed.
        case network
        /// The URL cannot be requested.
        case invalidURL
        /// The answer is not valid HTTP (a garbage status line, a truncated body): the request
        /// may have been processed.
        case malformedResponse
        /// The answer is longer than the client reads; the request was processed.
        case responseTooLarge
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// Sends one request and returns the complete response; never retries.
public protocol HTTPClient: Sendable {
    func send(_ request: ClientRequest) async throws(TransportError) -> HTTPResponse
}

/// The parts of an absolute http(s) URL that the connector layer needs.
struct URLParts: Hashable {
    var scheme: String
    /// `host` or `host:port`, as written.
    var authority: String
    /// The path and query, `/` when empty.
    var target: String

    init?(_ url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let slash = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        authority = String(rest[..<slash])
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        let tail = String(rest[slash...])
        target = tail.hasPrefix("/") ? tail : "/" + tail
    }

    /// The origin: `http://host:port`.
    var origin: String { "\(scheme)://\(authority)" }
}
