/// Every bound the server enforces, in one place. Defaults follow common servers; each one
/// is tested on both sides of the line.
public struct HTTPServerLimits: Sendable, Equatable {
    /// Longest request line (method, target, version), without CRLF. Longer: 431.
    public var maxRequestLineBytes = 8 * 1024
    /// Largest header section (fields after the request line, with their CRLFs; also bounds
    /// a chunked body's trailer section). Larger: 431.
    public var maxHeaderBytes = 32 * 1024
    /// Most header fields (and trailer fields). More: 431.
    public var maxHeaderCount = 100
    /// Largest request body, by `Content-Length` or chunks received. Larger: 413.
    public var maxBodyBytes = 1024 * 1024
    /// A keep-alive connection with no request under way is closed silently after this.
    public var idleTimeout: Duration = .seconds(60)
    /// A request head must arrive in full within this from its first byte, else 408 and close.
    public var headerTimeout: Duration = .seconds(10)
    /// A request body must arrive in full within this from the end of the head, else 408.
    public var bodyTimeout: Duration = .seconds(30)
    /// Open connections per server; a connection over the cap gets 503 and is closed.
    public var maxConnections = 10_000
    /// Requests handed to handlers and not yet answered; over the cap a request gets 503.
    public var maxQueuedRequests = 1_024
    /// The `Retry-After` value (seconds) sent with 503.
    public var retryAfterSeconds = 1

    public init() {}

    public static let `default` = HTTPServerLimits()
}
