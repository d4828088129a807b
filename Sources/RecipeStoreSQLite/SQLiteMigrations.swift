// The SQLite schema: named, ordered migrations recorded in `schema_migrations`.
//
// SQLite documentation relied on:
// - https://www.sqlite.org/lang_transaction.html: schema changes are transactional, so a
//   migration and its `schema_migrations` row commit together or not at all; BEGIN IMMEDIATE
//   makes two processes opening one database at once migrate one after the other.
// - https://www.sqlite.org/partialindex.html: the claim and ordering-key indexes cover only
//   unfinished jobs, so they stay small however long the history grows.
import RecipeStore

/// One schema change: its number (from 1, no gaps), its name and its SQL.
public struct SQLiteMigration: Sendable {
    public var version: Int
    public var name: String
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// The version and name, as errors and `appliedMigrations` show them.
    public var schemaVersion: SchemaVersion { SchemaVersion(version: version, name: name) }
}

/// Every migration of this build, in order.
public enum SQLiteMigrations {
    public static let all: [SQLiteMigration] = [deliveriesAndJobs, journalAndRecipeState, stepDetailsAndWaits]

    static let deliveriesAndJobs = SQLiteMigration(
        version: 1, name: "deliveries_and_jobs",
        sql: """
            CREATE TABLE deliveries (
                id INTEGER PRIMARY KEY,
                received_at INTEGER NOT NULL,
                folder TEXT NOT NULL,
                connection TEXT NOT NULL,
                headers_json TEXT NOT NULL,
                body BLOB NOT NULL,
                dedup_key TEXT,
                verification TEXT NOT NULL,
                duplicate_of INTEGER REFERENCES deliveries(id)
            );
            CREATE INDEX deliveries_dedup ON deliveries(dedup_key, received_at)
                WHERE dedup_key IS NOT NULL AND duplicate_of IS NULL;
            CREATE INDEX deliveries_folder ON deliveries(folder, id);
            CREATE TABLE jobs (
                id INTEGER PRIMARY KEY,
                recipe TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                trigger_json TEXT NOT NULL,
                ordering_key TEXT,
                parent_id INTEGER,
                delivery_id INTEGER,
                origin_key TEXT UNIQUE,
                status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
                attempts INTEGER NOT NULL DEFAULT 0,
                lease_owner TEXT,
                lease_expires_at INTEGER,
                created_at INTEGER NOT NULL,
                started_at INTEGER,
                finished_at INTEGER,
                result_json TEXT,
                error_json TEXT
            );
            CREATE INDEX jobs_unfinished ON jobs(id) WHERE status IN ('queued', 'running');
            CREATE INDEX jobs_ordering_key ON jobs(ordering_key, id)
                WHERE status IN ('queued', 'running') AND ordering_key IS NOT NULL;
            CREATE INDEX jobs_recipe ON jobs(recipe, id);
            CREATE INDEX jobs_parent ON jobs(parent_id) WHERE parent_id IS NOT NULL;
            CREATE INDEX jobs_delivery ON jobs(delivery_id) WHERE delivery_id IS NOT NULL;
            CREATE INDEX jobs_succeeded ON jobs(finished_at, id) WHERE status = 'succeeded';
            """)

    static let journalAndRecipeState = SQLiteMigration(
        version: 2, name: "journal_and_recipe_state",
        sql: """
            CREATE TABLE journal (
                job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
                sequence INTEGER NOT NULL,
                step_path TEXT NOT NULL,
                phase TEXT NOT NULL CHECK (phase IN ('started', 'ended')),
                idempotency_key TEXT,
                output_json TEXT,
                error_json TEXT,
                at INTEGER NOT NULL,
                PRIMARY KEY (job_id, sequence)
            ) WITHOUT ROWID;
            CREATE TABLE recipe_lifecycle (
                recipe TEXT PRIMARY KEY,
                state TEXT NOT NULL CHECK (state IN ('started', 'stopped')),
                pinned_content_hash TEXT,
                changed_at INTEGER NOT NULL
            );
            CREATE TABLE schedule_cursors (
                recipe TEXT PRIMARY KEY,
                fired_at INTEGER NOT NULL
            );
            CREATE TABLE key_state (
                recipe TEXT NOT NULL,
                key TEXT NOT NULL,
                value_json TEXT NOT NULL,
                PRIMARY KEY (recipe, key)
            ) WITHOUT ROWID;
            """)
}

extension SQLiteMigrations {
    /// The engine's step details on journal rows (kind, attempt, status, observed values); jobs
    /// that wait (`run_after`), count their tree's asynchronous calls, or debounce; deliveries
    /// coalesced into a debounced job; recipe file contents kept by hash (pinned at start).
    static let stepDetailsAndWaits = SQLiteMigration(
        version: 3, name: "step_details_and_waits",
        sql: """
            ALTER TABLE journal ADD COLUMN kind TEXT;
            ALTER TABLE journal ADD COLUMN attempt INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE journal ADD COLUMN status TEXT;
            ALTER TABLE journal ADD COLUMN observations_json TEXT;
            ALTER TABLE jobs ADD COLUMN run_after INTEGER;
            ALTER TABLE jobs ADD COLUMN async_calls_before INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE jobs ADD COLUMN debounce_ms INTEGER;
            ALTER TABLE jobs ADD COLUMN acknowledged_at INTEGER;
            ALTER TABLE deliveries ADD COLUMN coalesced_into INTEGER;
            CREATE INDEX deliveries_coalesced ON deliveries(coalesced_into) WHERE coalesced_into IS NOT NULL;
            CREATE TABLE recipe_contents (
                hash TEXT PRIMARY KEY,
                content BLOB NOT NULL
            ) WITHOUT ROWID;
            """)
}

extension SQLiteConnection {
    /// Checks the recorded migrations against `migrations` and applies the missing ones, all
    /// in one transaction. Returns the versions recorded afterwards.
    func migrate(_ migrations: [SQLiteMigration]) throws(StoreError) -> [SchemaVersion] {
        let backend = { (error: SQLiteError) in StoreError.backend(detail: error.description) }
        return try transaction(mapError: backend) { () throws(StoreError) -> [SchemaVersion] in
            do throws(SQLiteError) {
                try execute(
                    """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version INTEGER PRIMARY KEY,
                        name TEXT NOT NULL,
                        applied_at INTEGER NOT NULL
                    )
                    """)
            } catch { throw backend(error) }
            var recorded = try query(
                "SELECT version, name FROM schema_migrations ORDER BY version", mapError: backend
            ) { (row: SQLiteRow) throws(StoreError) in SchemaVersion(version: Int(row.int64(0)), name: row.text(1)) }
            if let newest = recorded.last, newest.version > migrations.count {
                throw .schemaTooNew(
                    database: newest,
                    supported: migrations.last?.schemaVersion ?? SchemaVersion(version: 0, name: "none"))
            }
            for (recordedVersion, migration) in zip(recorded, migrations) where recordedVersion != migration.schemaVersion {
                throw .schemaMismatch(database: recordedVersion, expected: migration.schemaVersion)
            }
            for migration in migrations.dropFirst(recorded.count) {
                do throws(SQLiteError) {
                    try execute(migration.sql)
                    try run(
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, strftime('%s', 'now') * 1000)",
                        [.integer(Int64(migration.version)), .text(migration.name)])
                } catch { throw backend(error) }
                recorded.append(migration.schemaVersion)
            }
            return recorded
        }
    }
}
