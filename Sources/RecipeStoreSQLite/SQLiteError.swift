// The typed error of the SQLite wrapper.
import CSQLite

/// A failed SQLite call: the operation, the extended result code, `sqlite3_errmsg` and the SQL.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the wrapper was doing ("open", "prepare", "step", "bind", "exec", ...).
    public var operation: String
    /// The extended result code (https://www.sqlite.org/rescode.html).
    public var code: Int32
    /// `sqlite3_errmsg` at the time of the failure.
    public var message: String
    /// The statement, when one was involved.
    public var sql: String?

    public init(operation: String, code: Int32, message: String, sql: String?) {
        self.operation = operation
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code (the low byte of the extended one), e.g. `SQLITE_BUSY`.
    public var primaryCode: Int32 { code & 0xFF }

    public var description: String {
        let name = String(cString: sqlite3_errstr(code))
        var text = "sqlite \(operation) failed with code \(code) (\(name)): \(message)"
        if let sql { text += " in `\(sql)`" }
        return text
    }
}
