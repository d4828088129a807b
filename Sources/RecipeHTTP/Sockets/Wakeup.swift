#if canImport(Glibc)
import Glibc
#endif

/// An `eventfd` used to wake an event loop blocked in `epoll_wait` from another thread.
public final class Wakeup: Sendable {
    public let descriptor: FileDescriptor

    public init() throws(SocketError) {
        descriptor = try FileDescriptor(owning: retryingEINTR("eventfd") {
            LinuxAPI.eventfd(0, LinuxAPI.EFD_NONBLOCK | LinuxAPI.EFD_CLOEXEC)
        })
    }

    /// Makes the descriptor readable; safe from any thread. (Plain `write(2)`: an eventfd
    /// is not a socket. A full counter, `EAGAIN`, still leaves it readable.)
    public func signal() {
        var one: UInt64 = 1
        let fd = descriptor.rawValue
        _ = try? retryingEINTRUnlessWouldBlock("write(eventfd)") { Glibc.write(fd, &one, 8) }
    }

    /// Resets the counter after a wake-up.
    public func drain() {
        var value: UInt64 = 0
        _ = withUnsafeMutableBytes(of: &value) { try? descriptor.read(into: $0) }
    }
}
