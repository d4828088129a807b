// Two-stage writes (RecipeStore's Committed.swift): a commit is visible and ordered when it
// returns, and `waitUntilDurable` answers only after a sync that started after it. SQLite's
// WAL syncs run off the store's thread (WALSync.swift); a failed sync fails every later wait.
import Foundation
import RecipeData
import RecipeStore
import RecipeStoreSQLite
import Testing

@Suite struct PipelinedSyncTests {
    @Test("commit, then wait: the same rows as appendDeliveries", arguments: StoreBackend.allCases)
    func commitThenWaitIsAnAppend(_ backend: StoreBackend) async throws {
        let fixture = try backend.make()
        let store = fixture.store
        let first = try await store.commitDeliveries(
            [DeliveryIntake(Make.delivery("a", at: 1), jobs: [Make.job(key: "emp-1")])], dedupWindow: StoreDefaults.dedupWindow)
        // Committed: visible and deduplicated against before any sync.
        let second = try await store.commitDeliveries([DeliveryIntake(Make.delivery("a", at: 2))], dedupWindow: StoreDefaults.dedupWindow)
        #expect(second.value[0].duplicateOf == first.value[0].id)
        try await store.waitUntilDurable(first.ticket)
        try await store.waitUntilDurable(second.ticket)
        #expect(try await store.deliveries(DeliveryFilter(limit: 10)).count == 2)
        #expect(try await store.job(id: first.value[0].jobIDs[0])?.status == .queued)
        switch backend {
        case .memory: #expect(first.ticket == .durable && second.ticket == .durable)
        case .sqlite: #expect(.durable < first.ticket && first.ticket < second.ticket)
        }
    }

    @Test("many waiters on overlapping commits are all answered", arguments: StoreBackend.allCases)
    func concurrentWaitersAreAllAnswered(_ backend: StoreBackend) async throws {
        let fixture = try backend.make()
        let store = fixture.store
        let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let committed = try await store.commitDeliveries(
                        [DeliveryIntake(Make.delivery("k-\(index)", at: Int64(index)))], dedupWindow: StoreDefaults.dedupWindow)
                    try await store.waitUntilDurable(committed.ticket)
                    return committed.value[0].id
                }
            }
            return try await group.reduce(into: Set<Int64>()) { $0.insert($1) }
        }
        #expect(ids.count == 64)
    }

    @Test func theJournalCommitsThenSyncs() async throws {
        let fixture = try StoreBackend.sqlite.make()
        let store = fixture.store
        let job = try await store.enqueue([Make.job(key: "emp-1")])[0]
        _ = try await store.claim(owner: "w", now: 0, lease: StoreDefaults.lease, limit: 1)
        let committed = try await store.commitJournal([
            JournalAppend(NewJournalEntry(jobID: job.id, stepPath: "1", phase: .started, idempotencyKey: "k", at: 1), owner: "w", children: [])
        ])
        #expect(committed.ticket > .durable)
        try await store.waitUntilDurable(committed.ticket)
        #expect(try await store.journal(jobID: job.id).map(\.entry.idempotencyKey) == ["k"])
    }

    @Test func aDatabaseWithoutAWALFileCommitsDurablyAtOnce() async throws {
        let store = try SQLiteStore(path: ":memory:")
        let committed = try await store.commitDeliveries([DeliveryIntake(Make.delivery("a", at: 1))], dedupWindow: StoreDefaults.dedupWindow)
        #expect(committed.ticket == .durable)
    }

    @Test func theWALFileIsTheOneSQLiteWrites() throws {
        let directory = try TemporaryDirectory()
        let connection = try SQLiteConnection(path: directory.file("store.sqlite"))
        try connection.execute("CREATE TABLE t (x)")
        let wal = try #require(connection.walFileName)
        #expect(wal.hasSuffix("/store.sqlite-wal"))
        #expect(FileManager.default.fileExists(atPath: wal))
    }

    @Test func aFailedSyncFailsThisWaitAndEveryLaterOne() async throws {
        // fdatasync(2) on /dev/null fails with EINVAL ("a special file which does not support
        // synchronization"): a disk that refuses to sync.
        let sync = try #require(WALSync(fileName: "/dev/null"))
        let first = sync.committed()
        await #expect(throws: StoreError.self) { try await sync.wait(first) }
        // Even a commit numbered before the failure is not called durable afterwards.
        await #expect(throws: StoreError.self) { try await sync.wait(first) }
        let later = sync.committed()
        await #expect(throws: StoreError.self) { try await sync.wait(later) }
    }

    @Test func aTicketAlreadySyncedIsAnsweredAtOnceAndLaterOnesWait() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("file")
        FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
        let sync = try #require(WALSync(fileName: path))
        let tickets = (0..<5).map { _ in sync.committed() }
        #expect(tickets.map(\.sequence) == [1, 2, 3, 4, 5])
        try await sync.wait(tickets[4])
        try await sync.wait(tickets[0])
        try await sync.wait(.durable)
        try await sync.wait(sync.committed())
    }
}

@Suite struct BackgroundCheckpointTests {
    /// SQLite's automatic checkpoint is off (the store's WAL hook replaces it); the store must
    /// still keep the WAL bounded: 8 MB of deliveries go through a WAL with a 100-frame
    /// threshold (400 KB), whose committing connection checkpoints itself at 400 frames when
    /// the background checkpointer lags. Without checkpoints the WAL would hold all 8 MB.
    @Test func theWALStaysBoundedWhileMegabytesGoThrough() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let store = try SQLiteStore(path: path, checkpointFrames: 100)
        let body = String(repeating: "x", count: 4_000)
        for batch in 0..<40 {
            let deliveries = (0..<50).map { Make.delivery("k-\(batch)-\($0)", at: Int64(batch), body: #"{"pad":"\#(body)"}"#) }
            _ = try await store.appendDeliveries(deliveries, dedupWindow: StoreDefaults.dedupWindow)
        }
        let walBytes = try #require(try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int)
        #expect(walBytes < 4 << 20, "the WAL grew to \(walBytes) bytes: checkpoints did not run")
        #expect(try await store.deliveries(DeliveryFilter(limit: 5_000)).count == 2_000)
    }
}

@Suite struct TriggerFromDeliveryBodyTests {
    static let body = #"{"type":"employee.updated","data":{"employeeId":"3332883894235038486","n":12345678901234567890}}"#

    /// A job whose trigger is its delivery's body reads back the parsed body, from a claim and
    /// from `job(id:)`, on every backend; debounce coalescing keeps the rule for the new trigger.
    @Test("a trigger that is the delivery body reads back as the parsed body", arguments: StoreBackend.allCases)
    func theTriggerReadsBackFromTheBody(_ backend: StoreBackend) async throws {
        let fixture = try backend.make()
        let store = fixture.store
        let parsed = try JSONParser.parseValue(Array(Self.body.utf8))
        var job = Make.job(key: "emp-1")
        job.trigger = parsed
        job.triggerIsDeliveryBody = true
        let stored = try await store.appendDeliveries(
            [DeliveryIntake(Make.delivery("a", at: 1, body: Self.body), jobs: [job])], dedupWindow: StoreDefaults.dedupWindow)
        let id = try #require(stored.first?.jobIDs.first)
        #expect(try await store.job(id: id)?.job.trigger == parsed)
        let claimed = try await store.claim(owner: "w", now: 2, lease: StoreDefaults.lease, limit: 1)
        #expect(claimed.map(\.job.trigger) == [parsed])
        #expect(claimed.first?.job.triggerIsDeliveryBody == true)
    }

    @Test func sqliteKeepsTheBodyOnce() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("store.sqlite")
        let store = try SQLiteStore(path: path)
        var inBody = Make.job(key: "emp-1")
        inBody.trigger = try JSONParser.parseValue(Array(Self.body.utf8))
        inBody.triggerIsDeliveryBody = true
        let own = Make.job(key: "emp-2")
        _ = try await store.appendDeliveries(
            [DeliveryIntake(Make.delivery("a", at: 1, body: Self.body), jobs: [inBody, own])], dedupWindow: StoreDefaults.dedupWindow)
        let connection = try SQLiteConnection(path: path)
        let columns = try connection.query("SELECT trigger_json FROM jobs ORDER BY id", mapError: { $0 }) { row throws(SQLiteError) in row.text(0) }
        #expect(columns == ["", #"{"employeeId":"emp-2"}"#])
    }
}
