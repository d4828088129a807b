// Shared suite: enqueue, claim with a lease, expiry and takeover, per-key ordering, finish.
import RecipeData
import RecipeStore
import Testing

@Suite struct StoreJobTests {
    static let lease: Int64 = 30_000

    @Test(arguments: StoreBackend.allCases)
    func claimTakesQueuedJobsOldestFirstUpToTheLimit(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        let queued = try await store.enqueue([Make.job(), Make.job(), Make.job()])
        #expect(queued.map(\.status) == [.queued, .queued, .queued])
        let claimed = try await store.claim(owner: "a", now: 100, lease: Self.lease, limit: 2)
        #expect(claimed.map(\.id) == Array(queued.map(\.id).prefix(2)))
        #expect(claimed.allSatisfy { $0.status == .running && $0.leaseOwner == "a" && $0.attempts == 1 })
        #expect(claimed.allSatisfy { $0.leaseExpiresAt == 100 + Self.lease && $0.startedAt == 100 })
        #expect(try await store.claim(owner: "b", now: 100, lease: Self.lease, limit: 0).isEmpty)
        #expect(try await store.claim(owner: "b", now: 100, lease: Self.lease, limit: 5).map(\.id) == [queued[2].id])
        #expect(try await store.claim(owner: "b", now: 100, lease: Self.lease, limit: 5).isEmpty)
    }

    /// (now, claimable by another owner): the lease lapses at exactly `leaseExpiresAt`.
    @Test(arguments: StoreBackend.allCases, [(Self.lease - 1, false), (Self.lease, true), (Self.lease + 5_000, true)])
    func aLapsedLeaseIsTakenOverByAnotherOwner(_ backend: StoreBackend, _ probe: (now: Int64, claimable: Bool)) async throws {
        let store = try backend.make().store
        let job = try await store.enqueue([Make.job()])[0]
        _ = try await store.claim(owner: "a", now: 0, lease: Self.lease, limit: 1)
        let taken = try await store.claim(owner: "b", now: probe.now, lease: Self.lease, limit: 1)
        guard probe.claimable else {
            #expect(taken.isEmpty)
            // The holder can still renew and finish.
            #expect(try await store.renewLease(jobID: job.id, owner: "a", now: probe.now, lease: Self.lease).leaseExpiresAt
                == probe.now + Self.lease)
            #expect(try await store.finish(jobID: job.id, owner: "a", outcome: .succeeded(.null), now: probe.now).status == .succeeded)
            return
        }
        #expect(taken.map(\.id) == [job.id])
        #expect(taken[0].leaseOwner == "b" && taken[0].attempts == 2 && taken[0].startedAt == 0)
        // The old owner is fenced off from every write on the job.
        await #expect(throws: StoreError.leaseLost(jobID: job.id, owner: "a")) {
            try await store.renewLease(jobID: job.id, owner: "a", now: probe.now, lease: Self.lease)
        }
        await #expect(throws: StoreError.leaseLost(jobID: job.id, owner: "a")) {
            try await store.finish(jobID: job.id, owner: "a", outcome: .succeeded(.null), now: probe.now)
        }
        await #expect(throws: StoreError.leaseLost(jobID: job.id, owner: "a")) {
            try await store.appendJournal(NewJournalEntry(jobID: job.id, stepPath: "1", phase: .started, at: probe.now), owner: "a")
        }
        #expect(try await store.finish(jobID: job.id, owner: "b", outcome: .failed(["type": "timeout"]), now: 9).status == .failed)
    }

    @Test(arguments: StoreBackend.allCases)
    func renewingKeepsTheLeaseAndExpireAllLeasesReleasesThemAtOnce(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        let jobs = try await store.enqueue([Make.job(key: "x"), Make.job(key: "y"), Make.job()])
        _ = try await store.claim(owner: "old", now: 0, lease: Self.lease, limit: 2)
        _ = try await store.renewLease(jobID: jobs[0].id, owner: "old", now: Self.lease - 1, lease: Self.lease)
        #expect(try await store.claim(owner: "new", now: Self.lease, lease: Self.lease, limit: 5).map(\.id) == [jobs[1].id, jobs[2].id])
        // A restarted single process reclaims its previous incarnation's jobs without waiting.
        #expect(try await store.expireAllLeases(now: Self.lease + 1) == 3)
        let reclaimed = try await store.claim(owner: "restarted", now: Self.lease + 1, lease: Self.lease, limit: 5)
        #expect(reclaimed.map(\.id) == jobs.map(\.id))
    }

    @Test(arguments: StoreBackend.allCases)
    func jobsWithOneKeyRunOneAtATimeInOrderAndOtherKeysInParallel(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        let jobs = try await store.enqueue([
            Make.job(key: "emp-1"), Make.job(key: "emp-2"), Make.job(key: "emp-1"), Make.job(), Make.job(key: "emp-1"),
        ])
        let first = try await store.claim(owner: "a", now: 0, lease: Self.lease, limit: 10)
        #expect(first.map(\.id) == [jobs[0].id, jobs[1].id, jobs[3].id])
        // While the first emp-1 job is unfinished, the second is not claimable, even after its lease lapsed
        // (the lapsed job itself is claimable again, and still comes first).
        #expect(try await store.claim(owner: "b", now: 1, lease: Self.lease, limit: 10).isEmpty)
        #expect(try await store.claim(owner: "b", now: Self.lease, lease: Self.lease, limit: 10).map(\.id)
            == [jobs[0].id, jobs[1].id, jobs[3].id])
        _ = try await store.finish(jobID: jobs[0].id, owner: "b", outcome: .failed(.null), now: Self.lease)
        #expect(try await store.claim(owner: "b", now: Self.lease, lease: Self.lease, limit: 10).map(\.id) == [jobs[2].id])
        _ = try await store.finish(jobID: jobs[2].id, owner: "b", outcome: .cancelled, now: Self.lease)
        #expect(try await store.claim(owner: "b", now: Self.lease, lease: Self.lease, limit: 10).map(\.id) == [jobs[4].id])
    }

    @Test(arguments: StoreBackend.allCases)
    func enqueueIsIdempotentPerOriginKeyAndKeepsParentLinks(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        let parent = try await store.enqueue([Make.job("main")])[0]
        let child = Make.job("sub", origin: "\(parent.id)/2.1", parent: parent.id)
        let once = try await store.enqueue([child])
        let twice = try await store.enqueue([child, Make.job("sub", origin: "\(parent.id)/2.2", parent: parent.id)])
        #expect(twice[0] == once[0])
        #expect(twice[1].id != once[0].id && twice[1].job.parentID == parent.id)
        #expect(try await store.jobs(JobFilter(recipe: "sub")).count == 2)
        #expect(try await store.jobs(JobFilter(parentID: parent.id)).map(\.id) == [twice[1].id, once[0].id])
        #expect(try await store.jobs(JobFilter(parentID: twice[1].id)).isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func finishRecordsTheOutcomeAndJobsFilter(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        let jobs = try await store.enqueue([Make.job("a", at: 1), Make.job("b", at: 2), Make.job("a", at: 3), Make.job("a", at: 4)])
        _ = try await store.claim(owner: "w", now: 5, lease: Self.lease, limit: 3)
        let done = try await store.finish(jobID: jobs[0].id, owner: "w", outcome: .succeeded(["created": 1]), now: 6)
        let failed = try await store.finish(jobID: jobs[1].id, owner: "w", outcome: .failed(["type": "http"]), now: 7)
        #expect(done.result == ["created": 1] && done.error == nil && done.finishedAt == 6 && done.leaseExpiresAt == nil)
        #expect(failed.error == ["type": "http"] && failed.result == nil)
        #expect(try await store.job(id: jobs[0].id) == done)
        #expect(try await store.job(id: 999) == nil)
        await #expect(throws: StoreError.unknownJob(999)) {
            try await store.finish(jobID: 999, owner: "w", outcome: .cancelled, now: 8)
        }
        // A finished job cannot be finished again.
        await #expect(throws: StoreError.leaseLost(jobID: jobs[0].id, owner: "w")) {
            try await store.finish(jobID: jobs[0].id, owner: "w", outcome: .cancelled, now: 8)
        }
        let cases: [(JobFilter, [Int64])] = [
            (JobFilter(), [jobs[3].id, jobs[2].id, jobs[1].id, jobs[0].id]),
            (JobFilter(recipe: "a"), [jobs[3].id, jobs[2].id, jobs[0].id]),
            (JobFilter(status: .running), [jobs[2].id]),
            (JobFilter(status: .queued), [jobs[3].id]),
            (JobFilter(recipe: "a", status: .succeeded), [jobs[0].id]),
            (JobFilter(since: 3), [jobs[3].id, jobs[2].id]),
            (JobFilter(limit: 1), [jobs[3].id]),
        ]
        for (filter, ids) in cases {
            #expect(try await store.jobs(filter).map(\.id) == ids, "\(filter)")
        }
    }
}

@Suite struct StoreClaimLimitTests {
    /// Per recipe: no recipe is claimed beyond its limit counting what the claimer runs; one
    /// claim looks at `total × scanFactor` claimable jobs at most, and a recipe at its limit is
    /// skipped before that count, so it never blocks the others however many of its jobs wait.
    @Test(arguments: StoreBackend.allCases)
    func claimsStopAtEachRecipesLimitCountingRunningJobs(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        _ = try await store.enqueue((0..<100).map { Make.job("a", at: Int64($0)) } + (0..<3).map { Make.job("b", at: 100 + Int64($0)) })
        let limits = ClaimLimits(total: 10, perRecipe: 2, running: ["a": 1])
        // The 80 jobs looked at are all "a", which has one slot left.
        let first = try await store.claim(owner: "w", now: 0, lease: 1_000, limits: limits)
        #expect(first.map(\.job.recipe) == ["a"])
        // "a" at its limit: its 99 older jobs are skipped and the "b" jobs are found.
        let saturated = try await store.claim(
            owner: "w", now: 0, lease: 1_000, limits: ClaimLimits(total: 10, perRecipe: 2, running: ["a": 2]))
        #expect(saturated.map(\.job.recipe) == ["b", "b"])
        let full = ClaimLimits(total: 10, perRecipe: 2, running: ["a": 2, "b": 2])
        #expect(try await store.claim(owner: "w", now: 0, lease: 1_000, limits: full).isEmpty)
        // No per-recipe limit: the total alone.
        let any = try await store.claim(owner: "w", now: 0, lease: 1_000, limits: ClaimLimits(total: 4))
        #expect(any.map(\.job.recipe) == ["a", "a", "a", "a"])
    }
}

@Suite struct StorePostponeTests {
    /// A postponed job goes back to the queue until its time, keeping its attempts and key.
    @Test(arguments: StoreBackend.allCases)
    func aPostponedJobWaitsForItsTimeAndKeepsItsAttemptsAndKey(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        let jobs = try await store.enqueue([Make.job(key: "k", at: 0), Make.job(key: "k", at: 1)])
        _ = try await store.claim(owner: "w", now: 0, lease: 1_000, limit: 1)
        await #expect(throws: StoreError.leaseLost(jobID: jobs[0].id, owner: "other")) {
            try await store.postpone(jobID: jobs[0].id, owner: "other", runAfter: 60_000)
        }
        let postponed = try await store.postpone(jobID: jobs[0].id, owner: "w", runAfter: 60_000)
        #expect(postponed.status == .queued && postponed.attempts == 1 && postponed.job.runAfter == 60_000)
        #expect(postponed.leaseOwner == nil && postponed.leaseExpiresAt == nil)
        // Its key still holds the younger job back.
        #expect(try await store.claim(owner: "w", now: 59_999, lease: 1_000, limit: 5).isEmpty)
        let again = try await store.claim(owner: "w", now: 60_000, lease: 1_000, limit: 5)
        #expect(again.map(\.id) == [jobs[0].id] && again.first?.attempts == 2)
    }
}

@Suite struct StoreFinishBatchTests {
    /// Ends of several jobs in one group commit: each checked against its own lease.
    @Test(arguments: StoreBackend.allCases)
    func aBatchOfEndsChecksEachLeaseAndEndsTheOthers(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        let jobs = try await store.enqueue([Make.job(), Make.job()])
        _ = try await store.claim(owner: "a", now: 0, lease: 30_000, limit: 2)
        let results = try await store.finish([
            JobFinish(jobID: jobs[0].id, owner: "a", outcome: .succeeded(["ok": true]), now: 5),
            JobFinish(jobID: jobs[1].id, owner: "b", outcome: .failed(["no": true]), now: 6),
            JobFinish(jobID: 999, owner: "a", outcome: .cancelled, now: 7),
        ])
        #expect((try? results[0].get())?.status == .succeeded)
        #expect(throws: StoreError.leaseLost(jobID: jobs[1].id, owner: "b")) { try results[1].get() }
        #expect(throws: StoreError.unknownJob(999)) { try results[2].get() }
        #expect(try await store.job(id: jobs[1].id)?.status == .running)
    }
}

@Suite struct StoreCountTests {
    @Test(arguments: StoreBackend.allCases)
    func jobsAreCountedByStatus(_ backend: StoreBackend) async throws {
        let store = try backend.make().store
        _ = try await store.enqueue([Make.job(), Make.job(), Make.job()])
        _ = try await store.claim(owner: "w", now: 0, lease: 1_000, limit: 1)
        #expect(try await store.countJobs(status: .queued) == 2)
        #expect(try await store.countJobs(status: .running) == 1)
        #expect(try await store.countJobs(status: .succeeded) == 0)
    }
}
