// The production transport: FoundationNetworking's URLSession, one shared session per client so
// connections are kept alive and reused (HTTP/1.1 persistent connections) across requests.
//
// Timeouts are enforced here, not by URLSession: swift-corelibs-foundation arms its timer with
// `Int(timeoutInterval) * 1000` ms, so "500ms" would become 0 ms (failing at once) and "1.5s"
// 1 s, and it restarts the timer whenever bytes move, so a trickling server never times out.
// The request's own timeout is a whole-request deadline raced against the transfer; the
// URLSession interval is only a backstop a second past it.
import Foundation
import RecipeHTTP

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An `HTTPClient` over one `URLSession`: no cookies, no cache, per-request timeouts.
public final class URLSessionClient: HTTPClient, @unchecked Sendable {
    // URLSession is thread-safe (Apple: "URLSession … is thread safe"); it is never mutated here.
    private let session: URLSession

    /// - Parameter maxConnectionsPerHost: parallel connections kept per vendor host.
    public init(maxConnectionsPerHost: Int = 6) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = maxConnectionsPerHost
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.timeoutIntervalForRequest = 60
        session = URLSession(configuration: configuration)
    }

    /// One client for the whole process, so every connector shares its connection pool.
    public static let shared = URLSessionClient()

    public func send(_ request: ClientRequest) async throws(TransportError) -> HTTPResponse {
        guard let url = URL(string: request.url) else { throw TransportError(.invalidURL, "not a valid URL") }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.timeoutInterval = request.timeout.seconds.rounded(.up) + 1
        for field in request.headers { urlRequest.addValue(field.value, forHTTPHeaderField: field.name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let (data, response) = try await exchange(urlRequest, deadline: request.timeout)
        guard let http = response as? HTTPURLResponse else { throw TransportError(.network, "not an HTTP response") }
        var headers = HTTPHeaders()
        for (name, value) in http.allHeaderFields {
            headers.add(String(describing: name), String(describing: value))
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: Array(data))
    }

    /// The transfer raced against `deadline`: whichever ends first wins, the other is cancelled.
    private func exchange(_ request: URLRequest, deadline: Duration) async throws(TransportError) -> (Data, URLResponse) {
        let session = self.session
        let result = await withTaskGroup(of: Result<(Data, URLResponse), TransportError>?.self) { group in
            group.addTask {
                do {
                    return .success(try await session.data(for: request))
                } catch let error as URLError {
                    return .failure(Self.classify(error))
                } catch {
                    return .failure(TransportError(.network, "\(error)"))
                }
            }
            group.addTask {
                try? await Task.sleep(for: deadline)
                return Task.isCancelled ? nil : .failure(TransportError(.timeout, "no response in time"))
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failure(TransportError(.network, "cancelled"))
        }
        return try result.get()
    }

    static func classify(_ error: URLError) -> TransportError {
        switch error.code {
        case .timedOut:
            return TransportError(.timeout, "no response in time")
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet:
            return TransportError(.cannotConnect, "cannot connect (\(error.code.rawValue))")
        case .badURL, .unsupportedURL:
            return TransportError(.invalidURL, "unsupported URL")
        default:
            return TransportError(.network, "connection failed (URLError \(error.code.rawValue))")
        }
    }
}
