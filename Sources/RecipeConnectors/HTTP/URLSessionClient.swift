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

    /// The transfer raced against `deadline` on a Dispatch timer: whichever ends first answers,
    /// and the other is cancelled; so does cancelling the calling task. (A task group with a
    /// sleeping child cost a measurable share of a loopback round trip.)
    private func exchange(_ request: URLRequest, deadline: Duration) async throws(TransportError) -> (Data, URLResponse) {
        let race = TransferRace()
        let session = self.session
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let transfer = session.dataTask(with: request) { data, response, error in
                    if let error = error as? URLError {
                        race.finish(.failure(Self.classify(error)))
                    } else if let error {
                        race.finish(.failure(TransportError(.network, "\(error)")))
                    } else if let response {
                        race.finish(.success((data ?? Data(), response)))  // an empty body may come as nil
                    } else {
                        race.finish(.failure(TransportError(.network, "no response")))
                    }
                }
                let timer = DispatchWorkItem { race.finish(.failure(TransportError(.timeout, "no response in time"))) }
                guard race.start(continuation, transfer: transfer, timer: timer) else { return }
                DispatchQueue.global().asyncAfter(deadline: .now() + deadline.seconds, execute: timer)
                transfer.resume()
            }
        } onCancel: {
            race.finish(.failure(TransportError(.network, "cancelled")))
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

/// One transfer against its deadline and the caller's cancellation: the first `finish` resumes
/// the caller and cancels the transfer and the timer; later ones do nothing.
private final class TransferRace: @unchecked Sendable {
    typealias Outcome = Result<(Data, URLResponse), TransportError>

    // All guarded by `lock`.
    private var continuation: CheckedContinuation<Outcome, Never>?
    private var transfer: URLSessionDataTask?
    private var timer: DispatchWorkItem?
    private var outcome: Outcome?
    private let lock = NSLock()

    /// Installs the caller; `false` (and the caller resumed) when the race already ended,
    /// i.e. the task was cancelled before the transfer started.
    func start(_ continuation: CheckedContinuation<Outcome, Never>, transfer: URLSessionDataTask, timer: DispatchWorkItem) -> Bool {
        let early: Outcome? = lock.withLock {
            if let outcome { return outcome }
            self.continuation = continuation
            self.transfer = transfer
            self.timer = timer
            return nil
        }
        guard let early else { return true }
        continuation.resume(returning: early)
        return false
    }

    func finish(_ result: Outcome) {
        let (pending, transfer, timer) = lock.withLock {
            () -> (CheckedContinuation<Outcome, Never>?, URLSessionDataTask?, DispatchWorkItem?) in
            guard outcome == nil else { return (nil, nil, nil) }
            outcome = result
            defer {
                continuation = nil
                self.transfer = nil
                self.timer = nil
            }
            return (continuation, self.transfer, self.timer)
        }
        timer?.cancel()
        if case .failure = result { transfer?.cancel() }
        pending?.resume(returning: result)
    }
}
