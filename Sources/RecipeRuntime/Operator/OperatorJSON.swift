// The JSON documents of the operator commands and the admin API (docs/operator-commands.md).
//
// Every document is an object with `"version": 1` and one list or record; times are ISO 8601
// UTC with milliseconds; absent values are `null`, never missing keys, so a reader sees the
// same keys on every row. A change that removes or renames a key raises `version`.
import RecipeData
import RecipeStore

/// Builds the versioned JSON documents of `recipes jobs`, `job`, `deliveries`, `status`,
/// `start`/`stop` and `webhooks`.
public enum OperatorJSON {
    /// The version of every document's shape.
    public static let version = 1

    /// `{"version": 1, <key>: <value>}`.
    public static func document(_ key: String, _ value: JSONValue) -> JSONValue {
        var object = JSONObject()
        object["version"] = .int(version)
        object[key] = value
        return .object(object)
    }

    /// One job as `recipes jobs` lists it: no trigger body, result or journal.
    public static func jobRow(_ job: StoredJob) -> JSONValue {
        var object = JSONObject()
        object["id"] = .int(Int(job.id))
        object["recipe"] = .string(job.job.recipe)
        object["status"] = .string(job.status.rawValue)
        object["attempts"] = .int(job.attempts)
        object["parentId"] = optional(job.job.parentID)
        object["deliveryId"] = optional(job.job.deliveryID)
        object["orderingKey"] = job.job.orderingKey.map(JSONValue.string) ?? .null
        object["contentHash"] = .string(job.job.contentHash)
        object["createdAt"] = time(job.job.createdAt)
        object["startedAt"] = time(job.startedAt)
        object["finishedAt"] = time(job.finishedAt)
        object["acknowledgedAt"] = time(job.acknowledgedAt)
        return .object(object)
    }

    /// `{"version": 1, "jobs": [row...]}`, newest first as given.
    public static func jobs(_ jobs: [StoredJob]) -> JSONValue {
        document("jobs", .array(jobs.map(jobRow)))
    }

    /// One job with everything `recipes job` shows: the row's fields plus the trigger body,
    /// result, error, lease, children (ids, oldest first) and journal entries in order.
    public static func jobDetail(_ job: StoredJob, children: [StoredJob], journal: [StoredJournalEntry]) -> JSONValue {
        guard case .object(var object) = jobRow(job) else { return .null }
        object["trigger"] = job.job.trigger
        object["result"] = job.result ?? .null
        object["error"] = job.error ?? .null
        object["originKey"] = job.job.originKey.map(JSONValue.string) ?? .null
        object["leaseOwner"] = job.leaseOwner.map(JSONValue.string) ?? .null
        object["leaseExpiresAt"] = time(job.leaseExpiresAt)
        object["children"] = .array(children.sorted { $0.id < $1.id }.map(jobRow))
        object["journal"] = .array(journal.map(JournalEntryView.json))
        return document("job", .object(object))
    }

    /// One delivery as `recipes deliveries` lists it, with the jobs it started (`jobs`, in
    /// enqueue order; a job pruned since is left out).
    public static func deliveryRow(_ delivery: StoredDelivery, jobs: [StoredJob]) -> JSONValue {
        var object = JSONObject()
        object["id"] = .int(Int(delivery.id))
        object["receivedAt"] = time(delivery.delivery.receivedAt)
        object["folder"] = .string(delivery.delivery.folder)
        object["connection"] = .string(delivery.delivery.connection)
        object["verification"] = .string(delivery.delivery.verification.rawValue)
        object["duplicateOf"] = optional(delivery.duplicateOf)
        object["dedupKey"] = delivery.delivery.dedupKey.map(JSONValue.string) ?? .null
        object["bodyBytes"] = .int(delivery.delivery.body.count)
        object["jobs"] = .array(
            jobs.map { job in
                ["id": .int(Int(job.id)), "recipe": .string(job.job.recipe), "status": .string(job.status.rawValue)]
            })
        return .object(object)
    }

    /// `{"version": 1, "recipes": [...]}` of `recipes status`.
    public static func status(_ rows: [RecipeStatus]) -> JSONValue {
        document("recipes", .array(rows.map(\.json)))
    }

    /// One lifecycle row as `recipes start` and `stop` print it.
    public static func lifecycle(_ lifecycle: RecipeLifecycle) -> JSONValue {
        [
            "recipe": .string(lifecycle.recipe), "state": .string(lifecycle.state.rawValue),
            "pinnedContentHash": lifecycle.pinnedContentHash.map(JSONValue.string) ?? .null,
            "changedAt": time(lifecycle.changedAt),
        ]
    }

    /// An optional id as JSON.
    static func optional(_ value: Int64?) -> JSONValue {
        value.map { .int(Int($0)) } ?? .null
    }

    /// An optional time (ms UTC) as its ISO 8601 text or `null`.
    static func time(_ milliseconds: Int64?) -> JSONValue {
        OperatorTime.json(milliseconds).map(JSONValue.string) ?? .null
    }
}
