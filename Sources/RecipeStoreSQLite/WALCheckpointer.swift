// Background checkpoints for one SQLite database (SQLiteConnection+Checkpoint.swift says why).
// The writing connection's WAL hook calls `committed(walFrames:)`; past `threshold` frames a
// PASSIVE checkpoint runs on this type's own connection and thread, and runs again while the
// WAL is still past the threshold when it ends. Once the WAL is wholly checkpointed, SQLite's
// next write restarts it from the beginning, so the file stops growing.
import Dispatch
import Synchronization

/// Checkpoints a database's WAL on a connection and thread of its own.
public final class WALCheckpointer: Sendable {
    /// WAL frames after which a checkpoint starts: SQLite's own default for automatic ones.
    public static let defaultThreshold = 1_000

    private struct State {
        var running = false
        var again = false
    }

    private let connection: UncheckedConnection
    private let threshold: Int
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "recipes.sqlite.checkpoint", qos: .utility)

    /// The checkpointing connection is only used on `queue`, one checkpoint at a time.
    private final class UncheckedConnection: @unchecked Sendable {
        let connection: SQLiteConnection
        init(_ connection: SQLiteConnection) { self.connection = connection }
    }

    /// Opens a second connection to `path` for checkpoints.
    init(path: String, threshold: Int = defaultThreshold) throws(SQLiteError) {
        connection = UncheckedConnection(try SQLiteConnection(path: path))
        self.threshold = threshold
    }

    /// Called after each commit of the writing connection with the WAL's frame count.
    func committed(walFrames: Int) {
        guard walFrames >= threshold else { return }
        let start = state.withLock { state -> Bool in
            if state.running {
                state.again = true
                return false
            }
            state.running = true
            return true
        }
        if start { queue.async { self.checkpoint() } }
    }

    private func checkpoint() {
        while true {
            // A failure (a busy lock past the timeout, an I/O error) leaves the frames in the
            // WAL, where they are as durable as in the database: the next commit asks again.
            let frames = try? connection.connection.checkpointPassive()
            let more = state.withLock { state -> Bool in
                let more = state.again && (frames.map { $0.walFrames - $0.checkpointed >= threshold } ?? false)
                state.again = false
                if !more { state.running = false }
                return more
            }
            if !more { return }
        }
    }
}
