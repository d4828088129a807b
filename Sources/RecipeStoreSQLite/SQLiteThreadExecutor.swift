// The thread an SQLiteStore runs on.
//
// SQLite calls block: a commit waits for fsync (https://www.sqlite.org/wal.html, synchronous=FULL
// syncs the WAL at every commit) and a busy database waits up to the busy timeout. On the
// cooperative thread pool (one thread per core; two on the machines this engine targets) each
// such wait would stall unrelated tasks, such as the HTTP server's. So each store's actor runs
// on a thread of its own, and awaiting callers give up their pool thread while it works.
import Foundation

/// A serial executor backed by one dedicated thread; stopped when its store goes away.
final class SQLiteThreadExecutor: SerialExecutor, @unchecked Sendable {
    // `condition` guards `pending`, `stopped` and `thread`.
    private let condition = NSCondition()
    private var pending: [UnownedJob] = []
    private var stopped = false
    private var thread: pthread_t?
    private var finished = false

    init(name: String) {
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Whether the caller runs on this executor's thread.
    var isCurrent: Bool {
        condition.lock()
        defer { condition.unlock() }
        return thread.map { pthread_equal($0, pthread_self()) != 0 } ?? false
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        pending.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread end once the jobs already enqueued have run.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    /// Waits until the thread has ended after `stop()`, at most `seconds`; `true` when it has.
    func waitUntilFinished(seconds: Double) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: seconds)
        while !finished {
            if !condition.wait(until: deadline) { return finished }
        }
        return true
    }

    private func run() {
        condition.lock()
        thread = pthread_self()
        condition.unlock()
        while true {
            condition.lock()
            while pending.isEmpty && !stopped { condition.wait() }
            let jobs = pending
            pending.removeAll(keepingCapacity: true)
            let done = stopped && jobs.isEmpty
            if done {
                finished = true
                condition.broadcast()
            }
            condition.unlock()
            if done { return }
            for job in jobs { job.runSynchronously(on: asUnownedSerialExecutor()) }
        }
    }
}
