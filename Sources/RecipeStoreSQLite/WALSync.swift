// Syncs of the write-ahead log off the store's thread, for commits made with
// synchronous=NORMAL (Committed.swift in RecipeStore says why).
//
// Why this is as durable as synchronous=FULL for the commits it answers:
// - https://www.sqlite.org/wal.html: a commit appends its frames to the WAL, the last one
//   marked as a commit frame; with synchronous=NORMAL "the WAL file is synchronized before
//   each checkpoint", not at commit. COMMIT has written the frames (write(2)) when it returns.
// - fdatasync(2) on any descriptor of the file flushes all of the file's written data and the
//   size needed to read it back. So a sync that *starts* after a COMMIT returned makes that
//   commit's frames durable; recovery after power loss replays the WAL up to the last commit
//   frame whose checksums hold, which includes it.
// - The WAL file keeps its inode while the database is open: SQLite deletes it only when the
//   last connection closes, and restarts it in place (new salt) after a checkpoint.
// - SQLite holds no POSIX lock on the -wal file (its locks are on the database file and the
//   -shm index), so this descriptor cannot release one when it is closed.
//
// Syncs coalesce: while one runs, every waiter that arrives waits for the next, which starts
// when it ends and covers all commits up to then. A failed sync fails every later wait: after
// an fsync error the kernel may have dropped the unwritten pages, and nothing committed since
// the last good sync can be called durable (the server must stop and recover from the file).
import Dispatch
import Glibc
import RecipeStore
import Synchronization

/// The WAL of one SQLite database, synced on a thread of its own.
package final class WALSync: Sendable {
    private typealias Waiter = CheckedContinuation<Result<Void, StoreError>, Never>

    private struct State {
        /// Commits made, numbered from 1.
        var committed: UInt64 = 0
        /// Every commit up to this one is durable.
        var synced: UInt64 = 0
        var running = false
        var waiters: [(sequence: UInt64, waiter: Waiter)] = []
        var failure: StoreError?
        /// Syncs made (for benchmarks: syncs per delivery).
        var syncs = 0
    }

    private let descriptor: Int32
    private let fileName: String
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "recipes.sqlite.wal-sync", qos: .userInitiated)

    /// Opens the WAL file `fileName` for syncing; `nil` when it cannot be opened (then commits
    /// must sync themselves).
    package init?(fileName: String) {
        let descriptor = open(fileName, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        self.fileName = fileName
    }

    deinit { close(descriptor) }

    /// Syncs made so far.
    package var syncCount: Int { state.withLock { $0.syncs } }

    /// Numbers a commit that has just returned (called on the store's thread, right after COMMIT).
    package func committed() -> DurabilityTicket {
        state.withLock { state in
            state.committed += 1
            return DurabilityTicket(sequence: state.committed)
        }
    }

    /// Returns once a sync that started after the commit behind `ticket` has returned.
    package func wait(_ ticket: DurabilityTicket) async throws(StoreError) {
        let result = await withCheckedContinuation { (waiter: Waiter) in
            let answer = state.withLock { state -> Result<Void, StoreError>? in
                if let failure = state.failure { return .failure(failure) }
                if ticket.sequence <= state.synced { return .success(()) }
                state.waiters.append((ticket.sequence, waiter))
                if !state.running {
                    state.running = true
                    queue.async { self.syncWhileWaited() }
                }
                return nil
            }
            if let answer { waiter.resume(returning: answer) }
        }
        try result.get()
    }

    private func syncWhileWaited() {
        while true {
            let target = state.withLock { $0.committed }
            var code: Int32
            repeat { code = fdatasync(descriptor) } while code != 0 && errno == EINTR
            let failure = code == 0 ? nil : StoreError.backend(detail: "sqlite: fdatasync of \(fileName) failed: \(String(cString: strerror(errno)))")
            // `again`: waiters are left, and this loop (still the only one) syncs once more.
            let (answered, result, again) = state.withLock { state -> ([Waiter], Result<Void, StoreError>, Bool) in
                if let failure, state.failure == nil { state.failure = failure }
                if let failure = state.failure {
                    defer { state.waiters.removeAll() }
                    state.running = false
                    return (state.waiters.map(\.waiter), .failure(failure), false)
                }
                state.syncs += 1
                state.synced = max(state.synced, target)
                let synced = state.synced
                let answered = state.waiters.filter { $0.sequence <= synced }.map(\.waiter)
                state.waiters.removeAll { $0.sequence <= synced }
                if state.waiters.isEmpty { state.running = false }
                return (answered, .success(()), !state.waiters.isEmpty)
            }
            for waiter in answered { waiter.resume(returning: result) }
            if !again { return }
        }
    }
}
