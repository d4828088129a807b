#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A listening socket for small line-protocol servers that serve each connection on its own
/// thread with blocking reads (the sandbox's SMTP sink), as opposed to the HTTP server's event
/// loop. `accept(waiting:timeout:)` waits with `poll(2)` on the socket and an eventfd, so
/// `close()` from another thread wakes it; the socket itself is closed by the accepting
/// thread (or `deinit`), never under a `poll` that still uses its number.
public final class TCPListener: Sendable {
    private let socket: FileDescriptor
    private let wakeup: Wakeup
    private let closing = Atomic(false)
    /// The bound port (useful after binding port 0).
    public let port: Int

    /// Binds `host:port` (IPv4 dotted quad; 0 picks a free port).
    public init(host: String, port: Int, backlog: Int32 = 128) throws(SocketError) {
        socket = try Socket.listen(host: host, port: port, backlog: backlog)
        wakeup = try Wakeup()
        self.port = try Socket.localPort(of: socket)
    }

    /// Waits up to `seconds` for a connection and returns it as a blocking `TCPConnection`
    /// whose reads and writes time out after `timeout` seconds; `nil` on timeout, and `nil`
    /// at once after `close()`.
    public func accept(waiting seconds: Double, timeout: Double) throws(SocketError) -> TCPConnection? {
        guard socket.isOpen else { return nil }
        var pollers = [
            pollfd(fd: socket.rawValue, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeup.descriptor.rawValue, events: Int16(POLLIN), revents: 0),
        ]
        let count = nfds_t(pollers.count)
        let ready = try retryingEINTR("poll(accept)") { poll(&pollers, count, Int32(seconds * 1000)) }
        if pollers[1].revents != 0 {
            socket.close()
            return nil
        }
        guard ready > 0 else { return nil }
        guard let client = try Socket.accept(socket) else { return nil }
        try client.setNonBlocking(false)
        try TCPConnection.applyTimeout(timeout, to: client)
        return TCPConnection(descriptor: client)
    }

    /// Stops listening: a thread waiting in `accept(waiting:timeout:)` returns `nil` and
    /// closes the socket; so does every later call.
    public func close() {
        closing.store(true, ordering: .releasing)
        wakeup.signal()
    }

    /// Whether `close()` was called.
    public var isClosing: Bool { closing.load(ordering: .acquiring) }
}
