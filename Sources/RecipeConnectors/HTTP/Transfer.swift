// One URLSession transfer: its body read under a byte limit, its redirects checked against the
// request's origin, and its end raced against a deadline and the caller's cancellation. The
// first `finish` resumes the caller and cancels the rest; later ones do nothing.
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

final class Transfer: @unchecked Sendable {
    typealias Outcome = Result<(Data, HTTPURLResponse), TransportError>

    /// `scheme://host:port` of the request; redirects elsewhere are not followed.
    let origin: String
    let maxBytes: Int

    // All guarded by `lock`.
    private var continuation: CheckedContinuation<Outcome, Never>?
    private var task: URLSessionDataTask?
    private var timer: DispatchWorkItem?
    private var outcome: Outcome?
    private var body = Data()
    private var redirects = 0
    private let lock = NSLock()

    init(origin: String, maxBytes: Int) {
        self.origin = origin
        self.maxBytes = maxBytes
    }

    /// Installs the caller; `false` (and the caller resumed) when the race already ended,
    /// i.e. the task was cancelled before the transfer started.
    func start(_ continuation: CheckedContinuation<Outcome, Never>, task: URLSessionDataTask, timer: DispatchWorkItem) -> Bool {
        let early: Outcome? = lock.withLock {
            if let outcome { return outcome }
            self.continuation = continuation
            self.task = task
            self.timer = timer
            return nil
        }
        guard let early else { return true }
        continuation.resume(returning: early)
        return false
    }

    /// Whether a body of `length` bytes (as announced) may be read.
    func admits(announcedLength length: Int64) -> Bool {
        guard length > Int64(maxBytes) else { return true }
        finish(.failure(tooLarge("announces \(length) bytes")))
        return false
    }

    /// Keeps `data`, or ends the transfer when the body grows past the limit.
    func append(_ data: Data) {
        let over: Bool = lock.withLock {
            guard outcome == nil else { return false }
            if body.count + data.count > maxBytes { return true }
            body.append(data)
            return false
        }
        if over { finish(.failure(tooLarge("is longer"))) }
    }

    /// Whether to follow a redirect to `url` (same origin, under the redirect limit).
    func follows(_ url: URL?) -> Bool {
        guard let url, let parts = URLParts(url.absoluteString), parts.origin.lowercased() == origin.lowercased() else {
            return false
        }
        return lock.withLock {
            redirects += 1
            return redirects <= URLSessionClient.maxRedirects
        }
    }

    /// The transfer ended: with the body read so far, or with URLSession's error.
    func complete(response: URLResponse?, error: (any Error)?) {
        if let error = error as? URLError {
            finish(.failure(URLSessionClient.classify(error)))
        } else if let error {
            finish(.failure(TransportError(.network, "\(error)")))
        } else if let response = response as? HTTPURLResponse {
            let body = lock.withLock { self.body }
            finish(.success((body, response)))
        } else {
            finish(.failure(TransportError(.malformedResponse, "not an HTTP response")))
        }
    }

    func finish(_ result: Outcome) {
        let (pending, task, timer) = lock.withLock {
            () -> (CheckedContinuation<Outcome, Never>?, URLSessionDataTask?, DispatchWorkItem?) in
            guard outcome == nil else { return (nil, nil, nil) }
            outcome = result
            body = Data()
            defer {
                continuation = nil
                self.task = nil
                self.timer = nil
            }
            return (continuation, self.task, self.timer)
        }
        timer?.cancel()
        if case .failure = result { task?.cancel() }
        pending?.resume(returning: result)
    }

    private func tooLarge(_ what: String) -> TransportError {
        TransportError(.responseTooLarge, "the response body \(what) than the \(maxBytes) bytes this client reads; stopped reading")
    }
}
