// Where log lines go: standard error in `recipes serve`, memory in tests.
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A destination for complete log lines (without their line feed).
public protocol LogSink: Sendable {
    /// Writes one line; the sink adds the line feed.
    func write(line: String)
}

/// Writes each line to standard error (or another file descriptor) with one `write(2)` of the
/// line and its line feed, under a lock, so lines written by several threads never interleave.
public final class StandardErrorSink: LogSink {
    private let lock = Mutex(())
    private let fileDescriptor: Int32

    /// A sink writing to `fileDescriptor`: standard error (2) unless a test passes a file's.
    /// The descriptor stays the caller's to close.
    public init(fileDescriptor: Int32 = 2) {
        self.fileDescriptor = fileDescriptor
    }

    public func write(line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        lock.withLock { _ in
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                // One call normally writes everything; a short write or EINTR continues, still
                // under the lock, so no other line gets in between.
                while offset < buffer.count {
                    let written = Glibc.write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return  // standard error is gone: nowhere left to report it
                    }
                    offset += written
                }
            }
        }
    }
}

/// Keeps lines in memory, in the order written: for tests.
public final class MemoryLogSink: LogSink {
    private let stored = Mutex<[String]>([])

    public init() {}

    public func write(line: String) {
        stored.withLock { $0.append(line) }
    }

    /// The lines written so far.
    public var lines: [String] { stored.withLock { $0 } }
}
