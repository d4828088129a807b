// The thread SQLite's calls run on. Every commit waits for an fsync (synchronous=FULL), and a
// read may wait for the disk: on the cooperative pool (one thread per core, two here) each
// wait would stall a thread that HTTP handlers and jobs need. The store's actor runs on this
// serial queue instead, so a sync blocks only it; callers suspend meanwhile.
import Dispatch

/// A serial executor on a Dispatch queue of its own.
final class SQLiteExecutor: SerialExecutor, @unchecked Sendable {
    // @unchecked: the queue is immutable and thread-safe.
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
