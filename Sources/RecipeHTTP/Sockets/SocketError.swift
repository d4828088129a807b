#if canImport(Glibc)
import Glibc
#endif

/// A failed socket system call: which operation, and the `errno` it set.
public struct SocketError: Error, Equatable, CustomStringConvertible {
    /// The system call or step that failed (`"bind"`, `"connect 127.0.0.1:80"`).
    public let operation: String
    /// The `errno` value.
    public let code: Int32

    public init(_ operation: String, code: Int32) {
        self.operation = operation
        self.code = code
    }

    /// The system's text for `code` (`strerror`).
    public var message: String { String(cString: strerror(code)) }

    public var description: String { "\(operation) failed: \(message) (errno \(code))" }
}

/// The result of a nonblocking read or write: bytes moved, "try again later", or end of stream.
public enum IOResult: Equatable, Sendable {
    case transferred(Int)
    case wouldBlock
    case endOfStream
}

/// Runs a system call that returns -1 and sets `errno` on failure, repeating it on `EINTR`.
@inline(__always)
func retryingEINTR<T: BinaryInteger>(_ operation: @autoclosure () -> String, _ call: () -> T) throws(SocketError) -> T {
    while true {
        let result = call()
        if result != -1 { return result }
        let code = errno
        if code == EINTR { continue }
        throw SocketError(operation(), code: code)
    }
}

/// Like `retryingEINTR`, but `EAGAIN`/`EWOULDBLOCK` come back as `nil` instead of an error.
@inline(__always)
func retryingEINTRUnlessWouldBlock<T: BinaryInteger>(
    _ operation: @autoclosure () -> String, _ call: () -> T
) throws(SocketError) -> T? {
    while true {
        let result = call()
        if result != -1 { return result }
        let code = errno
        if code == EINTR { continue }
        if code == EAGAIN || code == EWOULDBLOCK { return nil }
        throw SocketError(operation(), code: code)
    }
}
