// Prepared statements: typed binds in, typed columns out.
//
// SQLite documentation relied on:
// - https://www.sqlite.org/c3ref/bind_blob.html: parameters are numbered from 1;
//   SQLITE_TRANSIENT makes SQLite copy the bytes before the bind call returns.
// - https://www.sqlite.org/c3ref/column_blob.html: a column's pointer is valid until the next
//   step or reset, so values are copied out at once; a zero-length BLOB returns NULL.
// - https://www.sqlite.org/c3ref/reset.html: reset keeps the bindings; clear_bindings drops them.
import CSQLite

/// A value bound to a statement parameter.
public enum SQLiteValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// `.text`, or `.null` for `nil`.
    public static func optional(_ text: String?) -> SQLiteValue { text.map(SQLiteValue.text) ?? .null }
    /// `.integer`, or `.null` for `nil`.
    public static func optional(_ integer: Int64?) -> SQLiteValue { integer.map(SQLiteValue.integer) ?? .null }
}

/// SQLite's "copy the bytes now" destructor sentinel (`SQLITE_TRANSIENT`, which is `(void *)-1`
/// and not imported into Swift).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A compiled statement owned by its connection (which caches and finalizes it).
public final class SQLiteStatement {
    unowned let connection: SQLiteConnection
    let pointer: OpaquePointer
    /// The statement's text, carried into errors.
    public let sql: String

    init(connection: SQLiteConnection, pointer: OpaquePointer, sql: String) {
        self.connection = connection
        self.pointer = pointer
        self.sql = sql
    }

    /// Binds `values` to parameters 1...n, clearing earlier bindings.
    public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        sqlite3_clear_bindings(pointer)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(pointer, index)
            case .integer(let number): code = sqlite3_bind_int64(pointer, index, number)
            case .real(let number): code = sqlite3_bind_double(pointer, index, number)
            case .text(let text): code = sqlite3_bind_text(pointer, index, text, -1, transient)
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob64(pointer, index, buffer.baseAddress, sqlite3_uint64(buffer.count), transient)
                }
            }
            guard code == SQLITE_OK else { throw connection.error("bind ?\(index)", code, sql) }
        }
    }

    /// Advances one row: `true` when a row is ready, `false` when the statement is done.
    public func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(pointer)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.error("step", code, sql)
        }
    }

    /// Makes the statement ready to run again.
    public func reset() {
        sqlite3_reset(pointer)
    }

    func finalize() {
        sqlite3_finalize(pointer)
    }
}

/// The current row of a statement; valid only inside the `read` closure of `query`.
public struct SQLiteRow {
    let statement: SQLiteStatement

    /// Whether column `index` (from 0) is NULL.
    public func isNull(_ index: Int32) -> Bool {
        sqlite3_column_type(statement.pointer, index) == SQLITE_NULL
    }

    public func int64(_ index: Int32) -> Int64 {
        sqlite3_column_int64(statement.pointer, index)
    }

    public func optionalInt64(_ index: Int32) -> Int64? {
        isNull(index) ? nil : int64(index)
    }

    public func text(_ index: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement.pointer, index) else { return "" }
        let count = Int(sqlite3_column_bytes(statement.pointer, index))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    public func optionalText(_ index: Int32) -> String? {
        isNull(index) ? nil : text(index)
    }

    public func blob(_ index: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement.pointer, index))
        guard count > 0, let pointer = sqlite3_column_blob(statement.pointer, index) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
