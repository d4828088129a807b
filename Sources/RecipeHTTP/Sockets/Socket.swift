#if canImport(Glibc)
import Glibc
#endif

/// The TCP socket calls the server needs: listen on an IPv4 address, accept nonblocking
/// connections, and set options. Every descriptor comes back owned by a `FileDescriptor`.
public enum Socket {
    /// Creates a nonblocking, close-on-exec listening socket bound to `host:port` (IPv4
    /// dotted quad; `port` 0 picks a free port, see `localPort(of:)`), with `SO_REUSEADDR`.
    public static func listen(host: String, port: Int, backlog: Int32 = 1024) throws(SocketError) -> FileDescriptor {
        var address = try ipv4Address(host: host, port: port)
        let socket = try FileDescriptor(owning: retryingEINTR("socket") {
            Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        })
        try setOption(socket, SOL_SOCKET, SO_REUSEADDR, 1, name: "SO_REUSEADDR")
        let fd = socket.rawValue
        _ = try retryingEINTR("bind \(host):\(port)") {
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        _ = try retryingEINTR("listen") { Glibc.listen(fd, backlog) }
        return socket
    }

    /// The port a socket is bound to (`getsockname`), e.g. after binding port 0.
    public static func localPort(of socket: FileDescriptor) throws(SocketError) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let fd = socket.rawValue
        _ = try retryingEINTR("getsockname") {
            withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Accepts one connection as a nonblocking, close-on-exec socket, or `nil` when none is
    /// waiting. A connection reset before it was accepted (`ECONNABORTED`) also gives `nil`.
    public static func accept(_ listener: FileDescriptor) throws(SocketError) -> FileDescriptor? {
        let fd = listener.rawValue
        do throws(SocketError) {
            guard let client = try retryingEINTRUnlessWouldBlock("accept4", {
                LinuxAPI.accept4(fd, nil, nil, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
            }) else { return nil }
            return FileDescriptor(owning: client)
        } catch where error.code == ECONNABORTED {
            return nil
        }
    }

    /// Disables Nagle's algorithm (`TCP_NODELAY`), so small responses leave at once.
    public static func setNoDelay(_ socket: FileDescriptor) throws(SocketError) {
        try setOption(socket, Int32(IPPROTO_TCP), TCP_NODELAY, 1, name: "TCP_NODELAY")
    }

    static func setOption(_ socket: FileDescriptor, _ level: Int32, _ option: Int32, _ value: Int32, name: String) throws(SocketError) {
        var value = value
        let fd = socket.rawValue
        _ = try retryingEINTR("setsockopt(\(name))") {
            setsockopt(fd, level, option, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// A `sockaddr_in` for a dotted-quad IPv4 address (`"0.0.0.0"` for any).
    static func ipv4Address(host: String, port: Int) throws(SocketError) -> sockaddr_in {
        guard (0...65535).contains(port) else { throw SocketError("port \(port)", code: EINVAL) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw SocketError("inet_pton \(host)", code: EINVAL)
        }
        return address
    }
}
