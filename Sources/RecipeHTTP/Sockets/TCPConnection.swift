#if canImport(Glibc)
import Glibc
#endif

/// A small blocking TCP client (for SMTP, tests and probes): connect with a timeout, then
/// read and write with that timeout applied to each call (`SO_RCVTIMEO`/`SO_SNDTIMEO`).
public final class TCPConnection: Sendable {
    public let descriptor: FileDescriptor

    init(descriptor: FileDescriptor) { self.descriptor = descriptor }

    /// Resolves `host` (name or IPv4 address, `getaddrinfo`), connects to the first address
    /// that answers within `timeout` seconds, and applies the timeout to reads and writes.
    public static func connect(host: String, port: Int, timeout: Double = 10) throws(SocketError) -> TCPConnection {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw SocketError("getaddrinfo \(host): \(String(cString: gai_strerror(status)))", code: status == EAI_SYSTEM ? errno : EHOSTUNREACH)
        }
        defer { freeaddrinfo(list) }
        var lastError = SocketError("connect \(host):\(port)", code: EHOSTUNREACH)
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            do {
                return try connect(info.pointee, label: "\(host):\(port)", timeout: timeout)
            } catch {
                lastError = error
            }
            entry = info.pointee.ai_next
        }
        throw lastError
    }

    private static func connect(_ info: addrinfo, label: String, timeout: Double) throws(SocketError) -> TCPConnection {
        let socket = try FileDescriptor(owning: retryingEINTR("socket") {
            Glibc.socket(info.ai_family, info.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.ai_protocol)
        })
        try socket.setNonBlocking(true)
        if Glibc.connect(socket.rawValue, info.ai_addr, info.ai_addrlen) != 0 {
            guard errno == EINPROGRESS || errno == EINTR else { throw SocketError("connect \(label)", code: errno) }
            var poller = pollfd(fd: socket.rawValue, events: Int16(POLLOUT), revents: 0)
            let ready = try retryingEINTR("poll(connect \(label))") { poll(&poller, 1, Int32(timeout * 1000)) }
            if ready == 0 { throw SocketError("connect \(label)", code: ETIMEDOUT) }
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            _ = try retryingEINTR("getsockopt(SO_ERROR)") { getsockopt(socket.rawValue, SOL_SOCKET, SO_ERROR, &failure, &length) }
            if failure != 0 { throw SocketError("connect \(label)", code: failure) }
        }
        try socket.setNonBlocking(false)
        try applyTimeout(timeout, to: socket)
        return TCPConnection(descriptor: socket)
    }

    /// Applies `timeout` seconds to every read and write of a blocking socket, and `TCP_NODELAY`.
    static func applyTimeout(_ timeout: Double, to socket: FileDescriptor) throws(SocketError) {
        let limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        try setTimeout(socket, SO_RCVTIMEO, limit)
        try setTimeout(socket, SO_SNDTIMEO, limit)
        try? Socket.setNoDelay(socket)
    }

    private static func setTimeout(_ socket: FileDescriptor, _ option: Int32, _ limit: timeval) throws(SocketError) {
        var limit = limit
        let fd = socket.rawValue
        let result = setsockopt(fd, SOL_SOCKET, option, &limit, socklen_t(MemoryLayout<timeval>.size))
        if result != 0 { throw SocketError("setsockopt(timeout)", code: errno) }
    }

    /// Writes every byte; a timeout surfaces as `EAGAIN`.
    public func write(_ bytes: [UInt8]) throws(SocketError) { try descriptor.writeAll(bytes) }

    public func write(_ text: String) throws(SocketError) { try write(Array(text.utf8)) }

    /// Reads what is available (at most `maxBytes`); an empty array means the peer closed.
    /// A timeout throws `EAGAIN`.
    public func read(maxBytes: Int = 65536) throws(SocketError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: maxBytes)
        let result = bytes.withUnsafeMutableBytes { raw in
            Result { () throws(SocketError) -> IOResult in try descriptor.read(into: raw) }
        }
        switch try result.get() {
        case .transferred(let count): return Array(bytes[..<count])
        case .endOfStream: return []
        case .wouldBlock: throw SocketError("read", code: EAGAIN)
        }
    }

    /// Reads until the peer closes (or the timeout hits, which throws).
    public func readToEnd() throws(SocketError) -> [UInt8] {
        var all: [UInt8] = []
        while true {
            let chunk = try read()
            if chunk.isEmpty { return all }
            all += chunk
        }
    }

    /// Shuts down the sending side (`shutdown(SHUT_WR)`), so the peer reads end of stream.
    public func finishWriting() {
        _ = Glibc.shutdown(descriptor.rawValue, Int32(SHUT_WR))
    }

    /// Shuts down both directions (`shutdown(SHUT_RDWR)`): a thread blocked reading returns
    /// end of stream. The descriptor stays open until `close()`.
    public func shutdown() {
        _ = Glibc.shutdown(descriptor.rawValue, Int32(SHUT_RDWR))
    }

    public func close() { descriptor.close() }
}
