// Shared suite: deliveries, deduplication and group commit, on every backend.
import RecipeData
import RecipeStore
import Testing

/// One deduplication case: a first delivery at 0, a second one later.
struct DedupCase: Sendable, CustomTestStringConvertible {
    var name: String
    var firstKey: String?
    var secondKey: String?
    var secondAt: Int64
    var isDuplicate: Bool

    var testDescription: String { name }

    static let window: Int64 = 1_000
    static let all: [DedupCase] = [
        DedupCase(name: "same key inside the window", firstKey: "k", secondKey: "k", secondAt: 10, isDuplicate: true),
        DedupCase(name: "same key at the window's edge", firstKey: "k", secondKey: "k", secondAt: window, isDuplicate: true),
        DedupCase(name: "same key 1 ms past the window", firstKey: "k", secondKey: "k", secondAt: window + 1, isDuplicate: false),
        DedupCase(name: "other key", firstKey: "k", secondKey: "l", secondAt: 10, isDuplicate: false),
        DedupCase(name: "no key", firstKey: nil, secondKey: nil, secondAt: 10, isDuplicate: false),
    ]
}

@Suite struct StoreDeliveryTests {
    @Test(arguments: StoreBackend.allCases, DedupCase.all)
    func deduplicatesWithinTheWindow(_ backend: StoreBackend, _ dedup: DedupCase) async throws {
        let fixture = try backend.make()
        let first = try await fixture.store.appendDeliveries([Make.delivery(dedup.firstKey, at: 0)], dedupWindow: DedupCase.window)
        let second = try await fixture.store.appendDeliveries(
            [Make.delivery(dedup.secondKey, at: dedup.secondAt)], dedupWindow: DedupCase.window)
        #expect(first[0].duplicateOf == nil)
        #expect(second[0].duplicateOf == (dedup.isDuplicate ? first[0].id : nil))
        // A duplicate is its own row.
        #expect(try await fixture.store.delivery(id: second[0].id) == second[0])
    }

    @Test(arguments: StoreBackend.allCases)
    func duplicatesPointAtTheFirstEvenInOneBatchAndAfterSeveralRedeliveries(_ backend: StoreBackend) async throws {
        let fixture = try backend.make()
        let batch = try await fixture.store.appendDeliveries(
            [Make.delivery("k", at: 0), Make.delivery("k", at: 1), Make.delivery("other", at: 2)], dedupWindow: 100)
        let later = try await fixture.store.appendDeliveries([Make.delivery("k", at: 50)], dedupWindow: 100)
        #expect(batch.map(\.duplicateOf) == [nil, batch[0].id, nil])
        #expect(later[0].duplicateOf == batch[0].id)
        // Past the window of the first, a redelivery is a new first one.
        let renewed = try await fixture.store.appendDeliveries([Make.delivery("k", at: 101)], dedupWindow: 100)
        #expect(renewed[0].duplicateOf == nil)
    }

    @Test(arguments: StoreBackend.allCases, [1, 16, 256])
    func groupCommitMakesTheWholeBatchVisible(_ backend: StoreBackend, _ count: Int) async throws {
        let fixture = try backend.make()
        let batch = (0..<count).map { Make.delivery("key-\($0)", at: Int64($0), body: #"{"n":\#($0)}"#) }
        let stored = try await fixture.store.appendDeliveries(batch, dedupWindow: StoreDefaults.dedupWindow)
        #expect(stored.map(\.delivery) == batch)
        #expect(stored.map(\.id) == stored.map(\.id).sorted() && Set(stored.map(\.id)).count == count)
        let listed = try await fixture.store.deliveries(DeliveryFilter(limit: count + 1))
        #expect(listed.map(\.delivery) == batch.reversed())
    }

    @Test(arguments: StoreBackend.allCases)
    func aDeliveryEnqueuesItsJobsInItsTransactionAndADuplicateNone(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        let jobs = [Make.job("create", key: "emp-1"), Make.job("update", key: "emp-1")]
        let stored = try await store.appendDeliveries(
            [
                DeliveryIntake(Make.delivery("k", at: 0), jobs: jobs),
                DeliveryIntake(Make.delivery("k", at: 1), jobs: jobs),  // a redelivery
                DeliveryIntake(Make.delivery("unmatched", at: 2)),  // matched no started recipe
            ], dedupWindow: StoreDefaults.dedupWindow)
        #expect(stored.map(\.jobIDs.count) == [2, 0, 0])
        let enqueued = try await store.jobs(JobFilter())
        #expect(enqueued.map(\.id) == stored[0].jobIDs.reversed())
        #expect(enqueued.allSatisfy { $0.job.deliveryID == stored[0].id && $0.status == .queued })
        #expect(enqueued.map(\.job.recipe) == ["update", "create"])
        // Read back with the jobs it started, as `recipes deliveries` shows them.
        #expect(try await store.delivery(id: stored[0].id) == stored[0])
        #expect(try await store.deliveries(DeliveryFilter()) == stored.reversed())
    }

    @Test(arguments: StoreBackend.allCases)
    func deliveriesFilterByFolderConnectionSinceAndLimit(_ backend: StoreBackend) async throws {
        let fixture = try backend.make()
        var other = Make.delivery(nil, at: 5)
        other.folder = "offboarding"
        other.connection = "greenhouse"
        _ = try await fixture.store.appendDeliveries(
            [Make.delivery(nil, at: 1), other, Make.delivery(nil, at: 9)], dedupWindow: 0)
        let cases: [(DeliveryFilter, [Int64])] = [
            (DeliveryFilter(), [9, 5, 1]),
            (DeliveryFilter(folder: "onboarding"), [9, 1]),
            (DeliveryFilter(connection: "greenhouse"), [5]),
            (DeliveryFilter(since: 5), [9, 5]),
            (DeliveryFilter(limit: 1), [9]),
            (DeliveryFilter(limit: 0), []),
        ]
        for (filter, times) in cases {
            #expect(try await fixture.store.deliveries(filter).map(\.delivery.receivedAt) == times, "\(filter)")
        }
        #expect(try await fixture.store.delivery(id: 99) == nil)
    }
}
