// Debounce through the service, and what the routing stores (keys, redaction).
import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeIntake
import RecipeModel
import RecipeRuntime
import RecipeStore
import RecipeTestSupport
import Synchronization
import Testing

@Suite struct DeliveryRoutingTests {
    /// One edit fires several events: with `"debounce"`, the key's deliveries within the quiet
    /// time make one job, run with the latest delivery; the others are recorded as coalesced.
    @Test func debouncedDeliveriesOfOneKeyRunOnceWithTheLatest() async throws {
        var files = ServiceHarness.recipes
        files["recipes/hr/on-update.json"] = files["recipes/hr/on-update.json"]?.replacingOccurrences(
            of: #""events": ["employee.updated"]}"#, with: #""events": ["employee.updated"], "debounce": "20s"}"#)
        let clock = SteppedClock()
        let harness = try ServiceHarness(fixture: try ProjectFixture(files), clock: clock)
        try await harness.start()
        var deliveries: [Int] = []
        for n in 1...3 {
            let response = await harness.post(ServiceHarness.body("employee.updated", employee: "e-7", n: n))
            deliveries.append(try #require(response.json?["delivery"]?.intValue))
            clock.advance(by: 19)
        }
        #expect(try await harness.store.jobs(JobFilter()).map(\.status) == [.queued])
        clock.advance(by: 1)
        let jobs = try await harness.settledJobs()
        #expect(jobs.count == 1 && jobs.first?.status == .succeeded)
        #expect(harness.docebo.requests(for: "sync_user").map { $0.input["n"] } == [3])
        let job = try #require(jobs.first)
        #expect(job.job.deliveryID == Int64(deliveries[2]))
        let coalesced = try await harness.store.deliveries(DeliveryFilter(coalescedInto: job.id))
        #expect(coalesced.map(\.id).sorted() == [Int64(deliveries[0]), Int64(deliveries[1])])
        await harness.service.stop()
    }

    struct SecretRedactor: TraceRedactor {
        func redact(_ text: String) -> String { text.replacingOccurrences(of: "s3cr3t-token", with: "[redacted]") }
        func redact(_ value: JSONValue) -> JSONValue {
            (try? JSONParser.parseValue(redact(value.jsonString()), path: "redacted")) ?? value
        }
    }

    /// A vendor echoing a credential in a webhook: the stored body and the job's trigger carry
    /// the redacted text; an ordinary body is stored byte for byte; keys are namespaced.
    @Test func theStoredBodyAndTriggerAreRedactedAndKeysNamespaced() throws {
        let fixture = try ProjectFixture(ServiceHarness.recipes)
        let project = fixture.load()
        let routing = DeliveryRouting(project: project, schemes: ["hibob": ServiceHarness.scheme], redactor: SecretRedactor())
        let started = ["hr/on-update": RecipeLifecycle(recipe: "hr/on-update", state: .started, pinnedContentHash: "pinned", changedAt: 0)]
        func accepted(_ body: String) throws -> AcceptedDelivery {
            let payload = try JSONParser.parseValue(body, path: "body")
            return AcceptedDelivery(
                folder: "hr", connection: "hibob", receivedAt: Date(timeIntervalSince1970: 12), body: Array(body.utf8), payload: payload,
                headers: [:], eventType: "employee.updated", eventID: nil, dedupKey: "body-sha256:abc",
                recipes: [RecipeID(folder: "hr", name: "on-update"), RecipeID(folder: "hr", name: "on-delete")])
        }
        let leaking = try routing.intake(
            for: accepted(#"{"type":"employee.updated","data":{"employeeId":"7","note":"s3cr3t-token"}}"#), lifecycles: started)
        #expect(String(decoding: leaking.delivery.body, as: UTF8.self) == #"{"type":"employee.updated","data":{"employeeId":"7","note":"[redacted]"}}"#)
        #expect(leaking.jobs.map(\.trigger) == [["type": "employee.updated", "data": ["employeeId": "7", "note": "[redacted]"]]])
        #expect(leaking.delivery.dedupKey == "hr/hibob/body-sha256:abc" && leaking.jobs.first?.orderingKey == "hr/hibob/7")
        #expect(leaking.jobs.first?.contentHash == "pinned" && leaking.jobs.first?.createdAt == 12_000)
        // Redacted: the trigger differs from the stored body, so it is stored on its own.
        #expect(leaking.jobs.first?.triggerIsDeliveryBody == false)
        let plain = #"{ "type" : "employee.updated", "data": {"employeeId": 7} }"#
        let ordinary = try routing.intake(for: accepted(plain), lifecycles: started)
        #expect(ordinary.delivery.body == Array(plain.utf8) && ordinary.jobs.first?.orderingKey == "hr/hibob/7")
        // Nothing redacted: the store may keep the body once and read the trigger from it.
        #expect(ordinary.jobs.first?.triggerIsDeliveryBody == true)
        // Stopped (no row) recipes start no job.
        #expect(try routing.intake(for: accepted(plain), lifecycles: [:]).jobs.isEmpty)
    }
}

@Suite struct DeliveryKeyTests {
    /// A trigger's `key` expression replaces the connector's ordering-key path for its jobs.
    @Test(arguments: [
        (#"{"type":"employee.updated","data":{"employeeId":"7","email":"Ada@X.example"}}"#, "hr/hibob/ada@x.example"),
        (#"{"type":"employee.updated","data":{"employeeId":"7","email":""}}"#, nil),
        (#"{"type":"employee.updated","data":{"employeeId":"7"}}"#, nil),
    ] as [(String, String?)])
    func aTriggerKeyExpressionOrdersByWhatItNames(_ body: String, _ expected: String?) throws {
        var files = ServiceHarness.recipes
        files["recipes/hr/on-update.json"] = """
            {"name": "On update", "trigger": {"webhook": {"connection": "hibob", "events": ["employee.updated"],
             "key": "lower(trigger.data.email)"}}, "steps": []}
            """
        let fixture = try ProjectFixture(files)
        let project = fixture.load()
        #expect(project.diagnostics.filter { $0.severity == .error }.isEmpty)
        let routing = DeliveryRouting(project: project, schemes: ["hibob": ServiceHarness.scheme])
        let started = ["hr/on-update": RecipeLifecycle(recipe: "hr/on-update", state: .started, pinnedContentHash: nil, changedAt: 0)]
        let payload = try JSONParser.parseValue(body, path: "body")
        let delivery = AcceptedDelivery(
            folder: "hr", connection: "hibob", receivedAt: Date(), body: Array(body.utf8), payload: payload, headers: [:],
            eventType: "employee.updated", eventID: nil, dedupKey: "k", recipes: [RecipeID(folder: "hr", name: "on-update")])
        #expect(routing.intake(for: delivery, lifecycles: started).jobs.first?.orderingKey == expected)
    }
}

@Suite struct ServiceWaitTests {
    /// A retry an hour away is not slept in the process: the job goes back to the store until
    /// then (its worker free), and runs its next attempt when the time comes.
    @Test func aLongRetryWaitIsKeptInTheStoreNotSleptInAWorker() async throws {
        var files = ServiceHarness.recipes
        files["recipes/hr/on-update.json"] = """
            {"name": "On update", "trigger": {"webhook": {"connection": "hibob", "events": ["employee.updated"]}},
             "steps": [{"id": "sync", "action": "sync_user", "connection": "docebo", "retry": {"retries": 2, "delay": "1h"},
                        "input": {"employeeId": "{{ trigger.data.employeeId }}", "event": "{{ trigger.type }}", "n": 0}}]}
            """
        let calls = Mutex(0)
        let docebo = FunctionConnector([
            "sync_user": { _ in
                let call = calls.withLock { count in
                    count += 1
                    return count
                }
                if call == 1 { throw ConnectorError(.http, "HTTP 503", status: 503, retryable: true) }
                return [:]
            }
        ])
        let clock = SteppedClock()
        let harness = try ServiceHarness(docebo: docebo, fixture: try ProjectFixture(files), clock: clock)
        try await harness.start(["hr/on-update"])
        #expect(await harness.post(ServiceHarness.body("employee.updated", employee: "e-1")).status == 200)
        var job: StoredJob?
        for _ in 0..<500 where job?.job.runAfter == nil {
            try await Task.sleep(for: .milliseconds(10))
            job = try await harness.store.jobs(JobFilter()).first
        }
        // The worker logs the wait once the store has it, then is free.
        try await harness.waitForLog("event=job.waiting")
        #expect(job?.status == .queued && job?.attempts == 1 && harness.service.pool.runningCount == 0)
        clock.advance(by: 3_600)
        let jobs = try await harness.settledJobs()
        #expect(jobs.map(\.status) == [.succeeded] && jobs.first?.attempts == 2 && calls.withLock { $0 } == 2)
        let record = try JobRecord(json: try #require(jobs.first?.result))
        #expect(record.steps.first?.attempts == 2)
        await harness.service.stop()
    }
}
