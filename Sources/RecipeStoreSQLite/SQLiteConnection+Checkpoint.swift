// Checkpoints of the write-ahead log, moved off the writing connection.
//
// SQLite's automatic checkpoint runs inside the COMMIT that takes the WAL past 1,000 pages, on
// the committing connection (https://www.sqlite.org/wal.html#automatic_checkpoint): that
// commit copies every page to the database file and syncs the WAL and the database, while the
// intake's writer and everyone waiting on it stand still. Instead the writing connection
// registers a WAL hook ("invoked ... after a commit has taken place", with the number of
// frames in the WAL; registering one "disables the automatic checkpoint mechanism",
// https://www.sqlite.org/c3ref/wal_hook.html), and a second connection of the same process
// runs PASSIVE checkpoints ("as much work as possible without interfering with other database
// connections", https://www.sqlite.org/c3ref/wal_checkpoint_v2.html) on a thread of its own.
import CSQLite

/// The closure a connection's WAL hook calls.
final class WALHookBox {
    let onCommit: (Int) -> Void

    init(_ onCommit: @escaping (Int) -> Void) { self.onCommit = onCommit }
}

extension SQLiteConnection {
    /// Calls `onCommit` with the WAL's frame count after each commit of this connection, on the
    /// committing thread (keep it cheap). Turns SQLite's automatic checkpoints off.
    public func onWALCommit(_ onCommit: @escaping (Int) -> Void) {
        let box = WALHookBox(onCommit)
        walHook = box
        sqlite3_wal_hook(
            handle,
            { context, _, _, frames in
                guard let context else { return SQLITE_OK }
                Unmanaged<WALHookBox>.fromOpaque(context).takeUnretainedValue().onCommit(Int(frames))
                return SQLITE_OK
            }, Unmanaged.passUnretained(box).toOpaque())
    }

    /// Runs a PASSIVE checkpoint of the main database. Returns the frames in the WAL and how many
    /// of them are now in the database file.
    @discardableResult
    public func checkpointPassive() throws(SQLiteError) -> (walFrames: Int, checkpointed: Int) {
        var log: Int32 = 0
        var done: Int32 = 0
        let code = sqlite3_wal_checkpoint_v2(handle, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &done)
        guard code == SQLITE_OK else { throw error("checkpoint", code, "PRAGMA wal_checkpoint(PASSIVE)") }
        return (Int(log), Int(done))
    }
}
