// SQLite only: what a committed write survives. A child process writes through the store and
// is killed with SIGKILL mid-way (no close, no checkpoint, the WAL left behind); the parent
// reopens the file and finds everything the child saw committed.
import Foundation
import RecipeData
import RecipeStore
import RecipeStoreSQLite
import Testing

@Suite struct SQLiteDurabilityTests {
    static let batches = 8
    static let batchSize = 32

    @Test func everythingCommittedSurvivesKill9() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        await #expect(processExitsWith: .signal(SIGKILL)) { [path = path as String] in
            let store = try SQLiteStore(path: path)
            for batch in 0..<SQLiteDurabilityTests.batches {
                let deliveries = (0..<SQLiteDurabilityTests.batchSize).map { Make.delivery("d-\(batch)-\($0)", at: Int64(batch)) }
                _ = try await store.appendDeliveries(deliveries, dedupWindow: StoreDefaults.dedupWindow)
            }
            let started = try await store.appendDeliveries(
                [DeliveryIntake(Make.delivery("with-jobs", at: 9), jobs: [Make.job(key: "emp-1"), Make.job(key: "emp-1")])],
                dedupWindow: StoreDefaults.dedupWindow)
            guard let jobs = try await store.job(id: started[0].jobIDs[0]).map({ [$0] }) else { exit(2) }
            _ = try await store.claim(owner: "child", now: 0, lease: StoreDefaults.lease, limit: 5)
            _ = try await store.appendJournal(
                NewJournalEntry(jobID: jobs[0].id, stepPath: "1", phase: .started, idempotencyKey: "create:emp-1", at: 1),
                owner: "child")
            _ = try await store.advanceScheduleCursor(recipe: "daily", from: nil, to: 7)
            // Killed while holding the open database and a lease, with the journal's step in flight.
            kill(getpid(), SIGKILL)
        }
        let reopened = try SQLiteStore(path: path)
        let deliveries = try await reopened.deliveries(DeliveryFilter(limit: 10_000))
        #expect(deliveries.count == Self.batches * Self.batchSize + 1)
        #expect(Set(deliveries.compactMap(\.delivery.dedupKey)).count == Self.batches * Self.batchSize + 1)
        #expect(deliveries.first?.jobIDs.count == 2)
        let jobs = try await reopened.jobs(JobFilter())
        #expect(jobs.map(\.status) == [.queued, .running])
        #expect(try await reopened.journal(jobID: jobs[1].id).map(\.entry.idempotencyKey) == ["create:emp-1"])
        #expect(try await reopened.scheduleCursor(recipe: "daily") == 7)
        // The restarted process reclaims the dead one's job at once, and per-key order holds.
        #expect(try await reopened.expireAllLeases(now: 2) == 1)
        #expect(try await reopened.claim(owner: "parent", now: 2, lease: StoreDefaults.lease, limit: 5).map(\.id) == [jobs[1].id])
    }

    @Test func twoStoresOnOneFileNeverClaimTheSameJob() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let first = try SQLiteStore(path: path)
        let second = try SQLiteStore(path: path)
        let jobs = try await first.enqueue((0..<40).map { Make.job(key: $0 % 4 == 0 ? "shared" : nil) })
        async let a = Self.drain(first, owner: "a")
        async let b = Self.drain(second, owner: "b")
        let (claimedByA, claimedByB) = try await (a, b)
        #expect(Set(claimedByA).isDisjoint(with: claimedByB))
        #expect(Set(claimedByA + claimedByB) == Set(jobs.map(\.id)))
    }

    /// Claims and finishes jobs until none is left (or, should claims repeat, more claims than
    /// jobs); returns the claimed ids.
    static func drain(_ store: SQLiteStore, owner: String) async throws -> [Int64] {
        var claimed: [Int64] = []
        var idle = 0
        while idle < 50 && claimed.count <= 40 {
            let batch = try await store.claim(owner: owner, now: 0, lease: StoreDefaults.lease, limit: 2)
            idle = batch.isEmpty ? idle + 1 : 0
            for job in batch {
                claimed.append(job.id)
                _ = try await store.finish(jobID: job.id, owner: owner, outcome: .succeeded(.null), now: 1)
            }
            if batch.isEmpty { await Task.yield() }
        }
        return claimed
    }
}
