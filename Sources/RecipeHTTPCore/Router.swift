/// Routes requests by method and path pattern: `/v1/people/{id}` binds `id`. Unknown paths
/// get 404; a known path with another method gets 405 with an `Allow` header (RFC 9110 §15.5.6).
/// Routes may throw: `HTTPErrorRenderer` answers every thrown error, and the 404 and 405, in
/// one shape.
public struct Router: HTTPHandler {
    /// A route; a non-throwing closure is one too, so plain handlers need no change.
    public typealias Route = @Sendable (HTTPRequest, _ parameters: [String: String]) async throws -> HTTPResponse

    private struct Entry: Sendable {
        /// `nil`: every method (the route answers wrong ones itself).
        let method: HTTPMethod?
        let segments: [Substring]
        let route: Route
    }

    private var entries: [Entry] = []
    /// Answers requests no route matches (default: throws `HTTPError.notFound`).
    public var fallback: @Sendable (HTTPRequest) async throws -> HTTPResponse = { request in
        throw HTTPError.notFound(path: request.path)
    }

    public init() {}

    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ route: @escaping Route) {
        entries.append(Entry(method: method, segments: Self.split(pattern), route: route))
    }

    /// A route for every method on `pattern`, for handlers whose checks must come before the
    /// method's (the webhook intake answers an unknown folder with 404 before a wrong method).
    public mutating func addAnyMethod(_ pattern: String, _ route: @escaping Route) {
        entries.append(Entry(method: nil, segments: Self.split(pattern), route: route))
    }

    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        do {
            return try await route(request)
        } catch {
            return HTTPErrorRenderer.response(for: error)
        }
    }

    /// Runs the matching route, or the fallback, letting errors through.
    private func route(_ request: HTTPRequest) async throws -> HTTPResponse {
        let path = Self.split(request.path)
        var allowed: [HTTPMethod] = []
        for entry in entries {
            guard let parameters = Self.match(entry.segments, path) else { continue }
            guard let method = entry.method else { return try await entry.route(request, parameters) }
            if method == request.method || (request.method == .head && method == .get) {
                return try await entry.route(request, parameters)
            }
            allowed.append(method)
        }
        if !allowed.isEmpty { throw HTTPError.methodNotAllowed(request.method, allowed: allowed) }
        return try await fallback(request)
    }

    private static func split(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    private static func match(_ pattern: [Substring], _ path: [Substring]) -> [String: String]? {
        guard pattern.count == path.count else { return nil }
        var parameters: [String: String] = [:]
        for (expected, actual) in zip(pattern, path) {
            if expected.hasPrefix("{") && expected.hasSuffix("}") {
                parameters[String(expected.dropFirst().dropLast())] = PercentEncoding.decode(String(actual), plusAsSpace: false)
            } else if expected != actual {
                return nil
            }
        }
        return parameters
    }
}
