#if canImport(Glibc)
import Glibc
#endif

/// An epoll instance (level-triggered). Each registration carries a caller-chosen 64-bit key.
/// Registration calls are thread-safe; `wait` must be called from one thread at a time
/// (it reuses one event buffer).
public final class EPoll: @unchecked Sendable {
    /// Readiness interest and results.
    public struct Events: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        public static let readable = Events(rawValue: LinuxAPI.EPOLLIN)
        public static let writable = Events(rawValue: LinuxAPI.EPOLLOUT)
        /// Hang-up or error; always reported, never needs asking for.
        public static let hangUp = Events(rawValue: LinuxAPI.EPOLLHUP | LinuxAPI.EPOLLERR)
    }

    /// One ready registration.
    public struct Event: Sendable {
        public let key: UInt64
        public let events: Events
    }

    public let descriptor: FileDescriptor
    private let capacity: Int
    private let buffer: UnsafeMutableRawPointer

    public init(maxEvents: Int = 256) throws(SocketError) {
        descriptor = try FileDescriptor(owning: retryingEINTR("epoll_create1") { LinuxAPI.epoll_create1(LinuxAPI.EPOLL_CLOEXEC) })
        capacity = maxEvents
        buffer = .allocate(byteCount: maxEvents * LinuxAPI.eventSize, alignment: 8)
    }

    deinit { buffer.deallocate() }

    /// Registers `fd` with `key` for `events`.
    public func add(_ fd: FileDescriptor, key: UInt64, events: Events) throws(SocketError) {
        try control(LinuxAPI.EPOLL_CTL_ADD, fd, key: key, events: events, name: "epoll_ctl(ADD)")
    }

    /// Changes the interest of a registered descriptor.
    public func modify(_ fd: FileDescriptor, key: UInt64, events: Events) throws(SocketError) {
        try control(LinuxAPI.EPOLL_CTL_MOD, fd, key: key, events: events, name: "epoll_ctl(MOD)")
    }

    /// Unregisters `fd` (closing it also does, once no duplicate refers to it).
    public func remove(_ fd: FileDescriptor) throws(SocketError) {
        try control(LinuxAPI.EPOLL_CTL_DEL, fd, key: 0, events: [], name: "epoll_ctl(DEL)")
    }

    private func control(_ operation: Int32, _ fd: FileDescriptor, key: UInt64, events: Events, name: String) throws(SocketError) {
        var event: (UInt64, UInt64) = (0, 0)
        let epfd = descriptor.rawValue, target = fd.rawValue
        _ = try withUnsafeMutableBytes(of: &event) { (raw) throws(SocketError) -> Int32 in
            LinuxAPI.storeEvent(events.rawValue, data: key, at: raw.baseAddress!)
            return try retryingEINTR(name) { LinuxAPI.epoll_ctl(epfd, operation, target, raw.baseAddress) }
        }
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever) and appends ready registrations to
    /// `ready`. An interrupting signal returns with nothing ready.
    public func wait(into ready: inout [Event], timeoutMilliseconds: Int32) throws(SocketError) {
        ready.removeAll(keepingCapacity: true)
        let count = LinuxAPI.epoll_wait(descriptor.rawValue, buffer, Int32(capacity), timeoutMilliseconds)
        if count < 0 {
            if errno == EINTR { return }
            throw SocketError("epoll_wait", code: errno)
        }
        for index in 0..<Int(count) {
            let event = LinuxAPI.loadEvent(at: buffer + index * LinuxAPI.eventSize)
            ready.append(Event(key: event.data, events: Events(rawValue: event.events)))
        }
    }
}
