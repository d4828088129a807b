// The store protocol: everything `recipes serve` keeps, for every backend.
//
// Designed for several processes sharing one database (PostgreSQL, issue 11): nothing relies on
// in-process state. Jobs are owned through leases held in the database; every write on a job
// (renew, journal, finish) checks the lease owner, so a process whose lease was taken over
// gets `StoreError.leaseLost` instead of writing. Times are passed in (ms UTC), never read
// from a clock here, so tests and replays decide them.
import RecipeData

/// The durable store of deliveries, jobs, journals and recipe state.
public protocol RecipeStore: Sendable {
    // MARK: Deliveries

    /// Appends accepted deliveries, and enqueues the jobs each one starts, in one transaction
    /// and one sync (group commit), in order. A delivery whose dedup key matches a
    /// non-duplicate delivery received at most `dedupWindow` ms before it (earlier in the store
    /// or earlier in the batch) is stored as a duplicate pointing at that first delivery, and
    /// its jobs are not enqueued. When this returns, every delivery and job is durable.
    ///
    /// Debounce: a job with `debounce` gets `runAfter = createdAt + debounce`. When the youngest
    /// unfinished job of its ordering key is a debounced job of the same recipe that has not
    /// started (queued, never claimed), the new job is not added: that job takes the new
    /// delivery's trigger, delivery and content hash and waits `debounce` again, and the
    /// delivery it ran for is marked `coalescedInto` it. Only the youngest job of the key is
    /// taken over, so a coalesced event never overtakes a later event of the key.
    func appendDeliveries(_ intakes: [DeliveryIntake], dedupWindow: Int64) async throws(StoreError) -> [StoredDelivery]
    /// `appendDeliveries` up to its commit: the batch is committed (visible, in order) when this
    /// returns, and durable once `waitUntilDurable(ticket)` returned (Committed.swift).
    func commitDeliveries(_ intakes: [DeliveryIntake], dedupWindow: Int64) async throws(StoreError)
        -> Committed<[StoredDelivery]>
    func delivery(id: Int64) async throws(StoreError) -> StoredDelivery?
    /// Newest first.
    func deliveries(_ filter: DeliveryFilter) async throws(StoreError) -> [StoredDelivery]

    // MARK: Jobs

    /// Enqueues jobs (status queued) in one transaction, in order. A job whose `originKey`
    /// already exists is not added again: the existing job is returned in its place.
    func enqueue(_ jobs: [NewJob]) async throws(StoreError) -> [StoredJob]
    /// Claims up to `limit` jobs for `owner` until `now + lease`, oldest first. A job is
    /// claimable when queued (and its `runAfter`, if any, is at or before `now`), or running with `leaseExpiresAt <= now` (a takeover), and no
    /// older unfinished job has the same ordering key. Each claim counts an attempt. At most
    /// `limits.total` jobs are claimed, and with `limits.perRecipe` no recipe is taken beyond
    /// it counting the claimer's `limits.running` jobs of that recipe.
    func claim(owner: String, now: Int64, lease: Int64, limits: ClaimLimits) async throws(StoreError) -> [StoredJob]
    /// Extends the lease to `now + lease`; `leaseLost` when `owner` no longer holds it.
    func renewLease(jobID: Int64, owner: String, now: Int64, lease: Int64) async throws(StoreError) -> StoredJob
    /// Makes every running job claimable at once (lease expiry set to `now`): a restarted
    /// single-process server that holds the database's lock reclaims its previous
    /// incarnation's jobs without waiting for their leases. Returns how many.
    func expireAllLeases(now: Int64) async throws(StoreError) -> Int
    /// Puts a job held by `owner` back in the queue until `runAfter` (a retry wait too long to
    /// sleep through in a process), keeping its attempts, journal and ordering key; the lease
    /// is released. `leaseLost` when `owner` no longer holds it.
    func postpone(jobID: Int64, owner: String, runAfter: Int64) async throws(StoreError) -> StoredJob
    /// Ends jobs, in one transaction and one sync (group commit): each must be held by its
    /// `owner`, or is answered `leaseLost` (`unknownJob`) and left as it is, without stopping
    /// the others. Throws only when the transaction fails, and then nothing was written.
    func finish(_ batch: [JobFinish]) async throws(StoreError) -> [Result<StoredJob, StoreError>]
    /// Marks a failed job acknowledged at `now` (kept time if it already was); other jobs are
    /// left as they are. Returns the job, or nil when there is none.
    func acknowledge(jobID: Int64, now: Int64) async throws(StoreError) -> StoredJob?
    /// How many jobs have `status` (for `recipes_queue_depth`: the queued ones).
    func countJobs(status: StoredJobStatus) async throws(StoreError) -> Int
    func job(id: Int64) async throws(StoreError) -> StoredJob?
    /// Newest first.
    func jobs(_ filter: JobFilter) async throws(StoreError) -> [StoredJob]

    // MARK: Step journal

    /// Appends journal entries, of one job or several, in one transaction and one sync (group
    /// commit), in order. Each entry is for a job its `owner` holds, and enqueues its
    /// `children` (async calls) with it; an entry whose owner no longer holds the job is
    /// answered `leaseLost` (or `unknownJob`) and writes nothing, without stopping the others.
    /// Throws only when the transaction fails, and then nothing was written.
    func appendJournal(_ batch: [JournalAppend]) async throws(StoreError) -> [Result<JournalAppended, StoreError>]
    /// `appendJournal` up to its commit; durable once `waitUntilDurable(ticket)` returned.
    func commitJournal(_ batch: [JournalAppend]) async throws(StoreError) -> Committed<[Result<JournalAppended, StoreError>]>
    /// Returns once the commit behind `ticket`, and every commit before it, is durable; throws
    /// when the sync failed (then nothing committed since the last good sync may be relied on).
    func waitUntilDurable(_ ticket: DurabilityTicket) async throws(StoreError)
    /// The job's entries in append order.
    func journal(jobID: Int64) async throws(StoreError) -> [StoredJournalEntry]

    // MARK: Recipe state

    func setLifecycle(_ lifecycle: RecipeLifecycle) async throws(StoreError)
    func lifecycle(recipe: String) async throws(StoreError) -> RecipeLifecycle?
    /// Every recipe with a lifecycle row, by name.
    func lifecycles() async throws(StoreError) -> [RecipeLifecycle]
    /// The last time the recipe's schedule fired (ms UTC), if ever.
    func scheduleCursor(recipe: String) async throws(StoreError) -> Int64?
    /// Moves the cursor from `expected` to `firedAt` only if it is still at `expected`
    /// (compare-and-set, so a schedule fires once across processes); `true` when it moved.
    func advanceScheduleCursor(recipe: String, from expected: Int64?, to firedAt: Int64) async throws(StoreError) -> Bool
    /// Keeps a recipe file's bytes under its content hash (`Recipe.contentHash`), so that a
    /// started recipe runs the content it was started with after its file changes. Saving a
    /// hash already kept changes nothing.
    func saveRecipeContent(_ bytes: [UInt8], hash: String) async throws(StoreError)
    /// The bytes kept under `hash`, if any.
    func recipeContent(hash: String) async throws(StoreError) -> [UInt8]?
    func keyState(recipe: String, key: String) async throws(StoreError) -> JSONValue?
    /// Stores the JSON for `recipe` and `key`; `nil` removes it.
    func setKeyState(recipe: String, key: String, value: JSONValue?) async throws(StoreError)

    // MARK: Retention

    /// Deletes succeeded jobs (and their journals) older than the policy's age or beyond its
    /// count, and acknowledged failed jobs older than the age; other failed jobs and unfinished
    /// ones stay. Returns how many jobs were deleted.
    func pruneSucceededJobs(_ policy: RetentionPolicy, now: Int64) async throws(StoreError) -> Int
    /// Deletes up to `limit` deliveries received before `receivedBefore` (ms UTC), oldest first,
    /// that no job refers to (`deliveryID`) and that no kept duplicate points at. Returns how
    /// many. Ids are never reused afterwards (nor by `pruneSucceededJobs`): the newest row of
    /// each kind is never deleted.
    func pruneDeliveries(receivedBefore: Int64, limit: Int) async throws(StoreError) -> Int
}

/// Named defaults of the store contracts (docs/ and issue 8 "Contracts").
public enum StoreDefaults {
    /// Deduplication window: HiBob retries for up to 3 days.
    public static let dedupWindow: Int64 = 3 * 24 * 3600 * 1000
    /// Job lease: 30 s.
    public static let lease: Int64 = 30_000
}

extension RecipeStore {
    /// A backend whose commits are durable: the whole append, then `.durable`.
    public func commitDeliveries(_ intakes: [DeliveryIntake], dedupWindow: Int64) async throws(StoreError)
        -> Committed<[StoredDelivery]>
    {
        Committed(try await appendDeliveries(intakes, dedupWindow: dedupWindow), ticket: .durable)
    }

    /// A backend whose commits are durable: the whole append, then `.durable`.
    public func commitJournal(_ batch: [JournalAppend]) async throws(StoreError) -> Committed<[Result<JournalAppended, StoreError>]> {
        Committed(try await appendJournal(batch), ticket: .durable)
    }

    /// A backend whose commits are durable has nothing to wait for.
    public func waitUntilDurable(_ ticket: DurabilityTicket) async throws(StoreError) {}

    /// Appends deliveries that start no job (see `appendDeliveries(_:dedupWindow:)`).
    public func appendDeliveries(_ deliveries: [NewDelivery], dedupWindow: Int64) async throws(StoreError)
        -> [StoredDelivery]
    {
        try await appendDeliveries(deliveries.map { DeliveryIntake($0) }, dedupWindow: dedupWindow)
    }

    /// Claims up to `limit` jobs, of any recipe.
    public func claim(owner: String, now: Int64, lease: Int64, limit: Int) async throws(StoreError) -> [StoredJob] {
        try await claim(owner: owner, now: now, lease: lease, limits: ClaimLimits(total: limit))
    }

    /// Ends a job held by `owner`; `leaseLost` when it no longer holds it.
    public func finish(jobID: Int64, owner: String, outcome: JobOutcome, now: Int64) async throws(StoreError) -> StoredJob {
        let results = try await finish([JobFinish(jobID: jobID, owner: owner, outcome: outcome, now: now)])
        guard let first = results.first else { throw .backend(detail: "a finish answered nothing") }
        return try first.get()
    }

    /// Appends one entry for a job held by `owner`, and enqueues `children` (async calls) in
    /// the same transaction; `leaseLost` when `owner` no longer holds the job.
    public func appendJournal(_ entry: NewJournalEntry, owner: String, children: [NewJob]) async throws(StoreError)
        -> (entry: StoredJournalEntry, children: [StoredJob])
    {
        let results = try await appendJournal([JournalAppend(entry, owner: owner, children: children)])
        guard let first = results.first else { throw .backend(detail: "a journal append answered nothing") }
        let appended = try first.get()
        return (appended.entry, appended.children)
    }

    /// Appends one journal entry without enqueueing anything.
    public func appendJournal(_ entry: NewJournalEntry, owner: String) async throws(StoreError) -> StoredJournalEntry {
        try await appendJournal(entry, owner: owner, children: []).entry
    }
}

/// How many jobs one claim may take: in all, and per recipe for the claiming process.
public struct ClaimLimits: Sendable, Equatable {
    /// Jobs claimed at most.
    public var total: Int
    /// Jobs of one recipe the claimer may run at once, counting `running`; `nil`: no limit.
    public var perRecipe: Int?
    /// Jobs of each recipe the claimer runs now.
    public var running: [String: Int]

    /// How many of the oldest claimable jobs a claim looks at, per job it may take: bounds the
    /// work of one claim however long the queue is (recipes at their limit are skipped first).
    public static let scanFactor = 8

    public init(total: Int, perRecipe: Int? = nil, running: [String: Int] = [:]) {
        self.total = total
        self.perRecipe = perRecipe
        self.running = running
    }

    /// Recipes at their limit: none of their jobs can be claimed.
    public var saturatedRecipes: [String] {
        guard let perRecipe else { return [] }
        return running.filter { $0.value >= perRecipe }.map(\.key).sorted()
    }
}
