// The one place that opens, configures and closes SQLite databases.
//
// SQLite documentation relied on:
// - https://www.sqlite.org/wal.html: "in WAL mode when synchronous is FULL, the WAL file is
//   synced after each transaction commit", and a transaction is durable once COMMIT returns.
// - https://www.sqlite.org/pragma.html#pragma_synchronous: "FULL (2) ... ensures that an
//   operating system crash or power failure will not corrupt the database" and, with WAL,
//   that a committed transaction survives it (NORMAL may roll back the last ones).
// - https://www.sqlite.org/c3ref/busy_timeout.html: a busy handler that sleeps up to the
//   given milliseconds while another connection holds the lock, then returns SQLITE_BUSY.
// - https://www.sqlite.org/lang_transaction.html: "BEGIN IMMEDIATE" takes the write lock at
//   once, so a read-then-write transaction never fails to upgrade with SQLITE_BUSY mid-way.
// - https://www.sqlite.org/c3ref/close.html: sqlite3_close_v2 defers the close until every
//   prepared statement is finalized ("zombie" connection) instead of failing with BUSY.
import CSQLite

/// An open SQLite database connection. Not thread-safe: one owner (an actor) uses it.
public final class SQLiteConnection {
    /// How long a statement waits for another connection's lock before SQLITE_BUSY.
    public static let defaultBusyTimeoutMilliseconds: Int32 = 5_000

    let handle: OpaquePointer
    /// The file name as given to `init`.
    public let path: String
    private var statements: [String: SQLiteStatement] = [:]
    /// Keeps the WAL hook's closure alive while SQLite holds a pointer to it.
    var walHook: WALHookBox?

    /// Opens (creating if needed) the database at `path` in WAL mode with `synchronous=FULL`
    /// and foreign keys on.
    public init(path: String, busyTimeoutMilliseconds: Int32 = defaultBusyTimeoutMilliseconds) throws(SQLiteError) {
        var pointer: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &pointer, flags, nil)
        guard let pointer else {
            throw SQLiteError(operation: "open", code: code, message: "out of memory", sql: nil)
        }
        guard code == SQLITE_OK else {
            let error = SQLiteError(
                operation: "open", code: sqlite3_extended_errcode(pointer), message: String(cString: sqlite3_errmsg(pointer)),
                sql: path)
            sqlite3_close_v2(pointer)
            throw error
        }
        handle = pointer
        self.path = path
        sqlite3_extended_result_codes(pointer, 1)
        sqlite3_busy_timeout(pointer, busyTimeoutMilliseconds)
        try execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON")
    }

    deinit {
        statements.values.forEach { $0.finalize() }
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that take no parameters and return no rows of interest.
    public func execute(_ sql: String) throws(SQLiteError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error("exec", code, sql) }
    }

    /// A prepared statement for `sql`, cached for the connection's life and reset for reuse.
    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let cached = statements[sql] {
            cached.reset()
            return cached
        }
        var pointer: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard code == SQLITE_OK, let pointer else { throw error("prepare", code, sql) }
        let statement = SQLiteStatement(connection: self, pointer: pointer, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Runs `sql` with `values` bound to `?1...`, calling `read` for each row.
    public func query<T, E: Error>(
        _ sql: String, _ values: [SQLiteValue] = [], mapError: (SQLiteError) -> E, read: (SQLiteRow) throws(E) -> T
    ) throws(E) -> [T] {
        let statement: SQLiteStatement
        do {
            statement = try prepare(sql)
            try statement.bind(values)
        } catch { throw mapError(error) }
        defer { statement.reset() }
        var rows: [T] = []
        while true {
            let hasRow: Bool
            do { hasRow = try statement.step() } catch { throw mapError(error) }
            guard hasRow else { return rows }
            rows.append(try read(SQLiteRow(statement: statement)))
        }
    }

    /// Runs a statement that returns no rows; returns how many rows it changed.
    @discardableResult
    public func run(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> Int {
        let statement = try prepare(sql)
        defer { statement.reset() }
        try statement.bind(values)
        while try statement.step() {}
        return Int(sqlite3_changes(handle))
    }

    /// The write-ahead log's file name, when the main database is a file in WAL mode
    /// (https://www.sqlite.org/c3ref/filename_database.html: `sqlite3_filename_wal` of the name
    /// `sqlite3_db_filename` gives); `nil` for an in-memory or temporary database.
    public var walFileName: String? {
        let mode = try? query("PRAGMA journal_mode", [], mapError: { (error: SQLiteError) in error }) {
            (row: SQLiteRow) throws(SQLiteError) in row.text(0)
        }.first
        guard let mode,
            mode.lowercased() == "wal", let name = sqlite3_db_filename(handle, "main"), name.pointee != 0,
            let wal = sqlite3_filename_wal(name)
        else { return nil }
        return String(cString: wal)
    }

    /// The rowid of the last inserted row.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// How a commit reaches the disk (https://www.sqlite.org/pragma.html#pragma_synchronous).
    public enum Sync: Sendable {
        /// `synchronous=FULL`: the WAL is synced at every commit: durable across power loss.
        case full
        /// `synchronous=NORMAL`: in WAL mode, durable across a process crash (the WAL is in the
        /// OS's hands at commit) and made durable across power loss by the next `full` commit,
        /// whose sync covers every earlier WAL frame. For writes whose loss only makes a job
        /// run again from its journal (claims, lease renewals, job ends).
        case normal
    }

    /// Runs `body` inside `BEGIN IMMEDIATE ... COMMIT` (one sync at commit with `.full`),
    /// rolling back when it throws. SQLite failures of BEGIN and COMMIT are turned into `E` by
    /// `mapError`. The connection is left at `synchronous=FULL`.
    public func transaction<T, E: Error>(
        sync: Sync = .full, mapError: (SQLiteError) -> E, _ body: () throws(E) -> T
    ) throws(E) -> T {
        if sync == .normal {
            do { try execute("PRAGMA synchronous=NORMAL") } catch { throw mapError(error) }
        }
        defer { if sync == .normal { try? execute("PRAGMA synchronous=FULL") } }
        do { try execute("BEGIN IMMEDIATE") } catch { throw mapError(error) }
        let value: T
        do { value = try body() } catch {
            rollback()
            throw error
        }
        do { try execute("COMMIT") } catch {
            rollback()
            throw mapError(error)
        }
        return value
    }

    private func rollback() {
        // Fails harmlessly when SQLite already rolled back (e.g. after SQLITE_FULL).
        sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
    }

    func error(_ operation: String, _ code: Int32, _ sql: String?) -> SQLiteError {
        SQLiteError(
            operation: operation, code: sqlite3_extended_errcode(handle) == 0 ? code : sqlite3_extended_errcode(handle),
            message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
