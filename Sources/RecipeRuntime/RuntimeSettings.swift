// The named limits and defaults of `recipes serve` (issue 8, "Contracts"). Every number the
// runtime waits for or counts against lives here, so docs/serve.md and the tests name the same
// values.
import RecipeStore

/// How the job runtime behaves: worker counts, leases, backlog, shutdown.
public struct RuntimeSettings: Sendable, Equatable {
    /// Jobs run at once by one process, over every recipe.
    public var maxConcurrentJobs: Int
    /// Jobs of one recipe run at once by one process.
    public var maxConcurrentJobsPerRecipe: Int
    /// How long a claimed job stays owned without a renewal, ms.
    public var lease: Int64
    /// How often a running job's lease is renewed, ms (a third of the lease by default).
    public var leaseRenewal: Int64
    /// How long an idle worker waits before looking for jobs again when nothing woke it, ms.
    public var idlePoll: Int64
    /// Deliveries accepted but not yet committed beyond which the intake answers 503.
    public var intakeBacklogLimit: Int
    /// The `Retry-After` (seconds) of a 503 answered under overload.
    public var overloadRetryAfterSeconds: Int
    /// Deliveries committed together at most (one transaction, one sync).
    public var intakeBatchLimit: Int
    /// How long a graceful stop lets running jobs go on before leaving them to the next start, ms.
    public var shutdownGrace: Int64
    /// How long duplicates are recognised, ms (HiBob retries for up to 3 days).
    public var dedupWindow: Int64
    /// How long the intake uses one read of the recipes' started/stopped state, ms: a start or
    /// stop made by another process (or the CLI) takes effect within this time.
    public var lifecycleRefresh: Int64
    /// The longest retry wait a job sleeps through in this process, ms; a longer one puts the
    /// job back in the queue until then (`runAfter`), releasing its worker and lease.
    public var maxInProcessWait: Int64
    /// Which succeeded jobs are pruned (by age and count; failed jobs are kept).
    public var retention: RetentionPolicy
    /// How often the retention pass runs, ms.
    public var retentionInterval: Int64

    public init(
        maxConcurrentJobs: Int = 16, maxConcurrentJobsPerRecipe: Int = 8, lease: Int64 = StoreDefaults.lease,
        leaseRenewal: Int64? = nil, idlePoll: Int64 = 1_000, intakeBacklogLimit: Int = 10_000,
        overloadRetryAfterSeconds: Int = 5, intakeBatchLimit: Int = 512, shutdownGrace: Int64 = 10_000,
        dedupWindow: Int64 = StoreDefaults.dedupWindow, lifecycleRefresh: Int64 = 1_000,
        retention: RetentionPolicy = .default, retentionInterval: Int64 = 600_000, maxInProcessWait: Int64 = 30_000
    ) {
        self.maxInProcessWait = maxInProcessWait
        self.retention = retention
        self.retentionInterval = retentionInterval
        self.lifecycleRefresh = lifecycleRefresh
        self.maxConcurrentJobs = maxConcurrentJobs
        self.maxConcurrentJobsPerRecipe = maxConcurrentJobsPerRecipe
        self.lease = lease
        self.leaseRenewal = leaseRenewal ?? max(1, lease / 3)
        self.idlePoll = idlePoll
        self.intakeBacklogLimit = intakeBacklogLimit
        self.overloadRetryAfterSeconds = overloadRetryAfterSeconds
        self.intakeBatchLimit = intakeBatchLimit
        self.shutdownGrace = shutdownGrace
        self.dedupWindow = dedupWindow
    }

    public static let `default` = RuntimeSettings()
}
