// The in-memory twin of the SQLite store: the same contracts, no durability. For tests of the
// layers above the store, and as the executable reading of the protocol's documentation: the
// shared suite in Tests/RecipeStoreTests runs against both.
import RecipeData

/// A `RecipeStore` held in memory by one actor.
public actor InMemoryStore: RecipeStore {
    var deliveryRows: [StoredDelivery] = []
    var jobRows: [StoredJob] = []
    var journalRows: [Int64: [StoredJournalEntry]] = [:]
    var lifecycleRows: [String: RecipeLifecycle] = [:]
    var cursorRows: [String: Int64] = [:]
    var keyStateRows: [String: JSONValue] = [:]
    var contentRows: [String: [UInt8]] = [:]
    /// The last ids given out: pruned rows' ids are never given again.
    var lastDeliveryID: Int64 = 0
    var lastJobID: Int64 = 0

    public init() {}

    // MARK: Deliveries

    public func appendDeliveries(_ intakes: [DeliveryIntake], dedupWindow: Int64) throws(StoreError) -> [StoredDelivery] {
        var stored: [StoredDelivery] = []
        for intake in intakes {
            let delivery = intake.delivery
            var duplicateOf: Int64?
            if let key = delivery.dedupKey {
                duplicateOf = deliveryRows.first {
                    $0.delivery.dedupKey == key && $0.duplicateOf == nil
                        && $0.delivery.receivedAt >= delivery.receivedAt - dedupWindow
                }?.id
            }
            lastDeliveryID += 1
            let id = lastDeliveryID
            deliveryRows.append(StoredDelivery(id: id, delivery: delivery, duplicateOf: duplicateOf))
            if duplicateOf == nil {
                for var job in intake.jobs {
                    job.deliveryID = id
                    insertOrCoalesce(job)
                }
            }
            stored.append(withJobs(deliveryRows[deliveryRows.count - 1]))
        }
        return stored
    }

    public func delivery(id: Int64) throws(StoreError) -> StoredDelivery? {
        deliveryRows.first { $0.id == id }.map(withJobs)
    }

    /// The row with the ids of the jobs it started that are still stored.
    private func withJobs(_ row: StoredDelivery) -> StoredDelivery {
        var row = row
        row.jobIDs = jobRows.filter { $0.job.deliveryID == row.id }.map(\.id)
        if let job = row.coalescedInto { row.jobIDs.append(job) }
        return row
    }

    public func deliveries(_ filter: DeliveryFilter) throws(StoreError) -> [StoredDelivery] {
        Array(
            deliveryRows.reversed().filter { row in
                (filter.folder.map { row.delivery.folder == $0 } ?? true)
                    && (filter.connection.map { row.delivery.connection == $0 } ?? true)
                    && (filter.since.map { row.delivery.receivedAt >= $0 } ?? true)
                    && (filter.coalescedInto.map { row.coalescedInto == $0 } ?? true)
            }.prefix(max(filter.limit, 0)).map(withJobs))
    }

    // MARK: Recipe state

    public func setLifecycle(_ lifecycle: RecipeLifecycle) throws(StoreError) {
        lifecycleRows[lifecycle.recipe] = lifecycle
    }

    public func lifecycle(recipe: String) throws(StoreError) -> RecipeLifecycle? {
        lifecycleRows[recipe]
    }

    public func lifecycles() throws(StoreError) -> [RecipeLifecycle] {
        lifecycleRows.values.sorted { $0.recipe < $1.recipe }
    }

    public func scheduleCursor(recipe: String) throws(StoreError) -> Int64? {
        cursorRows[recipe]
    }

    public func advanceScheduleCursor(recipe: String, from expected: Int64?, to firedAt: Int64) throws(StoreError) -> Bool {
        guard cursorRows[recipe] == expected else { return false }
        cursorRows[recipe] = firedAt
        return true
    }

    public func saveRecipeContent(_ bytes: [UInt8], hash: String) throws(StoreError) {
        if contentRows[hash] == nil { contentRows[hash] = bytes }
    }

    public func recipeContent(hash: String) throws(StoreError) -> [UInt8]? {
        contentRows[hash]
    }

    public func keyState(recipe: String, key: String) throws(StoreError) -> JSONValue? {
        keyStateRows[Self.stateKey(recipe, key)]
    }

    public func setKeyState(recipe: String, key: String, value: JSONValue?) throws(StoreError) {
        keyStateRows[Self.stateKey(recipe, key)] = value
    }

    private static func stateKey(_ recipe: String, _ key: String) -> String {
        "\(recipe.utf8.count):\(recipe)\(key)"
    }
}
