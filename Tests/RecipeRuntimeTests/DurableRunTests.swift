// Ordering per key under concurrency, and a job resumed by a second process after the first
// stopped mid-job (the kill -9 suite on the real binary is in the CLI tests).
import Foundation
import RecipeData
import RecipeEngine
import RecipeRuntime
import RecipeStore
import RecipeTestSupport
import Synchronization
import Testing

@Suite struct DurableRunTests {
    /// Calls per employee, and whether two calls of one employee ever overlapped.
    final class KeyedCalls: Sendable {
        let calls = Mutex<[String: [Int]]>([:])
        let inFlight = Mutex<Set<String>>([])
        let overlaps = Atomic<Int>(0)

        func connector() -> FunctionConnector {
            FunctionConnector([
                "sync_user": { request in
                    let employee = request.input["employeeId"]?.stringValue ?? "?"
                    if !self.inFlight.withLock({ $0.insert(employee).inserted }) { self.overlaps.add(1, ordering: .relaxed) }
                    try await Task.sleep(for: .milliseconds(Int.random(in: 0...3)))
                    self.calls.withLock { $0[employee, default: []].append(request.input["n"]?.intValue ?? -1) }
                    self.inFlight.withLock { _ = $0.remove(employee) }
                    return [:]
                },
                "after_sync": { _ in [:] },
            ])
        }
    }

    /// Updates and deletes of one employee go to different recipes and still run one at a
    /// time in arrival order, while other employees run in parallel.
    @Test func jobsOfOneKeyRunOneAtATimeInArrivalOrderAcrossRecipes() async throws {
        let calls = KeyedCalls()
        let harness = try ServiceHarness(
            settings: RuntimeSettings(maxConcurrentJobs: 16, idlePoll: 20), docebo: calls.connector())
        try await harness.start()
        let employees = (1...8).map { "e-\($0)" }
        for n in 0..<6 {
            for employee in employees {
                let type = n % 2 == 0 ? "employee.updated" : "employee.deleted"
                #expect(await harness.post(ServiceHarness.body(type, employee: employee, n: n)).status == 200)
            }
        }
        let jobs = try await harness.settledJobs()
        #expect(jobs.count == 48 && jobs.allSatisfy { $0.status == .succeeded })
        #expect(calls.overlaps.load(ordering: .relaxed) == 0)
        for employee in employees {
            #expect(calls.calls.withLock { $0[employee] } == Array(0..<6), "\(employee)")
        }
        await harness.service.stop()
    }

    /// Bounded concurrency: at most `maxConcurrentJobsPerRecipe` jobs of one recipe at once in
    /// a process, however many distinct keys are waiting.
    @Test(arguments: [1, 3])
    func noMoreJobsOfARecipeRunAtOnceThanItsLimit(_ limit: Int) async throws {
        let inFlight = Atomic<Int>(0)
        let peak = Atomic<Int>(0)
        let docebo = FunctionConnector([
            "sync_user": { _ in
                let now = inFlight.add(1, ordering: .relaxed).newValue
                peak.max(now, ordering: .relaxed)
                try await Task.sleep(for: .milliseconds(5))
                inFlight.subtract(1, ordering: .relaxed)
                return [:]
            },
            "after_sync": { _ in [:] },
        ])
        let harness = try ServiceHarness(
            settings: RuntimeSettings(maxConcurrentJobs: 16, maxConcurrentJobsPerRecipe: limit, idlePoll: 20), docebo: docebo)
        try await harness.start(["hr/on-update"])
        for n in 0..<24 {
            #expect(await harness.post(ServiceHarness.body("employee.updated", employee: "e-\(n)", n: n)).status == 200)
        }
        let jobs = try await harness.settledJobs()
        #expect(jobs.count == 24 && jobs.allSatisfy { $0.status == .succeeded })
        #expect(peak.load(ordering: .relaxed) <= limit)
        await harness.service.stop()
    }

    /// An asynchronous call is a job of its own in the store: enqueued with the step that made
    /// it, linked to its parent, run by the pool under the id the parent's step announced.
    @Test func asyncCallsBecomeStoredJobsLinkedToTheirParent() async throws {
        var files = ServiceHarness.recipes
        files["recipes/hr/on-update.json"] = """
            {"name": "On update", "trigger": {"webhook": {"connection": "hibob", "events": ["employee.updated"]}},
             "steps": [{"id": "later", "call": "follow-up", "async": true, "input": {"employeeId": "{{ trigger.data.employeeId }}"}}]}
            """
        files["recipes/hr/follow-up.json"] = """
            {"name": "Follow up", "trigger": {"function": {"parameters": {"employeeId": "string"}}},
             "steps": [{"id": "sync", "action": "sync_user", "connection": "docebo",
                        "input": {"employeeId": "{{ trigger.employeeId }}", "event": "async", "n": 1}}]}
            """
        let harness = try ServiceHarness(fixture: try ProjectFixture(files))
        try await harness.start(["hr/on-update"])
        #expect(await harness.post(ServiceHarness.body("employee.updated", employee: "e-8")).status == 200)
        var jobs: [StoredJob] = []
        for _ in 0..<500 where jobs.count < 2 || jobs.contains(where: { $0.status.isUnfinished }) {
            try await Task.sleep(for: .milliseconds(10))
            jobs = try await harness.store.jobs(JobFilter()).reversed()
        }
        #expect(jobs.map(\.job.recipe) == ["hr/on-update", "hr/follow-up"])
        #expect(jobs.allSatisfy { $0.status == .succeeded })
        let parent = try JobRecord(json: try #require(jobs.first?.result))
        let announced = try #require(parent.steps.first?.output?["jobId"]?.stringValue)
        #expect(jobs[1].job.parentID == jobs[0].id && jobs[1].job.originKey == "async:" + announced)
        #expect(jobs[1].job.trigger == ["employeeId": "e-8"] && jobs[1].job.asyncCallsBefore == 1)
        #expect(try JobRecord(json: try #require(jobs[1].result)).id == announced)
        #expect(harness.docebo.requests(for: "sync_user").map { $0.input["employeeId"] } == ["e-8"])
        await harness.service.stop()
    }

    /// A stop past its grace period cuts the step in flight short, and records nothing of it:
    /// the job stays unfinished in the store and the next start runs that step again (instead
    /// of replaying a failure the stop caused).
    @Test func aStopPastItsGraceLeavesTheStepInFlightForTheNextStart() async throws {
        let slow = FunctionConnector([
            "sync_user": { _ in ["synced": true] },
            "after_sync": { _ in
                try await Task.sleep(for: .seconds(30))
                return ["late": true]
            },
        ])
        let first = try ServiceHarness(settings: RuntimeSettings(idlePoll: 20, shutdownGrace: 0), docebo: slow, owner: "first")
        try await first.start()
        #expect(await first.post(ServiceHarness.body("employee.updated", employee: "e-5")).status == 200)
        while slow.requests(for: "after_sync").isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        await first.service.stop()
        let left = try #require(try await first.store.jobs(JobFilter()).first)
        #expect(left.status == .running)
        let journal = try await first.store.journal(jobID: left.id)
        #expect(journal.filter { $0.entry.phase == .ended }.count == 1, "only the first step ended")
        try await first.waitForLog("event=job.left")

        let second = try ServiceHarness(databasePath: first.databasePath, owner: "second", fixture: first.fixture)
        try await second.service.start()
        let jobs = try await second.settledJobs()
        #expect(jobs.map(\.status) == [.succeeded])
        #expect(second.docebo.requests(for: "sync_user").isEmpty && second.docebo.requests(for: "after_sync").count == 1)
        await second.service.stop()
    }

    /// A process stops mid-job (its step 2 never returns); a second process on the same file
    /// starts, reclaims the job at once, replays step 1 from the journal and runs step 2. The
    /// first process, when its step finally returns, finds its lease gone and records nothing.
    @Test func aSecondProcessResumesAJobFromItsJournalWithoutRepeatingCompletedSteps() async throws {
        let release = Atomic<Bool>(false)
        let hanging = FunctionConnector([
            "sync_user": { _ in ["synced": true] },
            "after_sync": { _ in
                while !release.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(10)) }
                return ["late": true]
            },
        ])
        // The "dead" process never looks for work on its own again (a minute's idle poll): only
        // the second one can take the job over.
        let first = try ServiceHarness(settings: RuntimeSettings(idlePoll: 60_000), docebo: hanging, owner: "first")
        try await first.start()
        #expect(await first.post(ServiceHarness.body("employee.updated", employee: "e-9")).status == 200)
        while hanging.requests(for: "after_sync").isEmpty { try await Task.sleep(for: .milliseconds(5)) }

        let second = try ServiceHarness(databasePath: first.databasePath, owner: "second", fixture: first.fixture)
        try await second.service.start()
        let jobs = try await second.settledJobs()
        #expect(jobs.map(\.status) == [.succeeded] && jobs.first?.attempts == 2 && jobs.first?.leaseOwner == "second")
        #expect(second.docebo.requests(for: "sync_user").isEmpty)
        #expect(second.docebo.requests(for: "after_sync").count == 1)
        let record = try JobRecord(json: try #require(jobs.first?.result))
        #expect(record.steps.map(\.status) == [.replayed, .succeeded])
        // The idempotency key of the step in flight is the same in both processes.
        #expect(second.docebo.requests(for: "after_sync").first?.idempotencyKey == hanging.requests(for: "after_sync").first?.idempotencyKey)

        release.store(true, ordering: .relaxed)
        await first.service.stop()
        let after = try await second.store.job(id: jobs[0].id)
        #expect(after?.status == .succeeded && after?.leaseOwner == "second" && after?.result == jobs[0].result)
        await second.service.stop()
    }
}
