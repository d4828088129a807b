// Shared suite: the step journal, lifecycle, schedule cursors, key state and retention.
import RecipeData
import RecipeStore
import Testing

@Suite struct StoreJournalTests {
    @Test(arguments: StoreBackend.allCases)
    func journalRoundTripsInOrderAndEnqueuesAsyncCallsWithTheStep(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        let jobs = try await store.enqueue([Make.job(), Make.job()])
        _ = try await store.claim(owner: "w", now: 0, lease: 30_000, limit: 2)
        let entries = [
            NewJournalEntry(jobID: jobs[0].id, stepPath: "1", phase: .started, idempotencyKey: "create:emp-1", at: 1),
            NewJournalEntry(jobID: jobs[0].id, stepPath: "1", phase: .ended, output: ["id": 7, "name": "Ada"], at: 2),
            NewJournalEntry(jobID: jobs[1].id, stepPath: "1", phase: .started, at: 3),
            NewJournalEntry(jobID: jobs[0].id, stepPath: "2.1", phase: .ended, error: ["type": "http", "status": 500], at: 4),
        ]
        for entry in entries { _ = try await store.appendJournal(entry, owner: "w") }
        let read = try await store.journal(jobID: jobs[0].id)
        #expect(read.map(\.sequence) == [1, 2, 3])
        #expect(read.map(\.entry) == [entries[0], entries[1], entries[3]])
        #expect(try await store.journal(jobID: jobs[1].id).map(\.sequence) == [1])
        #expect(try await store.journal(jobID: 999).isEmpty)

        let call = Make.job("sub", origin: "\(jobs[0].id)/3", parent: jobs[0].id)
        let step = NewJournalEntry(jobID: jobs[0].id, stepPath: "3", phase: .ended, output: .null, at: 5)
        let written = try await store.appendJournal(step, owner: "w", children: [call])
        #expect(written.entry.sequence == 4 && written.children.map(\.job) == [call])
        // A replayed async step does not enqueue twice.
        let replayed = try await store.appendJournal(step, owner: "w", children: [call])
        #expect(replayed.children.map(\.id) == written.children.map(\.id))
        // The call is not written when the step is refused.
        await #expect(throws: StoreError.leaseLost(jobID: jobs[0].id, owner: "other")) {
            try await store.appendJournal(step, owner: "other", children: [Make.job("sub", origin: "refused")])
        }
        #expect(try await store.jobs(JobFilter(recipe: "sub")).count == 1)
    }

    @Test(arguments: StoreBackend.allCases)
    func lifecycleCursorsAndKeyStateRoundTrip(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        #expect(try await store.lifecycle(recipe: "b") == nil)
        let started = RecipeLifecycle(recipe: "b", state: .started, pinnedContentHash: "sha256:1", changedAt: 10)
        try await store.setLifecycle(started)
        try await store.setLifecycle(RecipeLifecycle(recipe: "a", state: .stopped, pinnedContentHash: nil, changedAt: 11))
        #expect(try await store.lifecycle(recipe: "b") == started)
        let stopped = RecipeLifecycle(recipe: "b", state: .stopped, pinnedContentHash: "sha256:1", changedAt: 12)
        try await store.setLifecycle(stopped)
        #expect(try await store.lifecycles().map(\.recipe) == ["a", "b"])
        #expect(try await store.lifecycle(recipe: "b") == stopped)

        // Compare-and-set: of two processes firing the same tick, one wins.
        #expect(try await store.scheduleCursor(recipe: "daily") == nil)
        let cursorSteps: [(from: Int64?, to: Int64, moved: Bool)] = [
            (nil, 1_000, true), (nil, 1_000, false), (1_000, 2_000, true), (1_000, 2_000, false), (2_000, 3_000, true),
        ]
        for step in cursorSteps {
            #expect(try await store.advanceScheduleCursor(recipe: "daily", from: step.from, to: step.to) == step.moved, "\(step)")
        }
        #expect(try await store.scheduleCursor(recipe: "daily") == 3_000)
        #expect(try await store.scheduleCursor(recipe: "other") == nil)

        #expect(try await store.keyState(recipe: "r", key: "emp-1") == nil)
        try await store.setKeyState(recipe: "r", key: "emp-1", value: ["lastSeen": 5])
        try await store.setKeyState(recipe: "r", key: "emp-2", value: .string("x"))
        try await store.setKeyState(recipe: "r", key: "emp-1", value: ["lastSeen": 6])
        #expect(try await store.keyState(recipe: "r", key: "emp-1") == ["lastSeen": 6])
        #expect(try await store.keyState(recipe: "other", key: "emp-1") == nil)
        try await store.setKeyState(recipe: "r", key: "emp-1", value: nil)
        #expect(try await store.keyState(recipe: "r", key: "emp-1") == nil)
        #expect(try await store.keyState(recipe: "r", key: "emp-2") == .string("x"))
    }

    /// (policy, ids of the succeeded jobs kept): jobs finished at 100, 200, 300, pruned at 1,000.
    @Test(arguments: StoreBackend.allCases, [
        (RetentionPolicy(maxSucceededAge: 900, maxSucceededCount: 10), [1, 2, 3]),  // oldest exactly at the age: kept
        (RetentionPolicy(maxSucceededAge: 899, maxSucceededCount: 10), [2, 3]),  // 1 ms past: pruned
        (RetentionPolicy(maxSucceededAge: 10_000, maxSucceededCount: 3), [1, 2, 3]),
        (RetentionPolicy(maxSucceededAge: 10_000, maxSucceededCount: 2), [2, 3]),
        (RetentionPolicy(maxSucceededAge: 750, maxSucceededCount: 1), [3]),
        (RetentionPolicy(maxSucceededAge: 10_000, maxSucceededCount: 0), []),
    ] as [(RetentionPolicy, [Int])])
    func retentionPrunesSucceededJobsByAgeAndCountAndKeepsFailed(
        _ backend: StoreBackend, _ probe: (policy: RetentionPolicy, kept: [Int])
    ) async throws {
        let store = try backend.make().store
        let jobs = try await store.enqueue((0..<5).map { _ in Make.job() })
        _ = try await store.claim(owner: "w", now: 0, lease: 30_000, limit: 5)
        for (index, job) in jobs.prefix(3).enumerated() {
            _ = try await store.appendJournal(NewJournalEntry(jobID: job.id, stepPath: "1", phase: .started, at: 1), owner: "w")
            _ = try await store.finish(jobID: job.id, owner: "w", outcome: .succeeded(.null), now: Int64(index + 1) * 100)
        }
        _ = try await store.finish(jobID: jobs[3].id, owner: "w", outcome: .failed(.null), now: 50)  // failed, old
        // jobs[4] stays running.
        let pruned = try await store.pruneSucceededJobs(probe.policy, now: 1_000)
        #expect(pruned == 3 - probe.kept.count)
        let keptIDs = probe.kept.map { jobs[$0 - 1].id }
        #expect(try await store.jobs(JobFilter(status: .succeeded)).map(\.id) == keptIDs.reversed())
        #expect(try await store.job(id: jobs[3].id)?.status == .failed)
        #expect(try await store.job(id: jobs[4].id)?.status == .running)
        for job in jobs.prefix(3) {
            #expect(try await store.journal(jobID: job.id).count == (keptIDs.contains(job.id) ? 1 : 0))
        }
    }

    @Test func retentionDefaultsAreNamed() {
        #expect(RetentionPolicy.default.maxSucceededAge == 7 * 24 * 3600 * 1000)
        #expect(RetentionPolicy.default.maxSucceededCount == 10_000)
        #expect(StoreDefaults.dedupWindow == 3 * 24 * 3600 * 1000)
        #expect(StoreDefaults.lease == 30_000)
    }
}

@Suite struct StoreStepDetailTests {
    @Test(arguments: StoreBackend.allCases)
    func journalEntriesKeepTheEnginesStepDetailsAndObservations(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        let job = try await store.enqueue([Make.job()])[0]
        _ = try await store.claim(owner: "w", now: 0, lease: 30_000, limit: 1)
        let observed: JSONValue = [["name": "now", "ordinal": 0, "value": "2026-12-02T12:00:00.000Z"]]
        let entries = [
            NewJournalEntry(
                jobID: job.id, stepPath: "1", phase: .started, idempotencyKey: "k", kind: "action", attempt: 2,
                observations: observed, at: 1),
            NewJournalEntry(
                jobID: job.id, stepPath: "1", phase: .ended, idempotencyKey: "k", kind: "action", attempt: 2,
                status: "succeeded", output: ["id": 7], at: 2),
        ]
        for entry in entries { _ = try await store.appendJournal(entry, owner: "w") }
        #expect(try await store.journal(jobID: job.id).map(\.entry) == entries)
    }

    @Test(arguments: StoreBackend.allCases)
    func aJobIsNotClaimedBeforeItsRunAfterAndStillHoldsItsKey(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        var waiting = Make.job(key: "emp-1", at: 0)
        waiting.runAfter = 20_000
        waiting.asyncCallsBefore = 3
        let stored = try await store.enqueue([waiting, Make.job(key: "emp-1", at: 1), Make.job(key: "emp-2", at: 2)])
        #expect(stored[0].job.runAfter == 20_000 && stored[0].job.asyncCallsBefore == 3)
        // Before its time: neither it nor the younger job of its key; the other key runs.
        #expect(try await store.claim(owner: "w", now: 19_999, lease: 1_000, limit: 10).map(\.id) == [stored[2].id])
        // At its time it is claimed, and the younger job still waits for it.
        #expect(try await store.claim(owner: "w", now: 20_000, lease: 1_000, limit: 10).map(\.id) == [stored[0].id])
    }
}

@Suite struct StoreRecipeContentTests {
    @Test(arguments: StoreBackend.allCases)
    func recipeContentIsKeptByHashAndNeverOverwritten(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        #expect(try await store.recipeContent(hash: "h1") == nil)
        try await store.saveRecipeContent(Array("first".utf8), hash: "h1")
        try await store.saveRecipeContent(Array("other".utf8), hash: "h1")
        try await store.saveRecipeContent([0, 255, 10], hash: "h2")
        #expect(try await store.recipeContent(hash: "h1") == Array("first".utf8))
        #expect(try await store.recipeContent(hash: "h2") == [0, 255, 10])
    }
}

@Suite struct StoreJournalBatchTests {
    /// Entries of several jobs in one group commit: each checked against its own lease; a
    /// refused entry writes nothing (nor its children) and the others are written.
    @Test(arguments: StoreBackend.allCases)
    func aBatchChecksEachEntrysLeaseAndWritesTheOthers(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        let jobs = try await store.enqueue([Make.job(), Make.job(), Make.job()])
        _ = try await store.claim(owner: "a", now: 0, lease: 30_000, limit: 2)
        _ = try await store.claim(owner: "b", now: 0, lease: 30_000, limit: 1)
        let batch = [
            JournalAppend(NewJournalEntry(jobID: jobs[0].id, stepPath: "1", phase: .started, at: 1), owner: "a"),
            JournalAppend(
                NewJournalEntry(jobID: jobs[1].id, stepPath: "1", phase: .ended, at: 2), owner: "b",
                children: [Make.job("refused-child", origin: "x")]),
            JournalAppend(
                NewJournalEntry(jobID: jobs[2].id, stepPath: "1", phase: .ended, at: 3), owner: "b",
                children: [Make.job("child", origin: "y")]),
            JournalAppend(NewJournalEntry(jobID: 999, stepPath: "1", phase: .started, at: 4), owner: "a"),
        ]
        let results = try await store.appendJournal(batch)
        #expect(results.count == 4)
        #expect((try? results[0].get())?.entry.sequence == 1)
        #expect(throws: StoreError.leaseLost(jobID: jobs[1].id, owner: "b")) { try results[1].get() }
        #expect((try? results[2].get())?.children.map(\.job.recipe) == ["child"])
        #expect(throws: StoreError.unknownJob(999)) { try results[3].get() }
        #expect(try await store.journal(jobID: jobs[1].id).isEmpty)
        #expect(try await store.jobs(JobFilter(recipe: "refused-child")).isEmpty)
    }
}

@Suite struct StoreAcknowledgeTests {
    /// Acknowledged failed jobs are pruned by age like succeeded ones; others stay.
    @Test(arguments: StoreBackend.allCases)
    func acknowledgedFailuresArePrunedByAgeAndOthersStay(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        let jobs = try await store.enqueue([Make.job(), Make.job(), Make.job()])
        _ = try await store.claim(owner: "w", now: 0, lease: 1_000, limit: 3)
        for job in jobs { _ = try await store.finish(jobID: job.id, owner: "w", outcome: .failed(["e": 1]), now: 10) }
        _ = try await store.finish([])  // an empty batch writes nothing
        #expect(try await store.acknowledge(jobID: jobs[0].id, now: 20)?.acknowledgedAt == 20)
        #expect(try await store.acknowledge(jobID: jobs[0].id, now: 30)?.acknowledgedAt == 20)
        #expect(try await store.acknowledge(jobID: 999, now: 30) == nil)
        let policy = RetentionPolicy(maxSucceededAge: 100, maxSucceededCount: 0)
        #expect(try await store.pruneSucceededJobs(policy, now: 110) == 0)
        #expect(try await store.pruneSucceededJobs(policy, now: 111) == 1)
        #expect(try await store.jobs(JobFilter()).map(\.id).sorted() == [jobs[1].id, jobs[2].id])
    }
}
