import Synchronization
import RecipeHTTPCore

/// What every event loop of one server shares: configuration, the handler, the listening
/// socket and the two load counters behind the 503 caps.
final class ServerContext: Sendable {
    let limits: HTTPServerLimits
    let handler: any HTTPHandler
    /// Runs request handlers off the shared concurrency pool (see HandlerExecutor).
    let handlerExecutor = HandlerExecutor()
    let listener: FileDescriptor
    let shutdownGrace: UInt64
    let logger: @Sendable (String) -> Void
    /// Open connections, counted at accept and at close.
    let openConnections = Atomic<Int>(0)
    /// Requests handed to handlers whose responses are not back yet.
    let queuedRequests = Atomic<Int>(0)
    private let loopList = Mutex<[EventLoop]>([])

    init(
        limits: HTTPServerLimits, handler: any HTTPHandler, listener: FileDescriptor, shutdownGrace: Duration,
        logger: @escaping @Sendable (String) -> Void
    ) {
        self.limits = limits
        self.handler = handler
        self.listener = listener
        self.shutdownGrace = shutdownGrace.nanoseconds
        self.logger = logger
    }

    /// All loops of the server (set once at start, emptied after shutdown to break the cycle).
    var loops: [EventLoop] {
        get { loopList.withLock { $0 } }
        set { loopList.withLock { $0 = newValue } }
    }

    /// How often loops look for expired deadlines: a quarter of the shortest timeout,
    /// between 10 ms and 1 s.
    var sweepInterval: UInt64 {
        let shortest = min(limits.idleTimeout, limits.headerTimeout, limits.bodyTimeout).nanoseconds / 4
        return min(max(shortest, 10_000_000), 1_000_000_000)
    }

    func log(_ message: String) { logger(message) }
}
