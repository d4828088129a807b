import Foundation

/// Runs blocking work (waiting for a child process, a blocking socket read) on a thread of its
/// own instead of the Swift concurrency pool. The pool has one thread per core; tests that
/// block it starve the HTTP server's handler tasks in other tests running in parallel.
public func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
