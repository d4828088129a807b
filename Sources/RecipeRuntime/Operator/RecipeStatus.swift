// What `recipes status` says about one recipe, computed from the project file and the store.
import RecipeData
import RecipeStore

/// One recipe's operator status: started or stopped, whether its file changed since it was
/// started, its last job and its recent failures.
public struct RecipeStatus: Sendable, Equatable {
    /// The recipe's name, `folder/name`.
    public var recipe: String
    /// The content hash of the recipe file now; `nil` when the file is gone (or does not load)
    /// but the store still has a lifecycle row for it.
    public var currentContentHash: String?
    /// The lifecycle row; `nil` means never started (stopped).
    public var lifecycle: RecipeLifecycle?
    /// The newest job of the recipe, if any.
    public var lastJob: StoredJob?
    /// Failed jobs created in the last `OperatorLimits.failureWindow`, counted up to
    /// `OperatorLimits.maxCountedFailures`.
    public var recentFailures: Int

    public init(
        recipe: String, currentContentHash: String?, lifecycle: RecipeLifecycle?, lastJob: StoredJob?, recentFailures: Int
    ) {
        self.recipe = recipe
        self.currentContentHash = currentContentHash
        self.lifecycle = lifecycle
        self.lastJob = lastJob
        self.recentFailures = recentFailures
    }

    /// Started or stopped (no lifecycle row: stopped).
    public var state: RecipeRunState { lifecycle?.state ?? .stopped }

    /// A started recipe whose file no longer has the content it was started with: a restart
    /// (`recipes start` again) picks the change up. Always false for a stopped recipe.
    public var contentChanged: Bool {
        guard state == .started, let pinned = lifecycle?.pinnedContentHash else { return false }
        return pinned != currentContentHash
    }

    /// When the last job last moved: finished, else started, else enqueued (ms UTC).
    public var lastJobTime: Int64? {
        lastJob.map { $0.finishedAt ?? $0.startedAt ?? $0.job.createdAt }
    }

    /// `{"recipe", "state", "changedAt", "contentHash", "pinnedContentHash", "contentChanged",
    /// "fileLoads", "lastJob": {"id", "status", "at"} | null, "failuresLast24h"}`.
    public var json: JSONValue {
        var object = JSONObject()
        object["recipe"] = .string(recipe)
        object["state"] = .string(state.rawValue)
        object["changedAt"] = OperatorJSON.time(lifecycle?.changedAt)
        object["contentHash"] = currentContentHash.map(JSONValue.string) ?? .null
        object["pinnedContentHash"] = lifecycle?.pinnedContentHash.map(JSONValue.string) ?? .null
        object["contentChanged"] = .bool(contentChanged)
        object["fileLoads"] = .bool(currentContentHash != nil)
        object["lastJob"] =
            lastJob.map { job in
                ["id": .int(Int(job.id)), "status": .string(job.status.rawValue), "at": OperatorJSON.time(lastJobTime)]
            } ?? .null
        object["failuresLast24h"] = .int(recentFailures)
        return .object(object)
    }

    /// The status table's cells: RECIPE, STATE, CONTENT, LAST JOB, FAILURES (24H).
    public var cells: [String] {
        let content: String
        if currentContentHash == nil {
            content = "file missing or invalid"
        } else if contentChanged {
            content = "changed since start"
        } else {
            content = state == .started ? "as started" : "-"
        }
        let last = lastJob.map { "\($0.id) \($0.status.rawValue) \(OperatorTime.iso8601(milliseconds: lastJobTime ?? 0))" } ?? "-"
        let failures = recentFailures >= OperatorLimits.maxCountedFailures ? "\(recentFailures)+" : String(recentFailures)
        return [recipe, state.rawValue, content, last, failures]
    }

    /// The table's header, matching `cells`.
    public static let headers = ["RECIPE", "STATE", "CONTENT", "LAST JOB", "FAILURES (24H)"]
}
