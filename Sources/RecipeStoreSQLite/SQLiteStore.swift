// The SQLite backend of `RecipeStore`: one connection owned by one actor.
//
// Durability (https://www.sqlite.org/wal.html, https://www.sqlite.org/pragma.html#pragma_synchronous):
// the connection runs in WAL mode with synchronous=FULL, so each COMMIT syncs the WAL before
// returning; a method that returned has its writes on disk. `appendDeliveries` writes a whole
// batch in one transaction, so a batch of N costs one sync (group commit).
//
// Several processes may open one file: every write runs in BEGIN IMMEDIATE (the write lock
// first) and waits up to the busy timeout for another writer. Leases live in the `jobs` rows,
// never in this process.
import RecipeData
import RecipeStore

/// A `RecipeStore` in one SQLite file.
public actor SQLiteStore: RecipeStore {
    let connection: SQLiteConnection
    private let executor = SQLiteExecutor(label: "recipes.sqlite")
    /// The store runs on its own thread (`SQLiteExecutor`), never on the cooperative pool.
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    /// The migrations recorded in the database after opening, oldest first.
    public nonisolated let appliedMigrations: [SchemaVersion]
    /// Syncs the WAL for commits made with synchronous=NORMAL (`commitDeliveries`,
    /// `commitJournal`); `nil` when the database has no WAL file (then those commits sync).
    private nonisolated let walSync: WALSync?
    /// Checkpoints the WAL on a connection and thread of its own (`nil` without a WAL file).
    private nonisolated let checkpointer: WALCheckpointer?

    /// Opens (creating if needed) the database at `path` and applies the missing migrations.
    /// Fails with `StoreError.schemaTooNew` on a database written by a newer version.
    ///
    /// `checkpointFrames`: WAL frames after which a background checkpoint starts; at four times
    /// as many (the background one lagging), the committing connection checkpoints itself, so
    /// the WAL stays bounded however busy the machine is.
    public init(
        path: String, migrations: [SQLiteMigration] = SQLiteMigrations.all, checkpointFrames: Int = WALCheckpointer.defaultThreshold
    ) throws(StoreError) {
        do {
            connection = try SQLiteConnection(path: path)
        } catch { throw Self.backend(error) }
        appliedMigrations = try connection.migrate(migrations)
        walSync = connection.walFileName.flatMap { WALSync(fileName: $0) }
        if connection.walFileName != nil {
            let checkpointer: WALCheckpointer
            do { checkpointer = try WALCheckpointer(path: path, threshold: checkpointFrames) } catch { throw Self.backend(error) }
            let connection = connection
            let inlineLimit = checkpointFrames * 4
            connection.onWALCommit { [unowned connection] frames in
                checkpointer.committed(walFrames: frames)
                // SQLite's own automatic checkpoint does the same from its WAL hook; BUSY while the
                // background checkpoint runs, which is then making progress anyway.
                if frames >= inlineLimit { _ = try? connection.checkpointPassive() }
            }
            self.checkpointer = checkpointer
        } else {
            checkpointer = nil
        }
    }

    /// WAL syncs made for `waitUntilDurable` so far (the benchmarks' syncs per delivery).
    public nonisolated var pipelinedSyncCount: Int { walSync?.syncCount ?? 0 }

    /// Returns once every commit up to `ticket` is on stable storage (WALSync.swift).
    public nonisolated func waitUntilDurable(_ ticket: DurabilityTicket) async throws(StoreError) {
        guard ticket != .durable, let walSync else { return }
        try await walSync.wait(ticket)
    }

    /// Commits `body` with synchronous=NORMAL and numbers the commit for `waitUntilDurable`;
    /// without a WAL file to sync, commits with synchronous=FULL (durable at once).
    func commitThenSync<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> Committed<T> {
        guard let walSync else { return Committed(try transaction(sync: .full, body), ticket: .durable) }
        let value = try transaction(sync: .normal, body)
        return Committed(value, ticket: walSync.committed())
    }

    static func backend(_ error: SQLiteError) -> StoreError {
        .backend(detail: error.description)
    }

    // MARK: Helpers for the extensions (the only callers of the connection)

    func rows<T>(_ sql: String, _ values: [SQLiteValue], _ read: (SQLiteRow) throws(StoreError) -> T) throws(StoreError) -> [T] {
        try connection.query(sql, values, mapError: Self.backend, read: read)
    }

    @discardableResult
    func run(_ sql: String, _ values: [SQLiteValue]) throws(StoreError) -> Int {
        do { return try connection.run(sql, values) } catch { throw Self.backend(error) }
    }

    func transaction<T>(sync: SQLiteConnection.Sync = .full, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try connection.transaction(sync: sync, mapError: Self.backend, body)
    }

    // MARK: Deliveries

    /// The delivery's columns and the ids of the jobs it started (as "1,2,3").
    static let deliveryColumns = """
        id, received_at, folder, connection, headers_json, body, dedup_key, verification, duplicate_of, \
        (SELECT group_concat(jobs.id) FROM jobs WHERE jobs.delivery_id = deliveries.id), coalesced_into
        """

    public func appendDeliveries(_ intakes: [DeliveryIntake], dedupWindow: Int64) throws(StoreError) -> [StoredDelivery] {
        try transaction { () throws(StoreError) -> [StoredDelivery] in try insertDeliveries(intakes, dedupWindow: dedupWindow) }
    }

    public func commitDeliveries(_ intakes: [DeliveryIntake], dedupWindow: Int64) throws(StoreError) -> Committed<[StoredDelivery]> {
        try commitThenSync { () throws(StoreError) -> [StoredDelivery] in try insertDeliveries(intakes, dedupWindow: dedupWindow) }
    }

    /// The rows of `appendDeliveries`, inside the caller's transaction.
    private func insertDeliveries(_ intakes: [DeliveryIntake], dedupWindow: Int64) throws(StoreError) -> [StoredDelivery] {
        var stored: [StoredDelivery] = []
        stored.reserveCapacity(intakes.count)
        for intake in intakes {
            let delivery = intake.delivery
            var duplicateOf: Int64?
            if let key = delivery.dedupKey {
                duplicateOf = try rows(
                    """
                    SELECT id FROM deliveries
                    WHERE dedup_key = ?1 AND duplicate_of IS NULL AND received_at >= ?2 ORDER BY id LIMIT 1
                    """,
                    [.text(key), .integer(delivery.receivedAt - dedupWindow)]
                ) { (row: SQLiteRow) throws(StoreError) in row.int64(0) }.first
            }
            let id = try rows(
                """
                INSERT INTO deliveries (received_at, folder, connection, headers_json, body, dedup_key, verification, duplicate_of)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id
                """,
                [
                    .integer(delivery.receivedAt), .text(delivery.folder), .text(delivery.connection),
                    .text(Self.headersJSON(delivery.headers)), .blob(delivery.body), .optional(delivery.dedupKey),
                    .text(delivery.verification.rawValue), .optional(duplicateOf),
                ]
            ) { (row: SQLiteRow) throws(StoreError) in row.int64(0) }
            guard let id = id.first else { throw .backend(detail: "sqlite: INSERT INTO deliveries returned no id") }
            var jobIDs: [Int64] = []
            if duplicateOf == nil {
                for var job in intake.jobs {
                    job.deliveryID = id
                    jobIDs.append(try insertOrCoalesce(job))
                }
            }
            stored.append(StoredDelivery(id: id, delivery: delivery, duplicateOf: duplicateOf, jobIDs: jobIDs))
        }
        return stored
    }

    public func delivery(id: Int64) throws(StoreError) -> StoredDelivery? {
        try rows("SELECT \(Self.deliveryColumns) FROM deliveries WHERE id = ?1", [.integer(id)], Self.readDelivery).first
    }

    public func deliveries(_ filter: DeliveryFilter) throws(StoreError) -> [StoredDelivery] {
        try rows(
            """
            SELECT \(Self.deliveryColumns) FROM deliveries
            WHERE (?1 IS NULL OR folder = ?1) AND (?2 IS NULL OR connection = ?2) AND (?3 IS NULL OR received_at >= ?3)
              AND (?5 IS NULL OR coalesced_into = ?5)
            ORDER BY id DESC LIMIT ?4
            """,
            [
                .optional(filter.folder), .optional(filter.connection), .optional(filter.since),
                .integer(Int64(max(filter.limit, 0))), .optional(filter.coalescedInto),
            ],
            Self.readDelivery)
    }
}
