// Recipe lifecycle state and retention settings.

/// Whether a recipe runs jobs. Recipes start stopped.
public enum RecipeRunState: String, Sendable, CaseIterable {
    case started, stopped
}

/// A recipe's lifecycle row: its state and the content it was started with.
public struct RecipeLifecycle: Sendable, Equatable {
    public var recipe: String
    public var state: RecipeRunState
    /// The content hash pinned at start; jobs run this content until a restart.
    public var pinnedContentHash: String?
    /// When the state last changed, ms UTC.
    public var changedAt: Int64

    public init(recipe: String, state: RecipeRunState, pinnedContentHash: String?, changedAt: Int64) {
        self.recipe = recipe
        self.state = state
        self.pinnedContentHash = pinnedContentHash
        self.changedAt = changedAt
    }
}

/// How long succeeded jobs are kept. Failed (and unfinished) jobs are never pruned.
public struct RetentionPolicy: Sendable, Equatable {
    /// Succeeded jobs that finished more than this many milliseconds ago are pruned
    /// (a job finished exactly `maxSucceededAge` ago is kept).
    public var maxSucceededAge: Int64
    /// At most this many succeeded jobs are kept; the oldest-finished go first.
    public var maxSucceededCount: Int
    /// Deliveries received more than this many milliseconds ago are pruned once no job refers
    /// to them (they hold people's data; a delivery's job keeps it, and a kept duplicate keeps
    /// its first). Never below the dedup window: `pruneDeliveries` callers clamp to it.
    public var maxDeliveryAge: Int64

    /// Defaults: 7 days, 10,000 jobs; deliveries 7 days.
    public static let defaultMaxSucceededAge: Int64 = 7 * 24 * 3600 * 1000
    public static let defaultMaxSucceededCount = 10_000
    public static let defaultMaxDeliveryAge: Int64 = 7 * 24 * 3600 * 1000
    public static let `default` = RetentionPolicy()

    public init(
        maxSucceededAge: Int64 = defaultMaxSucceededAge, maxSucceededCount: Int = defaultMaxSucceededCount,
        maxDeliveryAge: Int64 = defaultMaxDeliveryAge
    ) {
        self.maxSucceededAge = maxSucceededAge
        self.maxSucceededCount = maxSucceededCount
        self.maxDeliveryAge = maxDeliveryAge
    }
}
