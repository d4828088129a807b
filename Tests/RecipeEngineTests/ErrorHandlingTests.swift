import Foundation
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeTestSupport
import Synchronization
import Testing

/// Retries, backoff, step and recipe error handlers, try/catch and notifications.
struct ErrorHandlingTests {
    /// A Docebo-like connector that fails `failures` times with `error`, then succeeds.
    static func flaky(failures: Int, with error: ConnectorError) -> FunctionConnector {
        let remaining = Mutex(failures)
        return FunctionConnector([
            "create_user": { _ in
                let fail = remaining.withLock { count -> Bool in
                    defer { count -= 1 }
                    return count > 0
                }
                if fail { throw error }
                return ["user_id": 12301]
            }
        ])
    }

    static let create = """
        {"name": "Create", "trigger": {"manual": {}},
         "steps": [{"id": "create", "action": "create_user", "connection": "docebo", "input": {"email": "a@example.com"},
                    "retry": {"retries": 3, "delay": "2s", "backoff": "exponential", "maxDelay": "5s"}}]}
        """

    struct RetryCase: Sendable, CustomTestStringConvertible {
        let name: String
        let failures: Int
        let error: ConnectorError
        let status: JobStatus
        let attempts: Int
        let sleeps: [Duration]
        var testDescription: String { name }
    }

    static let retryCases: [RetryCase] = [
        RetryCase(
            name: "503 twice then success", failures: 2, error: ConnectorError(.http, "unavailable", status: 503),
            status: .succeeded, attempts: 3, sleeps: [.seconds(2), .seconds(4)]),
        RetryCase(
            name: "backoff is capped at maxDelay", failures: 3, error: ConnectorError(.timeout, "no answer"),
            status: .succeeded, attempts: 4, sleeps: [.seconds(2), .seconds(4), .seconds(5)]),
        RetryCase(
            name: "retries exhausted", failures: 9, error: ConnectorError(.network, "reset"),
            status: .failed, attempts: 4, sleeps: [.seconds(2), .seconds(4), .seconds(5)]),
        RetryCase(
            name: "429 Retry-After longer than backoff is honoured", failures: 1,
            error: ConnectorError(.rateLimited, "slow down", status: 429, retryAfter: .seconds(30)),
            status: .succeeded, attempts: 2, sleeps: [.seconds(30)]),
        RetryCase(
            name: "429 Retry-After up to RetryPolicy.maxDelay is waited for", failures: 1,
            error: ConnectorError(.rateLimited, "slow down", status: 429, retryAfter: RetryPolicy.maxDelay),
            status: .succeeded, attempts: 2, sleeps: [RetryPolicy.maxDelay]),
        RetryCase(
            name: "429 Retry-After past RetryPolicy.maxDelay fails the step retryably at once", failures: 1,
            error: ConnectorError(.rateLimited, "slow down", status: 429, retryAfter: ConnectorError.retryAfterCeiling),
            status: .failed, attempts: 1, sleeps: []),
        RetryCase(
            name: "400 is not retried", failures: 1, error: ConnectorError(.http, "bad e-mail", status: 400),
            status: .failed, attempts: 1, sleeps: []),
    ]

    @Test(arguments: retryCases)
    func retriesFollowThePolicy(_ example: RetryCase) async throws {
        var harness = try EngineHarness(["create": Self.create])
        let docebo = Self.flaky(failures: example.failures, with: example.error)
        harness.connectors["docebo"] = docebo
        let record = await harness.run("create")
        #expect(record.status == example.status)
        #expect(record.step("create")?.attempts == example.attempts)
        #expect(docebo.requests.map(\.attempt) == Array(1...example.attempts))
        #expect(harness.clock.sleeps == example.sleeps)
        // Every attempt of the same step carries the same idempotency key.
        #expect(Set(docebo.requests.map(\.idempotencyKey)).count == 1)
        if example.status == .failed {
            #expect(record.error?.status == example.error.status)
            #expect(record.error?.retryable == example.error.retryable)
        }
    }

    @Test func stepOnErrorHandlesTheFailureAndTheJobContinues() async throws {
        var harness = try EngineHarness([
            "handled": """
                {"name": "Handled", "trigger": {"manual": {}},
                 "steps": [{"id": "create", "action": "create_user", "connection": "docebo", "input": {},
                            "onError": [{"id": "note", "set": {"why": "{{ error.message }}", "status": "{{ error.status }}"}}]},
                           {"id": "after", "set": {"created": "{{ steps.create.output }}"}}]}
                """
        ])
        harness.connectors["docebo"] = Self.flaky(failures: 1, with: ConnectorError(.http, "e-mail taken", status: 409))
        let record = await harness.run("handled")
        #expect(record.status == .succeeded)
        #expect(record.step("create")?.status == .handled)
        #expect(record.step("note")?.output == ["why": "docebo.create_user failed: e-mail taken", "status": 409])
        #expect(record.step("after")?.output == ["created": nil])
    }

    @Test func tryBlocksRetryTheWholeBlockThenCatch() async throws {
        var harness = try EngineHarness([
            "block": """
                {"name": "Block", "trigger": {"manual": {}},
                 "steps": [{"id": "guard", "try": [
                              {"id": "first", "set": {"x": 1}},
                              {"id": "create", "action": "create_user", "connection": "docebo", "input": {}}],
                            "retry": {"retries": 1, "delay": "1s"},
                            "catch": [{"id": "caught", "set": {"step": "{{ error.step }}", "type": "{{ error.type }}"}}]}]}
                """
        ])
        let docebo = Self.flaky(failures: 5, with: ConnectorError(.http, "down", status: 500))
        harness.connectors["docebo"] = docebo
        let record = await harness.run("block")
        #expect(record.status == .succeeded)
        #expect(docebo.requests.count == 2)
        #expect(record.steps.filter { $0.step == "first" }.count == 2)
        #expect(record.step("guard")?.status == .handled)
        #expect(record.step("guard")?.attempts == 2)
        #expect(record.step("caught")?.output == ["step": "create", "type": "connector"])
    }

    @Test func recipeOnErrorNotifiesTheAddressFromTheLookupTable() async throws {
        var harness = try EngineHarness([
            "sync": """
                {"name": "Sync", "trigger": {"manual": {}},
                 "steps": [{"id": "create", "action": "create_user", "connection": "docebo", "input": {}}],
                 "onError": [{"id": "mail", "notify": {
                    "to": "{{ lookup('integration-settings', {Integration: 'HIBOB', Key: 'NOTIFICATION_MAIL_ID'}).Value }}",
                    "subject": "{{ job.recipe }} failed", "body": "job {{ job.id }}: {{ error.message }} at {{ error.step }}"}}]}
                """
        ], tables: ["integration-settings": "Integration,Key,Value\nHIBOB,NOTIFICATION_MAIL_ID,ops@example.com\n"])
        harness.connectors["docebo"] = Self.flaky(failures: 1, with: ConnectorError(.http, "forbidden", status: 403))
        let record = await harness.run("sync")
        #expect(record.status == .failed)
        #expect(record.error?.message == "docebo.create_user failed: forbidden")
        #expect(
            harness.notifier.notifications == [
                MailNotification(
                    to: "ops@example.com", subject: "t/sync failed",
                    body: "job job-1: docebo.create_user failed: forbidden at create")
            ])
        #expect(record.step("mail")?.status == .succeeded)
    }

    @Test func aFailingNotifierLeavesTheJobFailedAndRecordsIt() async throws {
        let fixture = try ProjectFixture([
            "recipes/t/sync.json": """
                {"name": "Sync", "trigger": {"manual": {}},
                 "steps": [{"id": "boom", "stop": {"status": "failed", "message": "nope"}}],
                 "onError": [{"id": "mail", "notify": {"to": "ops@example.com", "subject": "failed"}}]}
                """
        ])
        let interpreter = Interpreter(
            project: fixture.load(), notifier: RecordingNotifier(failingWith: ConnectorError(.network, "relay down")),
            clock: ManualClock())
        let record = await interpreter.run(RecipeID(folder: "t", name: "sync"), trigger: [:])
        #expect(record.status == .failed)
        #expect(record.error?.message == "nope")
        #expect(record.step("mail")?.status == .failed)
        #expect(record.step("mail")?.error?.type == .notification)
    }

    @Test func unconfiguredConnectionsFailClearly() async throws {
        let harness = try EngineHarness(["create": Self.create])
        let record = await harness.run("create")
        #expect(record.status == .failed)
        #expect(record.error?.message == "no connection 'docebo' is configured for action docebo.create_user")
        #expect(record.error?.retryable == false)
    }
}

/// A redactor that hides one known secret, like the connector runtime's does for every secret.
struct SecretHider: TraceRedactor {
    let secret: String
    func redact(_ text: String) -> String { text.replacingOccurrences(of: secret, with: "[redacted]") }
    func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(redact(text))
        case .array(let items): .array(items.map(redact))
        case .object(let object):
            .object(object.reduce(into: JSONObject()) { result, member in result[member.key] = redact(member.value) })
        default: value
        }
    }
}

struct RedactionTests {
    @Test func secretsEchoedByAVendorNeverReachTracesErrorsOrHandlers() async throws {
        var harness = try EngineHarness([
            "leak": """
                {"name": "Leak", "trigger": {"manual": {}},
                 "steps": [{"id": "echo", "action": "whoami", "connection": "vendor", "input": {"q": "me"}},
                           {"id": "fail", "action": "fail", "connection": "vendor", "input": {},
                            "onError": [{"id": "seen", "set": {"message": "{{ error.message }}"}}]},
                           {"id": "boom", "action": "fail", "connection": "vendor", "input": {}}],
                 "onError": [{"id": "mail", "notify": {"to": "ops@example.com", "subject": "x", "body": "{{ error.message }}"}}]}
                """
        ])
        let secret = "tok-SECRET-4242"
        harness.connectors["vendor"] = FunctionConnector([
            "whoami": { _ in ["token": .string(secret), "name": "svc"] },
            "fail": { _ in throw ConnectorError(.http, "bad token \(secret)", status: 401, details: ["echo": .string(secret)]) },
        ])
        var interpreter = harness.interpreter
        interpreter.redactor = SecretHider(secret: secret)
        let record = await interpreter.run(RecipeID(folder: "t", name: "leak"), trigger: [:])
        #expect(record.status == .failed)
        let everything = record.jsonValue.jsonString() + harness.notifier.notifications.map(\.body).joined()
        #expect(!everything.contains(secret))
        #expect(record.step("echo")?.output == ["token": "[redacted]", "name": "svc"])
        #expect(record.step("seen")?.output == ["message": "vendor.fail failed: bad token [redacted]"])
        #expect(harness.notifier.notifications.map(\.body) == ["vendor.fail failed: bad token [redacted]"])
    }
}
