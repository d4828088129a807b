#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Owns one file descriptor (socket, epoll, eventfd) and closes it exactly once: by `close()`,
/// or by `deinit` if it is still open. Reads and writes report "would block" as a value.
public final class FileDescriptor: Sendable, CustomStringConvertible {
    private let storage: Atomic<Int32>

    /// Takes ownership of `rawValue`.
    public init(owning rawValue: Int32) {
        storage = Atomic(rawValue)
    }

    deinit { close() }

    /// The descriptor number, or -1 once closed.
    public var rawValue: Int32 { storage.load(ordering: .acquiring) }

    public var isOpen: Bool { rawValue >= 0 }

    public var description: String { "fd \(rawValue)" }

    /// Closes the descriptor; later calls do nothing. `close(2)` is not retried on `EINTR`
    /// (on Linux the descriptor is released even then).
    public func close() {
        let old = storage.exchange(-1, ordering: .acquiringAndReleasing)
        if old >= 0 { _ = Glibc.close(old) }
    }

    /// Reads up to `buffer.count` bytes.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(SocketError) -> IOResult {
        let fd = rawValue
        guard let count = try retryingEINTRUnlessWouldBlock("read", { Glibc.read(fd, buffer.baseAddress, buffer.count) })
        else { return .wouldBlock }
        return count == 0 ? .endOfStream : .transferred(count)
    }

    /// Writes up to `buffer.count` bytes (a partial write is normal). `MSG_NOSIGNAL` keeps a
    /// closed peer from raising `SIGPIPE`; for non-sockets plain `write(2)` is used.
    public func write(_ buffer: UnsafeRawBufferPointer) throws(SocketError) -> IOResult {
        let fd = rawValue
        do throws(SocketError) {
            guard let count = try retryingEINTRUnlessWouldBlock("send", { send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL)) })
            else { return .wouldBlock }
            return .transferred(count)
        } catch where error.code == ENOTSOCK {
            guard let count = try retryingEINTRUnlessWouldBlock("write", { Glibc.write(fd, buffer.baseAddress, buffer.count) })
            else { return .wouldBlock }
            return .transferred(count)
        }
    }

    /// Writes all of `bytes`, for blocking descriptors; throws `EAGAIN` if it would block.
    public func writeAll(_ bytes: [UInt8]) throws(SocketError) {
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                Result { () throws(SocketError) -> IOResult in try write(UnsafeRawBufferPointer(rebasing: raw[offset...])) }
            }
            switch try result.get() {
            case .transferred(let count): offset += count
            case .wouldBlock: throw SocketError("write", code: EAGAIN)
            case .endOfStream: throw SocketError("write", code: EPIPE)
            }
        }
    }

    /// Sets or clears `O_NONBLOCK`.
    public func setNonBlocking(_ on: Bool = true) throws(SocketError) {
        let fd = rawValue
        let flags = try retryingEINTR("fcntl(F_GETFL)") { fcntl(fd, F_GETFL) }
        let wanted = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK
        if wanted != flags { _ = try retryingEINTR("fcntl(F_SETFL)") { fcntl(fd, F_SETFL, wanted) } }
    }
}
