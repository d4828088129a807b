// Who may use the admin API of `recipes serve`: with `RECIPES_ADMIN_TOKEN` set, a request must
// carry `Authorization: Bearer <token>` (compared in constant time); without it, the API is
// served only when the server listens on loopback alone, since `HTTPRequest` does not carry
// the peer's address; a server reachable from other hosts with no token answers 403.
import RecipeHTTPCore

/// How the admin API checks a request. Printing it never shows the token.
public enum AdminAccess: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Every request needs the bearer token.
    case token(String)
    /// No token: served, because the server is bound to a loopback address only.
    case loopbackOnly
    /// No token and the server listens beyond loopback: every admin request is refused (403).
    case disabled

    /// The access for a configured token (`nil` or empty: none) and where the server listens.
    public init(token: String?, bindsLoopbackOnly: Bool) {
        if let token, !token.isEmpty {
            self = .token(token)
        } else {
            self = bindsLoopbackOnly ? .loopbackOnly : .disabled
        }
    }

    /// What the server logs at start (never the token): `bearer token`, `loopback only, no
    /// token`, `disabled: no RECIPES_ADMIN_TOKEN and the server listens beyond loopback`.
    public var logDescription: String {
        switch self {
        case .token: "bearer token"
        case .loopbackOnly: "loopback only, no token"
        case .disabled: "disabled: no \(AdminAPI.tokenVariable) and the server listens beyond loopback"
        }
    }

    /// `logDescription`: the token is never part of it.
    public var description: String { logDescription }
    public var debugDescription: String { logDescription }

    /// Checks `request`'s credentials.
    public func authorize(_ request: HTTPRequest) throws(AdminAuthError) {
        switch self {
        case .loopbackOnly: return
        case .disabled: throw .disabled
        case .token(let expected):
            guard let header = request.headers["Authorization"] else { throw .missing }
            let scheme = "bearer "
            guard header.utf8.count > scheme.utf8.count, header.lowercased().hasPrefix(scheme) else { throw .missing }
            let presented = header.dropFirst(scheme.count).trimmingPrefix(while: { $0 == " " })
            guard Self.constantTimeEquals(Array(presented.utf8), Array(expected.utf8)) else { throw .invalid }
        }
    }

    /// Whether `a` and `b` hold the same bytes, in time that depends on their lengths only, not
    /// on where they first differ (so a token cannot be guessed byte by byte from timings).
    public static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count) | (a.count == b.count ? 0 : 1)
        let length = max(a.count, b.count)
        for index in 0..<length {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }

    /// Whether a listening host is a loopback address only (`127.0.0.0/8`, `::1`, `localhost`).
    public static func isLoopback(host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare == "::1" || bare.lowercased() == "localhost" { return true }
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}

/// A refused admin request: no credentials, wrong ones, or the API disabled.
public enum AdminAuthError: Error, Sendable, Equatable, HTTPErrorConvertible {
    case missing
    case invalid
    case disabled

    /// 401 with `WWW-Authenticate: Bearer` (RFC 6750 §3) for missing or wrong credentials,
    /// 403 when the API is disabled.
    public var httpError: HTTPError {
        switch self {
        case .missing:
            HTTPError(
                status: 401, code: "unauthorized", message: "the admin API needs 'Authorization: Bearer <token>'",
                headers: ["WWW-Authenticate": "Bearer realm=\"recipes\""])
        case .invalid:
            HTTPError(
                status: 401, code: "unauthorized", message: "the bearer token is not the server's admin token",
                headers: ["WWW-Authenticate": "Bearer realm=\"recipes\", error=\"invalid_token\""])
        case .disabled:
            HTTPError(
                status: 403, code: "admin_disabled",
                message: "the admin API is off: set \(AdminAPI.tokenVariable) when the server listens beyond loopback")
        }
    }
}
