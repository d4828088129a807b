// Reading the version 1 documents of OperatorJSON back into store values: the command line
// prints the admin API's answers with the same text renderers it uses on the database.
// `read(write(x))` gives back every field the documents carry; what they leave out (a
// delivery's body, the ids of pruned jobs, a job's run-after time) reads as empty.
import RecipeData
import RecipeStore

/// Decodes the documents `OperatorJSON` writes.
public enum OperatorJSONReading {
    /// The rows of `{"version": 1, key: [...]}`, after checking the version.
    public static func list(_ document: JSONValue, _ key: String) throws(OperatorInputError) -> [JSONValue] {
        try checkVersion(document)
        guard let rows = document[key]?.arrayValue else { throw OperatorInputError("the document has no '\(key)' list") }
        return rows
    }

    /// The record of `{"version": 1, key: {...}}`, after checking the version.
    public static func record(_ document: JSONValue, _ key: String) throws(OperatorInputError) -> JSONValue {
        try checkVersion(document)
        guard let record = document[key], record.objectValue != nil else { throw OperatorInputError("the document has no '\(key)' object") }
        return record
    }

    /// A job row (`recipes jobs --json`); a job document's extra keys are read too when present.
    public static func job(_ row: JSONValue) throws(OperatorInputError) -> StoredJob {
        guard let status = StoredJobStatus(rawValue: try string(row, "status")) else { throw OperatorInputError("unknown job status") }
        let job = NewJob(
            recipe: try string(row, "recipe"), contentHash: try string(row, "contentHash"), trigger: row["trigger"] ?? .null,
            orderingKey: try optionalString(row, "orderingKey"), parentID: try optionalID(row, "parentId"),
            deliveryID: try optionalID(row, "deliveryId"), originKey: try optionalString(row, "originKey"),
            createdAt: try time(row, "createdAt"))
        return StoredJob(
            id: try id(row, "id"), job: job, status: status, attempts: try int(row, "attempts"),
            leaseOwner: try optionalString(row, "leaseOwner"), leaseExpiresAt: try optionalTime(row, "leaseExpiresAt"),
            startedAt: try optionalTime(row, "startedAt"), finishedAt: try optionalTime(row, "finishedAt"),
            result: nonNull(row["result"]), error: nonNull(row["error"]), acknowledgedAt: try optionalTime(row, "acknowledgedAt"))
    }

    /// `{"version": 1, "job": {...}}` of `recipes job --json`.
    public static func jobDetail(_ document: JSONValue) throws(OperatorInputError) -> JobDetail {
        let record = try record(document, "job")
        var children: [StoredJob] = []
        for child in record["children"]?.arrayValue ?? [] { children.append(try job(child)) }
        var journal: [StoredJournalEntry] = []
        let jobID = try id(record, "id")
        for entry in record["journal"]?.arrayValue ?? [] {
            guard let phase = JournalPhase(rawValue: try string(entry, "phase")) else { throw OperatorInputError("unknown journal phase") }
            let stored = NewJournalEntry(
                jobID: jobID, stepPath: try string(entry, "stepPath"), phase: phase,
                idempotencyKey: try optionalString(entry, "idempotencyKey"), output: nonNull(entry["output"]),
                error: nonNull(entry["error"]), at: try time(entry, "at"))
            journal.append(StoredJournalEntry(sequence: try int(entry, "sequence"), entry: stored))
        }
        return JobDetail(job: try job(record), children: children, journal: journal)
    }

    /// A delivery row with its jobs (as much of each job as the row names).
    public static func delivery(_ row: JSONValue) throws(OperatorInputError) -> DeliveryView {
        guard let verification = DeliveryVerification(rawValue: try string(row, "verification")) else {
            throw OperatorInputError("unknown verification")
        }
        var jobs: [StoredJob] = []
        for job in row["jobs"]?.arrayValue ?? [] {
            guard let status = StoredJobStatus(rawValue: try string(job, "status")) else { throw OperatorInputError("unknown job status") }
            jobs.append(StoredJob(id: try id(job, "id"), job: NewJob(recipe: try string(job, "recipe"), contentHash: "", createdAt: 0), status: status))
        }
        let delivery = NewDelivery(
            body: [], headers: [:], connection: try string(row, "connection"), folder: try string(row, "folder"),
            receivedAt: try time(row, "receivedAt"), dedupKey: try optionalString(row, "dedupKey"), verification: verification)
        return DeliveryView(
            delivery: StoredDelivery(id: try id(row, "id"), delivery: delivery, duplicateOf: try optionalID(row, "duplicateOf"), jobIDs: jobs.map(\.id)),
            jobs: jobs)
    }

    /// A status row (`recipes status --json`).
    public static func status(_ row: JSONValue) throws(OperatorInputError) -> RecipeStatus {
        let recipe = try string(row, "recipe")
        var lifecycle: RecipeLifecycle?
        if let changedAt = try optionalTime(row, "changedAt") {
            guard let state = RecipeRunState(rawValue: try string(row, "state")) else { throw OperatorInputError("unknown state") }
            lifecycle = RecipeLifecycle(
                recipe: recipe, state: state, pinnedContentHash: try optionalString(row, "pinnedContentHash"), changedAt: changedAt)
        }
        var lastJob: StoredJob?
        if let last = nonNull(row["lastJob"]) {
            guard let status = StoredJobStatus(rawValue: try string(last, "status")) else { throw OperatorInputError("unknown job status") }
            let at = try time(last, "at")
            lastJob = StoredJob(id: try id(last, "id"), job: NewJob(recipe: recipe, contentHash: "", createdAt: at), status: status, finishedAt: at)
        }
        return RecipeStatus(
            recipe: recipe, currentContentHash: try optionalString(row, "contentHash"), lifecycle: lifecycle, lastJob: lastJob,
            recentFailures: try int(row, "failuresLast24h"))
    }

    /// A lifecycle row (`recipes start|stop --json`).
    public static func lifecycle(_ row: JSONValue) throws(OperatorInputError) -> RecipeLifecycle {
        guard let state = RecipeRunState(rawValue: try string(row, "state")) else { throw OperatorInputError("unknown state") }
        return RecipeLifecycle(
            recipe: try string(row, "recipe"), state: state, pinnedContentHash: try optionalString(row, "pinnedContentHash"),
            changedAt: try time(row, "changedAt"))
    }

    // MARK: fields

    private static func checkVersion(_ document: JSONValue) throws(OperatorInputError) {
        guard document["version"]?.intValue == OperatorJSON.version else {
            throw OperatorInputError("not a version \(OperatorJSON.version) document")
        }
    }

    private static func nonNull(_ value: JSONValue?) -> JSONValue? {
        guard let value, !value.isNull else { return nil }
        return value
    }

    private static func string(_ object: JSONValue, _ key: String) throws(OperatorInputError) -> String {
        guard let text = object[key]?.stringValue else { throw OperatorInputError("'\(key)' is not a string") }
        return text
    }

    private static func optionalString(_ object: JSONValue, _ key: String) throws(OperatorInputError) -> String? {
        guard nonNull(object[key]) != nil else { return nil }
        return try string(object, key)
    }

    private static func int(_ object: JSONValue, _ key: String) throws(OperatorInputError) -> Int {
        guard let number = object[key]?.intValue else { throw OperatorInputError("'\(key)' is not a whole number") }
        return number
    }

    private static func id(_ object: JSONValue, _ key: String) throws(OperatorInputError) -> Int64 {
        Int64(try int(object, key))
    }

    private static func optionalID(_ object: JSONValue, _ key: String) throws(OperatorInputError) -> Int64? {
        guard nonNull(object[key]) != nil else { return nil }
        return try id(object, key)
    }

    private static func time(_ object: JSONValue, _ key: String) throws(OperatorInputError) -> Int64 {
        guard let instant = OperatorTime.parseISO8601(try string(object, key)) else { throw OperatorInputError("'\(key)' is not a time") }
        return instant
    }

    private static func optionalTime(_ object: JSONValue, _ key: String) throws(OperatorInputError) -> Int64? {
        guard nonNull(object[key]) != nil else { return nil }
        return try time(object, key)
    }
}
