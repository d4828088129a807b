// A store that runs a hook once, just before the first compare-and-set of a schedule cursor,
// to force the worst interleaving of two processes deterministically: one has enqueued and
// is about to move the cursor when the other runs a whole tick.
import RecipeData
import RecipeStore
import Synchronization

final class ScheduleInterleavingStore: RecipeStore {
    let base: any RecipeStore
    private let hook: Mutex<(@Sendable () async -> Void)?>

    init(_ base: any RecipeStore, beforeFirstAdvance: @escaping @Sendable () async -> Void) {
        self.base = base
        hook = Mutex(beforeFirstAdvance)
    }

    func advanceScheduleCursor(recipe: String, from expected: Int64?, to firedAt: Int64) async throws(StoreError) -> Bool {
        if let hook = hook.withLock({ hook in defer { hook = nil }; return hook }) { await hook() }
        return try await base.advanceScheduleCursor(recipe: recipe, from: expected, to: firedAt)
    }

    // Everything else goes straight to the base store.

    func appendDeliveries(_ intakes: [DeliveryIntake], dedupWindow: Int64) async throws(StoreError) -> [StoredDelivery] {
        try await base.appendDeliveries(intakes, dedupWindow: dedupWindow)
    }
    func delivery(id: Int64) async throws(StoreError) -> StoredDelivery? { try await base.delivery(id: id) }
    func deliveries(_ filter: DeliveryFilter) async throws(StoreError) -> [StoredDelivery] { try await base.deliveries(filter) }
    func enqueue(_ jobs: [NewJob]) async throws(StoreError) -> [StoredJob] { try await base.enqueue(jobs) }
    func claim(owner: String, now: Int64, lease: Int64, limits: ClaimLimits) async throws(StoreError) -> [StoredJob] {
        try await base.claim(owner: owner, now: now, lease: lease, limits: limits)
    }
    func postpone(jobID: Int64, owner: String, runAfter: Int64) async throws(StoreError) -> StoredJob {
        try await base.postpone(jobID: jobID, owner: owner, runAfter: runAfter)
    }
    func renewLease(jobID: Int64, owner: String, now: Int64, lease: Int64) async throws(StoreError) -> StoredJob {
        try await base.renewLease(jobID: jobID, owner: owner, now: now, lease: lease)
    }
    func expireAllLeases(now: Int64) async throws(StoreError) -> Int { try await base.expireAllLeases(now: now) }
    func finish(_ batch: [JobFinish]) async throws(StoreError) -> [Result<StoredJob, StoreError>] {
        try await base.finish(batch)
    }
    func acknowledge(jobID: Int64, now: Int64) async throws(StoreError) -> StoredJob? {
        try await base.acknowledge(jobID: jobID, now: now)
    }
    func countJobs(status: StoredJobStatus) async throws(StoreError) -> Int { try await base.countJobs(status: status) }
    func job(id: Int64) async throws(StoreError) -> StoredJob? { try await base.job(id: id) }
    func jobs(_ filter: JobFilter) async throws(StoreError) -> [StoredJob] { try await base.jobs(filter) }
    func appendJournal(_ batch: [JournalAppend]) async throws(StoreError) -> [Result<JournalAppended, StoreError>] {
        try await base.appendJournal(batch)
    }
    func journal(jobID: Int64) async throws(StoreError) -> [StoredJournalEntry] { try await base.journal(jobID: jobID) }
    func setLifecycle(_ lifecycle: RecipeLifecycle) async throws(StoreError) { try await base.setLifecycle(lifecycle) }
    func lifecycle(recipe: String) async throws(StoreError) -> RecipeLifecycle? { try await base.lifecycle(recipe: recipe) }
    func lifecycles() async throws(StoreError) -> [RecipeLifecycle] { try await base.lifecycles() }
    func scheduleCursor(recipe: String) async throws(StoreError) -> Int64? { try await base.scheduleCursor(recipe: recipe) }
    func saveRecipeContent(_ bytes: [UInt8], hash: String) async throws(StoreError) {
        try await base.saveRecipeContent(bytes, hash: hash)
    }
    func recipeContent(hash: String) async throws(StoreError) -> [UInt8]? { try await base.recipeContent(hash: hash) }
    func keyState(recipe: String, key: String) async throws(StoreError) -> JSONValue? {
        try await base.keyState(recipe: recipe, key: key)
    }
    func setKeyState(recipe: String, key: String, value: JSONValue?) async throws(StoreError) {
        try await base.setKeyState(recipe: recipe, key: key, value: value)
    }
    func pruneSucceededJobs(_ policy: RetentionPolicy, now: Int64) async throws(StoreError) -> Int {
        try await base.pruneSucceededJobs(policy, now: now)
    }
    func pruneDeliveries(receivedBefore: Int64, limit: Int) async throws(StoreError) -> Int {
        try await base.pruneDeliveries(receivedBefore: receivedBefore, limit: limit)
    }
}
