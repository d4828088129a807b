/// Routes requests by method and path pattern: `/v1/people/{id}` binds `id`. Unknown paths
/// get 404; a known path with another method gets 405 with an `Allow` header (RFC 9110 §15.5.6).
public struct Router: HTTPHandler {
    public typealias Route = @Sendable (HTTPRequest, _ parameters: [String: String]) async -> HTTPResponse

    private struct Entry: Sendable {
        let method: HTTPMethod
        let segments: [Substring]
        let route: Route
    }

    private var entries: [Entry] = []
    /// Answers requests no route matches (default: 404 JSON).
    public var fallback: @Sendable (HTTPRequest) async -> HTTPResponse = { request in
        .json(["error": "not found", "path": .string(request.path)], status: 404)
    }

    public init() {}

    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ route: @escaping Route) {
        entries.append(Entry(method: method, segments: Self.split(pattern), route: route))
    }

    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let path = Self.split(request.path)
        var allowed: [String] = []
        for entry in entries {
            guard let parameters = Self.match(entry.segments, path) else { continue }
            if entry.method == request.method || (request.method == .head && entry.method == .get) {
                return await entry.route(request, parameters)
            }
            allowed.append(entry.method.rawValue)
        }
        if !allowed.isEmpty {
            var response = HTTPResponse.json(["error": "method not allowed"], status: 405)
            response.headers.set("Allow", allowed.joined(separator: ", "))
            return response
        }
        return await fallback(request)
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
