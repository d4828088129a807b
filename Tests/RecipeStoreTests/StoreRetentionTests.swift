// Retention of deliveries (they hold people's data) and ids that pruning never hands out again.
import Foundation
import RecipeData
import RecipeStore
import Testing

@Suite struct StoreRetentionTests {
    /// Old deliveries go unless a job refers to them or a kept duplicate points at them; the
    /// newest delivery always stays; `limit` bounds one pass.
    @Test(arguments: StoreBackend.allCases)
    func oldUnreferencedDeliveriesArePruned(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        let window = StoreDefaults.dedupWindow
        // 1: old, no job → pruned. 2: old, started a job → kept. 3: old first of 4 (old
        // duplicate) → both pruned. 5: old first of 6 (a recent duplicate) → kept, 6 kept.
        // 7: recent → kept. 8: old duplicate of 1 → pruned (dedup window 0 here is not relied on).
        let stored = try await store.appendDeliveries(
            [
                DeliveryIntake(Make.delivery("a", at: 10)),
                DeliveryIntake(Make.delivery("b", at: 11), jobs: [Make.job(key: "emp-1")]),
                DeliveryIntake(Make.delivery("c", at: 12)),
                DeliveryIntake(Make.delivery("c", at: 13)),
                DeliveryIntake(Make.delivery("d", at: 14)),
                DeliveryIntake(Make.delivery("d", at: 1_000)),
                DeliveryIntake(Make.delivery("e", at: 1_001)),
            ], dedupWindow: window)
        #expect(stored.map { $0.duplicateOf != nil } == [false, false, false, true, false, true, false])
        #expect(try await store.pruneDeliveries(receivedBefore: 500, limit: 1) == 1)
        #expect(try await store.pruneDeliveries(receivedBefore: 500, limit: 100) == 2)
        let left = try await store.deliveries(DeliveryFilter(limit: 100)).map(\.id).sorted()
        #expect(left == [stored[1].id, stored[4].id, stored[5].id, stored[6].id])
        #expect(try await store.pruneDeliveries(receivedBefore: 500, limit: 100) == 0)
        // Everything old enough: 5 and its duplicate 6 go; 2 stays for its job; the newest
        // delivery (7) stays, so ids are not reused.
        #expect(try await store.pruneDeliveries(receivedBefore: 5_000, limit: 100) == 2)
        #expect(try await store.deliveries(DeliveryFilter(limit: 100)).map(\.id).sorted() == [stored[1].id, stored[6].id])
        // Its job pruned (a later job keeps the newest id), delivery 2 goes too.
        _ = try await store.claim(owner: "w", now: 2_000, lease: 1_000, limit: 1)
        let job = try #require(stored[1].jobIDs.first)
        _ = try await store.finish(jobID: job, owner: "w", outcome: .succeeded(["ok": true]), now: 2_000)
        _ = try await store.enqueue([Make.job()])
        #expect(try await store.pruneSucceededJobs(RetentionPolicy(maxSucceededAge: 0, maxSucceededCount: 0), now: 3_000) == 1)
        #expect(try await store.pruneDeliveries(receivedBefore: 5_000, limit: 100) == 1)
        #expect(try await store.deliveries(DeliveryFilter(limit: 100)).map(\.id) == [stored[6].id])
    }

    /// After pruning, new rows get ids above every id handed out before.
    @Test(arguments: StoreBackend.allCases)
    func prunedIdsAreNeverHandedOutAgain(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        let first = try await store.appendDeliveries((0..<3).map { DeliveryIntake(Make.delivery("k\($0)", at: 1)) }, dedupWindow: 0)
        let jobs = try await store.enqueue([Make.job(), Make.job(), Make.job()])
        _ = try await store.claim(owner: "w", now: 0, lease: 1_000, limit: 3)
        for job in jobs { _ = try await store.finish(jobID: job.id, owner: "w", outcome: .succeeded(["ok": true]), now: 1) }
        #expect(try await store.pruneSucceededJobs(RetentionPolicy(maxSucceededAge: 0, maxSucceededCount: 0), now: 10) == 2)
        #expect(try await store.pruneDeliveries(receivedBefore: 10, limit: 100) == 2)
        let again = try await store.appendDeliveries([DeliveryIntake(Make.delivery("new", at: 20))], dedupWindow: 0)
        let newJob = try await store.enqueue([Make.job()])
        #expect(again[0].id > first.map(\.id).max()!)
        #expect(newJob[0].id > jobs.map(\.id).max()!)
    }
}
