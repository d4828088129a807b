// SQLite only: the schema migrations, the connection's settings and its typed errors.
import RecipeData
import RecipeStore
import RecipeStoreSQLite
import Testing

@Suite struct SQLiteMigrationTests {
    static let names = ["deliveries_and_jobs", "journal_and_recipe_state", "step_details_and_waits"]

    @Test func aNewDatabaseRecordsEveryMigrationByNameInOrderOnce() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let store = try SQLiteStore(path: path)
        #expect(store.appliedMigrations.map(\.name) == Self.names)
        #expect(store.appliedMigrations.map(\.version) == [1, 2, 3])
        // Reopening applies nothing again (a second CREATE TABLE would fail).
        #expect(try SQLiteStore(path: path).appliedMigrations == store.appliedMigrations)
        let recorded = try Self.column(path, "SELECT name FROM schema_migrations ORDER BY version")
        #expect(recorded == Self.names)
    }

    @Test func anOlderDatabaseGetsTheMissingMigrationsOnOpen() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let old = try SQLiteStore(path: path, migrations: Array(SQLiteMigrations.all.prefix(1)))
        #expect(old.appliedMigrations.map(\.name) == Array(Self.names.prefix(1)))
        // A row written by the version-1 schema (today's code reads columns added since, so the
        // row goes in as SQL).
        try Self.execute(
            path,
            """
            INSERT INTO jobs (recipe, content_hash, trigger_json, ordering_key, status, created_at)
            VALUES ('sync', 'sha256:abc', '{"employeeId":"7"}', 'hibob:7', 'queued', 42)
            """)
        let upgraded = try SQLiteStore(path: path)
        #expect(upgraded.appliedMigrations.map(\.name) == Self.names)
        let job = try #require(try await upgraded.job(id: 1))
        #expect(job.job.trigger == ["employeeId": "7"] && job.job.orderingKey == "hibob:7" && job.job.createdAt == 42)
        #expect(job.job.runAfter == nil && job.job.asyncCallsBefore == 0)
        try await upgraded.setKeyState(recipe: "r", key: "k", value: .bool(true))
    }

    @Test func aDatabaseFromANewerVersionIsRefusedNamingBothVersions() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        _ = try SQLiteStore(path: path)
        try Self.execute(path, "INSERT INTO schema_migrations VALUES (4, 'from_the_future', 0)")
        let expected = StoreError.schemaTooNew(
            database: SchemaVersion(version: 4, name: "from_the_future"),
            supported: SchemaVersion(version: 3, name: "step_details_and_waits"))
        #expect(throws: expected) { try SQLiteStore(path: path) }
        let message = expected.description
        #expect(message.contains("4 (from_the_future)") && message.contains("3 (step_details_and_waits)"))
        #expect(message.contains("newer version"))
    }

    @Test func aDatabaseWithAnotherMigrationUnderAKnownVersionIsRefused() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        _ = try SQLiteStore(path: path, migrations: Array(SQLiteMigrations.all.prefix(1)))
        try Self.execute(path, "UPDATE schema_migrations SET name = 'renamed' WHERE version = 1")
        #expect(throws: StoreError.schemaMismatch(
            database: SchemaVersion(version: 1, name: "renamed"), expected: SchemaVersion(version: 1, name: Self.names[0])
        )) { try SQLiteStore(path: path) }
    }

    @Test func connectionsUseWALWithFullSyncAndForeignKeys() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("c.sqlite"))
        let cases: [(String, String)] = [("PRAGMA journal_mode", "wal"), ("PRAGMA synchronous", "2"), ("PRAGMA foreign_keys", "1")]
        for (pragma, value) in cases {
            let read = try connection.query(pragma, mapError: { $0 }) { (row: SQLiteRow) throws(SQLiteError) in row.text(0) }
            #expect(read == [value], "\(pragma)")
        }
    }

    /// A `.normal` transaction commits with `synchronous=NORMAL` and leaves the connection at
    /// FULL again, also when its body throws.
    @Test func aNormalSyncTransactionLeavesTheConnectionAtFull() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("c.sqlite"))
        func level() throws(SQLiteError) -> [Int64] {
            try connection.query("PRAGMA synchronous", mapError: { $0 }) { (row: SQLiteRow) throws(SQLiteError) in row.int64(0) }
        }
        let inside = try connection.transaction(sync: .normal, mapError: { $0 }) { () throws(SQLiteError) in try level() }
        let after = try level()
        #expect(inside == [1] && after == [2])
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try connection.transaction(sync: .normal, mapError: { _ in Refused() }) { () throws(Refused) in throw Refused() }
        }
        #expect(try level() == [2])
        #expect(try connection.transaction(mapError: { $0 }) { () throws(SQLiteError) in try level() } == [2])
    }

    @Test func errorsCarryTheSQLTheCodeAndSQLitesMessage() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("c.sqlite"))
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        let cases: [(sql: String, code: Int32, message: String)] = [
            ("SELECT nope FROM t", 1, "no such column: nope"),
            ("INSERT INTO t (id, name) VALUES (1, NULL)", 1299, "NOT NULL constraint failed: t.name"),
        ]
        for probe in cases {
            do {
                try connection.run(probe.sql)
                Issue.record("\(probe.sql) did not fail")
            } catch {
                #expect(error.sql == probe.sql && error.code == probe.code && error.message == probe.message)
                #expect(error.description.contains(probe.message) && error.description.contains(probe.sql))
            }
        }
        #expect(throws: SQLiteError.self) { try SQLiteConnection(path: directory.file("missing/dir/c.sqlite")) }
        // A failed statement rolls its transaction back.
        #expect(throws: SQLiteError.self) {
            try connection.transaction(mapError: { $0 }) { () throws(SQLiteError) in
                try connection.run("INSERT INTO t (id, name) VALUES (2, 'kept?')")
                try connection.run("INSERT INTO t (id, name) VALUES (2, 'duplicate id')")
            }
        }
        let count = try connection.query("SELECT COUNT(*) FROM t", mapError: { $0 }) { (row: SQLiteRow) throws(SQLiteError) in row.int64(0) }
        #expect(count == [0])
    }

    static func execute(_ path: String, _ sql: String) throws {
        try SQLiteConnection(path: path).execute(sql)
    }

    static func column(_ path: String, _ sql: String) throws -> [String] {
        try SQLiteConnection(path: path).query(sql, mapError: { $0 }) { (row: SQLiteRow) throws(SQLiteError) in row.text(0) }
    }
}
