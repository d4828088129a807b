// Jobs, leases, the step journal and retention in SQLite.
//
// A job is claimable when queued, or running with a lapsed lease, and no older unfinished job
// shares its ordering key. Claims run in BEGIN IMMEDIATE, so two processes on one file never
// claim the same job (https://www.sqlite.org/lang_transaction.html: only one writer at a time).
// The claim names `status IN ('queued', 'running')` outright so that SQLite scans the partial
// index of unfinished jobs, not the whole history (https://www.sqlite.org/partialindex.html:
// a partial index is used only when the query's WHERE clause implies the index's WHERE).
// Deleting a job deletes its journal through ON DELETE CASCADE, which needs
// `PRAGMA foreign_keys=ON` on every connection (https://www.sqlite.org/foreignkeys.html).
import RecipeData
import RecipeStore

extension SQLiteStore {
    public func enqueue(_ jobs: [NewJob]) throws(StoreError) -> [StoredJob] {
        try transaction { () throws(StoreError) -> [StoredJob] in
            var stored: [StoredJob] = []
            for job in jobs { stored.append(try insertJob(job)) }
            return stored
        }
    }

    /// Inserts one job, or returns the job already enqueued under its origin key.
    /// What `trigger_json` holds: '' for a trigger that is its delivery's body (read from there),
    /// else the trigger's JSON.
    static func triggerColumn(_ job: NewJob) -> SQLiteValue {
        job.triggerIsDeliveryBody && job.deliveryID != nil ? .text("") : json(job.trigger)
    }

    func insertJob(_ job: NewJob) throws(StoreError) -> StoredJob {
        let inserted = try rows(
            """
            INSERT INTO jobs (recipe, content_hash, trigger_json, ordering_key, parent_id, delivery_id, origin_key, status, created_at,
                run_after, async_calls_before, debounce_ms)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued', ?8, ?9, ?10, ?11)
            ON CONFLICT (origin_key) DO NOTHING RETURNING id
            """,
            [
                .text(job.recipe), .text(job.contentHash), Self.triggerColumn(job), .optional(job.orderingKey),
                .optional(job.parentID), .optional(job.deliveryID), .optional(job.originKey), .integer(job.createdAt),
                .optional(job.runAfter), .integer(Int64(job.asyncCallsBefore)), .optional(job.debounce),
            ]
        ) { (row: SQLiteRow) throws(StoreError) in row.int64(0) }
        // A new row is what was given, queued: no need to read it back (and parse its JSON).
        if let id = inserted.first {
            var job = job
            job.triggerIsDeliveryBody = job.triggerIsDeliveryBody && job.deliveryID != nil
            return StoredJob(id: id, job: job)
        }
        let existing = try rows(
            "SELECT \(Self.jobColumns) FROM jobs WHERE origin_key = ?1", [.optional(job.originKey)], Self.readJob)
        guard let row = existing.first else { throw .backend(detail: "sqlite: INSERT INTO jobs returned no row") }
        return row
    }

    public func claim(owner: String, now: Int64, lease: Int64, limits: ClaimLimits) throws(StoreError) -> [StoredJob] {
        let limit = Int64(max(limits.total, 0))
        var running = JSONObject(minimumCapacity: limits.running.count)
        for (recipe, count) in limits.running { running[recipe] = .int(count) }
        return try transaction(sync: .normal) { () throws(StoreError) -> [StoredJob] in
            // The oldest claimable jobs (recipes at their limit skipped), ranked per recipe, so
            // that no recipe is taken beyond its limit.
            let ids = try rows(
                """
                WITH candidates AS (
                    SELECT j.id, j.recipe FROM jobs AS j
                    WHERE j.status IN ('queued', 'running')
                      AND ((j.status = 'queued' AND (j.run_after IS NULL OR j.run_after <= ?1))
                           OR (j.status = 'running' AND j.lease_expires_at <= ?1))
                      AND j.recipe NOT IN (SELECT value FROM json_each(?5))
                      AND NOT EXISTS (
                        SELECT 1 FROM jobs AS older
                        WHERE older.ordering_key = j.ordering_key AND older.id < j.id AND older.status IN ('queued', 'running'))
                    ORDER BY j.id LIMIT ?2 * ?6),
                ranked AS (
                    SELECT id, recipe, ROW_NUMBER() OVER (PARTITION BY recipe ORDER BY id) AS rank FROM candidates)
                SELECT id FROM ranked
                WHERE ?3 IS NULL OR rank + COALESCE((SELECT value FROM json_each(?4) WHERE key = ranked.recipe), 0) <= ?3
                ORDER BY id LIMIT ?2
                """,
                [
                    .integer(now), .integer(limit), .optional(limits.perRecipe.map(Int64.init)), Self.json(.object(running)),
                    Self.json(JSONValue.array(limits.saturatedRecipes.map(JSONValue.string))),
                    .integer(Int64(ClaimLimits.scanFactor)),
                ]
            ) { (row: SQLiteRow) throws(StoreError) in row.int64(0) }
            var claimed: [StoredJob] = []
            for id in ids {
                claimed += try rows(
                    """
                    UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_owner = ?2, lease_expires_at = ?3,
                        started_at = COALESCE(started_at, ?4)
                    WHERE id = ?1 RETURNING \(Self.jobColumns)
                    """,
                    [.integer(id), .text(owner), .integer(now + lease), .integer(now)], Self.readJob)
            }
            return claimed
        }
    }

    public func renewLease(jobID: Int64, owner: String, now: Int64, lease: Int64) throws(StoreError) -> StoredJob {
        let renewed = try rows(
            """
            UPDATE jobs SET lease_expires_at = ?3 WHERE id = ?1 AND status = 'running' AND lease_owner = ?2
            RETURNING \(Self.jobColumns)
            """,
            [.integer(jobID), .text(owner), .integer(now + lease)], Self.readJob)
        guard let job = renewed.first else { throw try notHeld(jobID, owner) }
        return job
    }

    public func expireAllLeases(now: Int64) throws(StoreError) -> Int {
        try run("UPDATE jobs SET lease_expires_at = ?1 WHERE status = 'running'", [.integer(now)])
    }

    public func postpone(jobID: Int64, owner: String, runAfter: Int64) throws(StoreError) -> StoredJob {
        let postponed = try rows(
            """
            UPDATE jobs SET status = 'queued', run_after = ?3, lease_owner = NULL, lease_expires_at = NULL
            WHERE id = ?1 AND status = 'running' AND lease_owner = ?2 RETURNING \(Self.jobColumns)
            """,
            [.integer(jobID), .text(owner), .integer(runAfter)], Self.readJob)
        guard let job = postponed.first else { throw try notHeld(jobID, owner) }
        return job
    }

    public func finish(_ batch: [JobFinish]) throws(StoreError) -> [Result<StoredJob, StoreError>] {
        try transaction(sync: .normal) { () throws(StoreError) -> [Result<StoredJob, StoreError>] in
            var results: [Result<StoredJob, StoreError>] = []
            for end in batch {
                do throws(StoreError) {
                    results.append(.success(try finishOne(jobID: end.jobID, owner: end.owner, outcome: end.outcome, now: end.now)))
                } catch .leaseLost(let jobID, let owner) {
                    results.append(.failure(.leaseLost(jobID: jobID, owner: owner)))
                } catch .unknownJob(let jobID) {
                    results.append(.failure(.unknownJob(jobID)))
                }
            }
            return results
        }
    }

    private func finishOne(jobID: Int64, owner: String, outcome: JobOutcome, now: Int64) throws(StoreError) -> StoredJob {
        let (status, result, error): (StoredJobStatus, JSONValue?, JSONValue?) =
            switch outcome {
            case .succeeded(let value): (.succeeded, value, nil)
            case .failed(let value): (.failed, nil, value)
            case .cancelled: (.cancelled, nil, nil)
            }
        let finished = try rows(
            """
            UPDATE jobs SET status = ?3, result_json = ?4, error_json = ?5, finished_at = ?6, lease_expires_at = NULL
            WHERE id = ?1 AND status = 'running' AND lease_owner = ?2 RETURNING \(Self.jobColumns)
            """,
            [.integer(jobID), .text(owner), .text(status.rawValue), Self.json(result), Self.json(error), .integer(now)],
            Self.readJob)
        guard let job = finished.first else { throw try notHeld(jobID, owner) }
        return job
    }

    /// The error for a job that `owner` does not hold: unknown, or the lease is lost.
    func notHeld(_ jobID: Int64, _ owner: String) throws(StoreError) -> StoreError {
        let exists = try rows("SELECT 1 FROM jobs WHERE id = ?1", [.integer(jobID)]) { (_: SQLiteRow) throws(StoreError) in true }
        return exists.isEmpty ? .unknownJob(jobID) : .leaseLost(jobID: jobID, owner: owner)
    }

    public func acknowledge(jobID: Int64, now: Int64) throws(StoreError) -> StoredJob? {
        try run(
            "UPDATE jobs SET acknowledged_at = ?2 WHERE id = ?1 AND status = 'failed' AND acknowledged_at IS NULL",
            [.integer(jobID), .integer(now)])
        return try job(id: jobID)
    }

    public func countJobs(status: StoredJobStatus) throws(StoreError) -> Int {
        // Unfinished statuses are counted over the partial index of unfinished jobs.
        let sql =
            status.isUnfinished
            ? "SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running') AND status = ?1"
            : "SELECT COUNT(*) FROM jobs WHERE status = ?1"
        return try rows(sql, [.text(status.rawValue)]) { (row: SQLiteRow) throws(StoreError) in Int(row.int64(0)) }.first ?? 0
    }

    public func job(id: Int64) throws(StoreError) -> StoredJob? {
        try rows("SELECT \(Self.jobColumns) FROM jobs WHERE id = ?1", [.integer(id)], Self.readJob).first
    }

    public func jobs(_ filter: JobFilter) throws(StoreError) -> [StoredJob] {
        try rows(
            """
            SELECT \(Self.jobColumns) FROM jobs
            WHERE (?1 IS NULL OR recipe = ?1) AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR created_at >= ?3)
              AND (?5 IS NULL OR parent_id = ?5)
            ORDER BY id DESC LIMIT ?4
            """,
            [
                .optional(filter.recipe), .optional(filter.status?.rawValue), .optional(filter.since),
                .integer(Int64(max(filter.limit, 0))), .optional(filter.parentID),
            ], Self.readJob)
    }

    public func appendJournal(_ batch: [JournalAppend]) throws(StoreError) -> [Result<JournalAppended, StoreError>] {
        try transaction { () throws(StoreError) -> [Result<JournalAppended, StoreError>] in try insertJournal(batch) }
    }

    public func commitJournal(_ batch: [JournalAppend]) throws(StoreError) -> Committed<[Result<JournalAppended, StoreError>]> {
        try commitThenSync { () throws(StoreError) -> [Result<JournalAppended, StoreError>] in try insertJournal(batch) }
    }

    /// The rows of `appendJournal`, inside the caller's transaction.
    private func insertJournal(_ batch: [JournalAppend]) throws(StoreError) -> [Result<JournalAppended, StoreError>] {
        var results: [Result<JournalAppended, StoreError>] = []
        results.reserveCapacity(batch.count)
        for append in batch {
            let entry = append.entry
            let held = try rows(
                "SELECT 1 FROM jobs WHERE id = ?1 AND status = 'running' AND lease_owner = ?2",
                [.integer(entry.jobID), .text(append.owner)]
            ) { (_: SQLiteRow) throws(StoreError) in true }
            guard !held.isEmpty else {
                results.append(.failure(try notHeld(entry.jobID, append.owner)))
                continue
            }
            let stored = try rows(
                """
                INSERT INTO journal (job_id, sequence, step_path, phase, idempotency_key, output_json, error_json, at,
                    kind, attempt, status, observations_json)
                VALUES (?1, (SELECT COALESCE(MAX(sequence), 0) + 1 FROM journal WHERE job_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7,
                    ?8, ?9, ?10, ?11)
                RETURNING \(Self.journalColumns)
                """,
                [
                    .integer(entry.jobID), .text(entry.stepPath), .text(entry.phase.rawValue), .optional(entry.idempotencyKey),
                    Self.json(entry.output), Self.json(entry.error), .integer(entry.at), .optional(entry.kind),
                    .integer(Int64(entry.attempt)), .optional(entry.status), Self.json(entry.observations),
                ], Self.readJournalEntry)
            guard let first = stored.first else { throw .backend(detail: "sqlite: INSERT INTO journal returned no row") }
            var enqueued: [StoredJob] = []
            for child in append.children { enqueued.append(try insertJob(child)) }
            results.append(.success(JournalAppended(entry: first, children: enqueued)))
        }
        return results
    }

    public func journal(jobID: Int64) throws(StoreError) -> [StoredJournalEntry] {
        try rows(
            "SELECT \(Self.journalColumns) FROM journal WHERE job_id = ?1 ORDER BY sequence", [.integer(jobID)],
            Self.readJournalEntry)
    }

    public func pruneSucceededJobs(_ policy: RetentionPolicy, now: Int64) throws(StoreError) -> Int {
        try transaction { () throws(StoreError) -> Int in
            try run(
                """
                DELETE FROM jobs WHERE ((status = 'succeeded' AND (finished_at < ?1 OR id NOT IN (
                    SELECT id FROM jobs WHERE status = 'succeeded' ORDER BY finished_at DESC, id DESC LIMIT ?2)))
                  OR (status = 'failed' AND acknowledged_at IS NOT NULL AND finished_at < ?1))
                  AND id < (SELECT MAX(id) FROM jobs)
                """,
                [.integer(now - policy.maxSucceededAge), .integer(Int64(max(policy.maxSucceededCount, 0)))])
        }
    }
}

extension SQLiteStore {
    /// `RecipeStore.pruneDeliveries`. A rowid table without AUTOINCREMENT gives a new row the
    /// largest id + 1 (https://www.sqlite.org/autoinc.html), so keeping the newest row keeps ids
    /// from being reused. Old rows come first in id order, so the scans stop early.
    public func pruneDeliveries(receivedBefore: Int64, limit: Int) throws(StoreError) -> Int {
        try transaction { () throws(StoreError) -> Int in
            let newest = "(SELECT MAX(id) FROM deliveries)"
            let unreferenced = "NOT EXISTS (SELECT 1 FROM jobs WHERE jobs.delivery_id = deliveries.id)"
            let duplicates = try run(
                """
                DELETE FROM deliveries WHERE id IN (
                    SELECT id FROM deliveries WHERE received_at < ?1 AND duplicate_of IS NOT NULL AND id < \(newest)
                      AND \(unreferenced) ORDER BY id LIMIT ?2)
                """, [.integer(receivedBefore), .integer(Int64(max(limit, 0)))])
            let firsts = try run(
                """
                DELETE FROM deliveries WHERE id IN (
                    SELECT id FROM deliveries WHERE received_at < ?1 AND duplicate_of IS NULL AND id < \(newest)
                      AND \(unreferenced)
                      AND id NOT IN (SELECT duplicate_of FROM deliveries WHERE duplicate_of IS NOT NULL)
                    ORDER BY id LIMIT ?2)
                """, [.integer(receivedBefore), .integer(Int64(max(limit - duplicates, 0)))])
            return duplicates + firsts
        }
    }

    /// Inserts a delivery's job, or coalesces it into the waiting debounced job of its key
    /// (`RecipeStore.appendDeliveries`); returns the job's id.
    func insertOrCoalesce(_ job: NewJob) throws(StoreError) -> Int64 {
        var job = job
        guard let debounce = job.debounce, let key = job.orderingKey else { return try insertJob(job).id }
        job.runAfter = job.createdAt + debounce
        let youngest = try rows(
            """
            SELECT id, recipe, status, attempts, debounce_ms, delivery_id FROM jobs
            WHERE ordering_key = ?1 AND status IN ('queued', 'running') ORDER BY id DESC LIMIT 1
            """,
            [.text(key)]
        ) { (row: SQLiteRow) throws(StoreError) in
            (id: row.int64(0), recipe: row.text(1), status: row.text(2), attempts: row.int64(3), debounced: row.optionalInt64(4) != nil,
             delivery: row.optionalInt64(5))
        }.first
        guard let waiting = youngest, waiting.recipe == job.recipe, waiting.status == "queued", waiting.attempts == 0,
            waiting.debounced
        else { return try insertJob(job).id }
        if let previous = waiting.delivery {
            try run("UPDATE deliveries SET coalesced_into = ?2 WHERE id = ?1", [.integer(previous), .integer(waiting.id)])
        }
        try run(
            """
            UPDATE jobs SET trigger_json = ?2, delivery_id = ?3, content_hash = ?4, run_after = ?5, debounce_ms = ?6
            WHERE id = ?1
            """,
            [
                .integer(waiting.id), Self.triggerColumn(job), .optional(job.deliveryID), .text(job.contentHash),
                .optional(job.runAfter), .integer(debounce),
            ])
        return waiting.id
    }
}
