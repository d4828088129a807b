import Foundation
import Synchronization
import RecipeHTTPCore

/// An HTTP/1.1 server: a fixed set of event-loop threads, each with its own epoll, serving
/// nonblocking connections; handlers run as Swift tasks, so a slow or hanging handler never
/// blocks a loop, and a slow client only ever holds its own connection.
///
///     let server = HTTPServer(configuration: .init(port: 0), handler: router)
///     let port = try server.start()
///     ...
///     await server.shutdown()
public final class HTTPServer: Sendable {
    /// Where to listen and how hard to work.
    public struct Configuration: Sendable {
        /// IPv4 address to bind (`"0.0.0.0"` for every interface).
        public var host: String
        /// Port to bind; 0 picks a free one (`start()` returns it).
        public var port: Int
        public var limits: HTTPServerLimits
        /// Event-loop threads (default: one per core).
        public var eventLoops: Int
        /// How long `shutdown()` waits for in-flight requests before closing everything.
        public var shutdownGracePeriod: Duration

        public init(
            host: String = "127.0.0.1", port: Int = 0, limits: HTTPServerLimits = .default,
            eventLoops: Int = ProcessInfo.processInfo.activeProcessorCount, shutdownGracePeriod: Duration = .seconds(30)
        ) {
            self.host = host
            self.port = port
            self.limits = limits
            self.eventLoops = max(1, eventLoops)
            self.shutdownGracePeriod = shutdownGracePeriod
        }
    }

    private struct State {
        var context: ServerContext?
        var port: Int?
        var running = 0
        var stopping = false
        /// Every loop has been told to drain (stop accepting, close idle connections).
        var draining = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    public let configuration: Configuration
    private let handler: any HTTPHandler
    private let logger: @Sendable (String) -> Void
    private let state = Mutex(State())

    /// - Parameter logger: receives rare operational messages (accept failures); default: stderr.
    public init(
        configuration: Configuration, handler: some HTTPHandler,
        logger: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(("http: " + $0 + "\n").utf8)) }
    ) {
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
    }

    /// The bound port once started.
    public var port: Int? { state.withLock { $0.port } }

    /// Binds, starts the event-loop threads and returns the bound port.
    @discardableResult
    public func start() throws(SocketError) -> Int {
        if let port = state.withLock({ $0.port }) { return port }
        let listener = try Socket.listen(host: configuration.host, port: configuration.port)
        let port = try Socket.localPort(of: listener)
        let context = ServerContext(
            limits: configuration.limits, handler: handler, listener: listener,
            shutdownGrace: configuration.shutdownGracePeriod, logger: logger)
        var loops: [EventLoop] = []
        for index in 0..<configuration.eventLoops {
            loops.append(try EventLoop(index: index, context: context))
        }
        context.loops = loops
        state.withLock {
            $0.context = context
            $0.port = port
            $0.running = loops.count
        }
        for loop in loops {
            let thread = Thread { [self] in
                loop.run()
                loopFinished()
            }
            thread.name = "http-loop-\(loop.index)"
            thread.start()
        }
        return port
    }

    /// Stops accepting, lets in-flight requests finish (up to the grace period), closes idle
    /// connections, and returns when every loop thread has ended.
    public func shutdown() async {
        let loops: [EventLoop] = state.withLock { state in
            defer { state.stopping = true }
            return state.stopping ? [] : state.context?.loops ?? []
        }
        for loop in loops { loop.post(.drain) }
        state.withLock { $0.draining = true }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                if state.running == 0 { return true }
                state.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
        state.withLock { $0.context }?.loops = []
    }

    /// True once `shutdown()` has told every loop to drain: responses finished after this point
    /// carry `Connection: close`.
    public var isShuttingDown: Bool { state.withLock { $0.draining } }

    /// Open connections right now (for tests and metrics).
    public var openConnections: Int { state.withLock { $0.context }?.openConnections.load(ordering: .relaxed) ?? 0 }

    private func loopFinished() {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.running -= 1
            guard state.running == 0 else { return [] }
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
