// The production transport: FoundationNetworking's URLSession, one shared session per client so
// connections are kept alive and reused (HTTP/1.1 persistent connections) across requests.
//
// What URLSession would do by itself and this client does not let it:
// - Timeouts: swift-corelibs-foundation arms its timer with `Int(timeoutInterval) * 1000` ms,
//   so "500ms" would become 0 ms and "1.5s" 1 s, and it restarts the timer whenever bytes move.
//   The request's own timeout is a whole-request deadline raced against the transfer; the
//   URLSession interval is only a backstop a second past it.
// - Size: a completion-handler task buffers the whole body, however large. Bodies are read
//   through the delegate and the transfer is cancelled at `maxResponseBytes` (or at once when
//   Content-Length announces more).
// - Redirects: URLSession follows them and re-sends our headers, Authorization included, to
//   whatever host the Location names. Only same-origin redirects (RFC 6454 origin: scheme, host,
//   port) are followed, at most `maxRedirects`; any other 3xx is returned as the answer.
import Foundation
import RecipeHTTPCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An `HTTPClient` over one `URLSession`: no cookies, no cache, per-request deadlines, bounded
/// response bodies, and no credentials sent to another origin.
public final class URLSessionClient: HTTPClient, @unchecked Sendable {
    /// The largest response body read by default (64 MiB).
    public static let defaultMaxResponseBytes = 64 << 20
    /// The most same-origin redirects followed for one request.
    public static let maxRedirects = 5

    // URLSession is thread-safe (Apple: "URLSession … is thread safe"); it is never mutated here.
    private let session: URLSession
    private let transfers: TransferTable
    /// The largest response body this client reads; longer answers fail the request.
    public let maxResponseBytes: Int

    /// - Parameters:
    ///   - maxConnectionsPerHost: parallel connections kept per vendor host.
    ///   - maxResponseBytes: the largest response body read.
    public init(maxConnectionsPerHost: Int = 6, maxResponseBytes: Int = defaultMaxResponseBytes) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = maxConnectionsPerHost
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.timeoutIntervalForRequest = 60
        self.maxResponseBytes = maxResponseBytes
        transfers = TransferTable()
        session = URLSession(configuration: configuration, delegate: transfers, delegateQueue: nil)
    }

    deinit { session.finishTasksAndInvalidate() }

    /// One client for the whole process, so every connector shares its connection pool.
    public static let shared = URLSessionClient()

    public func send(_ request: ClientRequest) async throws(TransportError) -> HTTPResponse {
        guard let parts = URLParts(request.url), let url = URL(string: request.url) else {
            throw TransportError(.invalidURL, "not an absolute http(s) URL")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.timeoutInterval = request.timeout.seconds.rounded(.up) + 1
        for field in request.headers { urlRequest.addValue(field.value, forHTTPHeaderField: field.name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let (data, response) = try await exchange(urlRequest, origin: parts.origin, deadline: request.timeout)
        var headers = HTTPHeaders()
        for (name, value) in response.allHeaderFields {
            headers.add(String(describing: name), String(describing: value))
        }
        return HTTPResponse(status: response.statusCode, headers: headers, body: Array(data))
    }

    /// The transfer raced against `deadline` on a Dispatch timer: whichever ends first answers,
    /// and the other is cancelled; so does cancelling the calling task. (A task group with a
    /// sleeping child cost a measurable share of a loopback round trip.)
    private func exchange(_ request: URLRequest, origin: String, deadline: Duration) async throws(TransportError) -> (Data, HTTPURLResponse) {
        let session = self.session
        let transfers = self.transfers
        let limit = maxResponseBytes
        let transfer = Transfer(origin: origin, maxBytes: limit)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let task = session.dataTask(with: request)
                let timer = DispatchWorkItem { transfer.finish(.failure(TransportError(.timeout, "no response in time"))) }
                guard transfer.start(continuation, task: task, timer: timer) else { return }
                transfers.register(transfer, for: task)
                DispatchQueue.global().asyncAfter(deadline: .now() + deadline.seconds, execute: timer)
                task.resume()
            }
        } onCancel: {
            transfer.finish(.failure(TransportError(.network, "cancelled")))
        }
        return try result.get()
    }

    /// What went wrong, in words an operator can act on: libcurl's own description (e.g.
    /// "Unsupported response code in HTTP response") is kept.
    static func classify(_ error: URLError) -> TransportError {
        let detail = (error as NSError).localizedDescription
        let said = detail.isEmpty || detail == "(null)" ? "URLError \(error.code.rawValue)" : detail
        switch error.code {
        case .timedOut:
            return TransportError(.timeout, "no response in time")
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet:
            return TransportError(.cannotConnect, "cannot connect (\(said))")
        case .badURL, .unsupportedURL, .badServerResponse, .cannotParseResponse:
            // The URL was checked before sending: here libcurl could not read the answer.
            return TransportError(.malformedResponse, "the answer is not valid HTTP (\(said))")
        default:
            return TransportError(.network, "connection failed (\(said))")
        }
    }
}
