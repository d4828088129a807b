// Reading stored rows back into records, and JSON columns in and out.
import RecipeData
import RecipeStore

extension SQLiteStore {
    static func json(_ value: JSONValue) -> SQLiteValue {
        .text(value.jsonString())
    }

    static func json(_ value: JSONValue?) -> SQLiteValue {
        value.map(json) ?? .null
    }

    static func parseJSON(_ text: String, column: String) throws(StoreError) -> JSONValue {
        do { return try JSONParser.parseValue(text, path: column) } catch { throw .corrupt("\(column): \(error)") }
    }

    static func parseOptionalJSON(_ text: String?, column: String) throws(StoreError) -> JSONValue? {
        guard let text else { return nil }
        return try parseJSON(text, column: column)
    }

    static func headersJSON(_ headers: [String: String]) -> String {
        var object = JSONObject(minimumCapacity: headers.count)
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { object[name] = .string(value) }
        return JSONValue.object(object).jsonString()
    }

    static func readDelivery(_ row: SQLiteRow) throws(StoreError) -> StoredDelivery {
        guard case .object(let object) = try parseJSON(row.text(4), column: "deliveries.headers_json") else {
            throw .corrupt("deliveries.headers_json is not an object")
        }
        var headers: [String: String] = [:]
        for (name, value) in object {
            guard case .string(let text) = value else { throw .corrupt("deliveries.headers_json: \(name) is not a string") }
            headers[name] = text
        }
        guard let verification = DeliveryVerification(rawValue: row.text(7)) else {
            throw .corrupt("deliveries.verification '\(row.text(7))'")
        }
        let delivery = NewDelivery(
            body: row.blob(5), headers: headers, connection: row.text(3), folder: row.text(2), receivedAt: row.int64(1),
            dedupKey: row.optionalText(6), verification: verification)
        let jobIDs = (row.optionalText(9) ?? "").split(separator: ",").compactMap { Int64($0) }.sorted()
        let coalescedInto = row.optionalInt64(10)
        let all = jobIDs + (coalescedInto.map { [$0] } ?? [])
        return StoredDelivery(
            id: row.int64(0), delivery: delivery, duplicateOf: row.optionalInt64(8), jobIDs: all, coalescedInto: coalescedInto)
    }

    /// `trigger_json` is '' when the trigger is the job's delivery body (`NewJob.triggerIsDeliveryBody`):
    /// the body is then read from the delivery, not stored twice.
    static let jobColumns = """
        id, recipe, content_hash, \
        CASE WHEN jobs.trigger_json = '' THEN (SELECT body FROM deliveries WHERE deliveries.id = jobs.delivery_id) \
        ELSE jobs.trigger_json END, ordering_key, parent_id, delivery_id, origin_key, status, attempts, \
        lease_owner, lease_expires_at, created_at, started_at, finished_at, result_json, error_json, run_after, \
        async_calls_before, debounce_ms, acknowledged_at, jobs.trigger_json = ''
        """

    static func readJob(_ row: SQLiteRow) throws(StoreError) -> StoredJob {
        guard let status = StoredJobStatus(rawValue: row.text(8)) else { throw .corrupt("jobs.status '\(row.text(8))'") }
        var job = NewJob(
            recipe: row.text(1), contentHash: row.text(2), trigger: try parseJSON(row.text(3), column: "jobs.trigger_json"),
            orderingKey: row.optionalText(4), parentID: row.optionalInt64(5), deliveryID: row.optionalInt64(6),
            originKey: row.optionalText(7), createdAt: row.int64(12), runAfter: row.optionalInt64(17),
            asyncCallsBefore: Int(row.int64(18)), debounce: row.optionalInt64(19))
        job.triggerIsDeliveryBody = row.int64(21) != 0
        return StoredJob(
            id: row.int64(0), job: job, status: status, attempts: Int(row.int64(9)), leaseOwner: row.optionalText(10),
            leaseExpiresAt: row.optionalInt64(11), startedAt: row.optionalInt64(13), finishedAt: row.optionalInt64(14),
            result: try parseOptionalJSON(row.optionalText(15), column: "jobs.result_json"),
            error: try parseOptionalJSON(row.optionalText(16), column: "jobs.error_json"), acknowledgedAt: row.optionalInt64(20))
    }

    static let journalColumns = """
        job_id, sequence, step_path, phase, idempotency_key, output_json, error_json, at, kind, attempt, status, \
        observations_json
        """

    static func readJournalEntry(_ row: SQLiteRow) throws(StoreError) -> StoredJournalEntry {
        guard let phase = JournalPhase(rawValue: row.text(3)) else { throw .corrupt("journal.phase '\(row.text(3))'") }
        let entry = NewJournalEntry(
            jobID: row.int64(0), stepPath: row.text(2), phase: phase, idempotencyKey: row.optionalText(4),
            kind: row.optionalText(8), attempt: Int(row.int64(9)), status: row.optionalText(10),
            observations: try parseOptionalJSON(row.optionalText(11), column: "journal.observations_json"),
            output: try parseOptionalJSON(row.optionalText(5), column: "journal.output_json"),
            error: try parseOptionalJSON(row.optionalText(6), column: "journal.error_json"), at: row.int64(7))
        return StoredJournalEntry(sequence: Int(row.int64(1)), entry: entry)
    }

    static func readLifecycle(_ row: SQLiteRow) throws(StoreError) -> RecipeLifecycle {
        guard let state = RecipeRunState(rawValue: row.text(1)) else { throw .corrupt("recipe_lifecycle.state '\(row.text(1))'") }
        return RecipeLifecycle(recipe: row.text(0), state: state, pinnedContentHash: row.optionalText(2), changedAt: row.int64(3))
    }
}
