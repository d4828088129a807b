// The durable engine end to end in process: webhook → checks → stored (SQLite) → 200 → job run
// by the pool → recorded; duplicates, stopped recipes, bad signatures, overload, ordering.
import Foundation
import RecipeData
import RecipeEngine
import RecipeHTTPCore
import RecipeRuntime
import RecipeStore
import RecipeTestSupport
import Synchronization
import Testing

@Suite struct EngineServiceTests {
    @Test func aSignedDeliveryIsStoredThenItsJobRunsAndIsRecorded() async throws {
        let harness = try ServiceHarness()
        try await harness.start()
        let response = await harness.post(ServiceHarness.body("employee.updated", employee: "e-1"))
        #expect(response.status == 200)
        let delivery = try #require(response.json?["delivery"]?.intValue)
        let stored = try #require(try await harness.store.delivery(id: Int64(delivery)))
        #expect(stored.delivery.folder == "hr" && stored.delivery.connection == "hibob" && stored.delivery.verification == .verified)
        #expect(stored.delivery.headers["bob-signature"] == "(verified)")
        let jobs = try await harness.settledJobs()
        #expect(jobs.map(\.job.recipe) == ["hr/on-update"] && jobs.map(\.status) == [.succeeded])
        #expect(jobs.first?.job.deliveryID == Int64(delivery) && jobs.first?.job.orderingKey == "hr/hibob/e-1")
        #expect(harness.docebo.requests(for: "sync_user").map { $0.input["employeeId"] } == ["e-1"])
        // The stored result is the job's record, read back as one.
        let record = try JobRecord(json: try #require(jobs.first?.result))
        #expect(record.id == String(jobs[0].id) && record.steps.map(\.step) == ["sync", "after"])
        // Each side-effect step was journaled before and after it acted.
        let journal = try await harness.store.journal(jobID: jobs[0].id)
        #expect(journal.map(\.entry.phase) == [.started, .ended, .started, .ended])
        #expect(journal.map(\.entry.kind) == ["action", "action", "action", "action"])
        #expect(journal.last?.entry.status == "succeeded")
        await harness.service.stop()
    }

    /// `/metrics` counts what the intake answered and how jobs ended; the log has one line per
    /// event with the ids, and never the webhook secret.
    @Test func metricsAndLogLinesFollowTheDeliveriesAndJobs() async throws {
        let harness = try ServiceHarness()
        try await harness.start()
        let body = ServiceHarness.body("employee.updated", employee: "e-5")
        _ = await harness.post(body)
        _ = await harness.post(body)
        _ = await harness.post(body, secret: "wrong")
        _ = try await harness.settledJobs()
        try await harness.waitForLog("event=job.succeeded")
        let metrics = await harness.router.handle(HTTPRequest(method: .get, target: "/metrics"))
        #expect(metrics.status == 200 && metrics.headers["Content-Type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        for line in [
            #"recipes_deliveries_total{connection="hibob",outcome="accepted"} 1"#,
            #"recipes_deliveries_total{connection="hibob",outcome="duplicate"} 1"#,
            #"recipes_deliveries_total{connection="hibob",outcome="rejected_signature"} 1"#,
            #"recipes_jobs_total{recipe="hr/on-update",status="succeeded"} 1"#,
            #"recipes_step_duration_seconds_count{kind="action"} 2"#,
        ] {
            #expect(metrics.bodyText.contains(line), "\(line)")
        }
        let lines = harness.logLines.lines
        #expect(lines.contains { $0.contains("event=delivery.accepted delivery=1 folder=hr connection=hibob") })
        #expect(lines.contains { $0.contains("event=delivery.duplicate delivery=2") && $0.contains("duplicate_of=1") })
        #expect(lines.contains { $0.contains("level=warning event=delivery.rejected") && $0.contains("status=401") })
        #expect(lines.contains { $0.contains("event=job.succeeded job=1 recipe=hr/on-update") })
        #expect(!lines.contains { $0.contains(ServiceHarness.secret) })
        await harness.service.stop()
    }

    @Test func aRedeliveryIsStoredAsADuplicateAndStartsNothing() async throws {
        let harness = try ServiceHarness()
        try await harness.start()
        let body = ServiceHarness.body("employee.updated", employee: "e-1")
        let first = await harness.post(body)
        // The same event with other whitespace: HiBob's key is over the parsed body.
        let again = await harness.post(Array((String(decoding: body, as: UTF8.self) + "  \n").utf8))
        #expect(first.status == 200 && again.status == 200)
        #expect(again.json?["duplicateOf"] == first.json?["delivery"])
        #expect(again.json?["jobs"] == [])
        #expect(try await harness.settledJobs().count == 1)
        await harness.service.stop()
    }

    /// `recipes_queue_depth` counts the jobs waiting in the store (a stopped pool leaves them).
    @Test func theQueueDepthIsTheQueuedJobs() async throws {
        let harness = try ServiceHarness()
        try await harness.start()
        await harness.service.pool.stop()
        for employee in ["e-1", "e-2"] {
            #expect(await harness.post(ServiceHarness.body("employee.updated", employee: employee)).status == 200)
        }
        let metrics = await harness.router.handle(HTTPRequest(method: .get, target: "/metrics"))
        #expect(metrics.bodyText.contains("\nrecipes_queue_depth 2\n"))
        await harness.service.stop()
    }

    @Test func aStoppedRecipeGetsTheDeliveryRecordedButNoJob() async throws {
        let harness = try ServiceHarness()
        try await harness.start(["hr/on-delete"])
        let response = await harness.post(ServiceHarness.body("employee.updated", employee: "e-2"))
        #expect(response.status == 200 && response.json?["jobs"] == [])
        #expect(try await harness.store.deliveries(DeliveryFilter()).count == 1)
        #expect(try await harness.store.jobs(JobFilter()).isEmpty)
        await harness.service.stop()
    }

    @Test(arguments: [
        ("wrong secret", "other-secret", 401),
        ("not JSON", nil, 400),
    ] as [(String, String?, Int)])
    func refusedRequestsStoreNothing(_ name: String, _ secret: String?, _ status: Int) async throws {
        let harness = try ServiceHarness()
        try await harness.start()
        let response =
            if let secret {
                await harness.post(ServiceHarness.body("employee.updated", employee: "e-3"), secret: secret)
            } else {
                await harness.post(Array("{not json".utf8))
            }
        #expect(response.status == status, "\(name)")
        #expect(response.json?["error"]?["code"] != nil)
        #expect(try await harness.store.deliveries(DeliveryFilter()).isEmpty)
        await harness.service.stop()
    }

    @Test func aPingIsAnsweredAndStoresNothing() async throws {
        let harness = try ServiceHarness()
        try await harness.start()
        let ping = HTTPRequest(
            method: .post, target: "/webhooks/hr/hibob", headers: ["Content-Type": "text/plain"], body: Array("Ping test".utf8))
        let response = await harness.router.handle(ping)
        #expect(response.status == 200 && response.json?["received"] == "ping")
        #expect(try await harness.store.deliveries(DeliveryFilter()).isEmpty)
        await harness.service.stop()
    }

    /// The backlog limit on both sides: at 0 every delivery is refused with 503 and
    /// Retry-After, nothing stored; at 1 a lone delivery is taken.
    @Test(arguments: [(0, 503), (1, 200)])
    func overloadAnswers503WithRetryAfterPastTheBacklogLimit(_ limit: Int, _ status: Int) async throws {
        let harness = try ServiceHarness(settings: RuntimeSettings(idlePoll: 50, intakeBacklogLimit: limit, overloadRetryAfterSeconds: 7))
        try await harness.start()
        let response = await harness.post(ServiceHarness.body("employee.updated", employee: "e-4"))
        #expect(response.status == status)
        if status == 503 {
            #expect(response.headers["Retry-After"] == "7")
            #expect(try await harness.store.deliveries(DeliveryFilter()).isEmpty)
        }
        await harness.service.stop()
    }
}

@Suite struct ServiceScheduleTests {
    /// A started schedule recipe with `runOnStart` runs once through the service's scheduler
    /// (an initial sync), and the run is recorded as a job of its own.
    @Test func aStartedScheduleRunsItsInitialSyncOnce() async throws {
        var files = ServiceHarness.recipes
        files["recipes/hr/nightly.json"] = """
            {"name": "Nightly", "trigger": {"schedule": {"cron": "0 7 * * *", "runOnStart": true}},
             "steps": [{"id": "sync", "action": "sync_user", "connection": "docebo",
                        "input": {"employeeId": "all", "event": "{{ trigger.reason }}", "n": 0}}]}
            """
        let harness = try ServiceHarness(fixture: try ProjectFixture(files))
        try await harness.start(["hr/nightly"])
        var jobs: [StoredJob] = []
        for _ in 0..<500 where jobs.first?.status != .succeeded {
            try await Task.sleep(for: .milliseconds(10))
            jobs = try await harness.store.jobs(JobFilter(recipe: "hr/nightly"))
        }
        #expect(jobs.count == 1 && jobs.first?.status == .succeeded)
        #expect(jobs.first?.job.trigger["reason"] == "start")
        #expect(harness.docebo.requests(for: "sync_user").map { $0.input["event"] } == ["start"])
        #expect(harness.logLines.lines.contains { $0.contains("event=schedule.fired") && $0.contains("recipe=hr/nightly") })
        await harness.service.stop()
    }
}

@Suite struct ServiceRetentionTests {
    /// The retention pass keeps the newest succeeded jobs up to the count and every failed one.
    @Test func theRetentionPassPrunesSucceededJobsBeyondThePolicyAndKeepsFailedOnes() async throws {
        let docebo = FunctionConnector([
            "sync_user": { request in
                if request.input["employeeId"] == "bad" { throw ConnectorError(.http, "refused") }
                return [:]
            },
            "after_sync": { _ in [:] },
        ])
        let harness = try ServiceHarness(
            settings: RuntimeSettings(idlePoll: 20, retention: RetentionPolicy(maxSucceededCount: 2)), docebo: docebo)
        try await harness.start()
        for employee in ["e-1", "e-2", "bad", "e-3", "e-4"] {
            #expect(await harness.post(ServiceHarness.body("employee.updated", employee: employee)).status == 200)
        }
        let jobs = try await harness.settledJobs()
        #expect(jobs.map(\.status) == [.succeeded, .succeeded, .failed, .succeeded, .succeeded])
        #expect(await harness.service.pruneNow() == 2)
        let kept = try await harness.store.jobs(JobFilter()).reversed().map(\.id)
        #expect(kept == [jobs[2].id, jobs[3].id, jobs[4].id])
        #expect(harness.logLines.lines.contains { $0.contains("event=retention.pruned jobs=2") })
        await harness.service.stop()
    }
}

@Suite struct ServiceDeliveryRetentionTests {
    /// The retention pass prunes deliveries older than the policy's age, never younger than the
    /// dedup window (a redelivery inside it must still find its first).
    @Test func deliveriesGoAfterTheirAgeButNeverInsideTheDedupWindow() async throws {
        let clock = SteppedClock()
        var settings = RuntimeSettings(idlePoll: 20, dedupWindow: 60_000, retention: RetentionPolicy(maxDeliveryAge: 1_000))
        settings.retentionInterval = 3_600_000
        let harness = try ServiceHarness(settings: settings, clock: clock)
        // Recipes stopped: the deliveries start no job, nothing else keeps them.
        try await harness.start([])
        #expect(await harness.post(ServiceHarness.body("employee.updated", employee: "e-1")).status == 200)
        clock.advance(by: 1)
        #expect(await harness.post(ServiceHarness.body("employee.updated", employee: "e-2")).status == 200)
        clock.advance(by: 30)  // older than maxDeliveryAge, inside the dedup window
        _ = await harness.service.pruneNow()
        #expect(try await harness.store.deliveries(DeliveryFilter(limit: 10)).count == 2)
        clock.advance(by: 60)  // past the window: the older goes, the newest row stays
        _ = await harness.service.pruneNow()
        #expect(try await harness.store.deliveries(DeliveryFilter(limit: 10)).count == 1)
        #expect(harness.logLines.lines.contains { $0.contains("event=retention.pruned") && $0.contains("deliveries=1") })
        await harness.service.stop()
    }
}
