import Foundation
import RecipeHTTP
import RecipeHTTPCore
import Synchronization
import Testing

/// A real webhook receiver for tests: an `HTTPServer` on 127.0.0.1 (port 0) that records every
/// request and answers `status`, optionally after a delay.
final class WebhookReceiver: Sendable {
    private final class Store: Sendable {
        let requests = Mutex<[HTTPRequest]>([])
    }

    let server: HTTPServer
    private let received = Store()

    init(status: Int = 200, delay: Duration = .zero) throws {
        let received = self.received
        server = HTTPServer(
            configuration: .init(port: 0, eventLoops: 1, shutdownGracePeriod: .seconds(2)),
            handler: HandlerFunction { request in
                if delay > .zero { try? await Task.sleep(for: delay) }
                received.requests.withLock { $0.append(request) }
                return HTTPResponse(status: status)
            }, logger: { _ in })
        try server.start()
    }

    /// `http://127.0.0.1:PORT` + `path`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(server.port ?? 0)\(path)" }

    var requests: [HTTPRequest] { received.requests.withLock { $0 } }

    /// Waits (at most `limit`) until `count` requests arrived; returns what arrived.
    /// Generous limits: under a full parallel test run the receiver's handler tasks can wait a while
    /// for a thread; a delivery that never comes still fails the test, just later.
    func waitFor(_ count: Int, limit: Duration = .seconds(60)) async -> [HTTPRequest] {
        let deadline = ContinuousClock.now + limit
        while requests.count < count && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return requests
    }

    func stop() async { await server.shutdown() }
}

/// Polls `condition` every 20 ms for at most `limit`; returns its last value.
func eventually(limit: Duration = .seconds(60), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while !condition() {
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return true
}
