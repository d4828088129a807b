// A durable engine over a real SQLite file, its routes called in process (no sockets): signed
// HiBob deliveries in, jobs run by the worker pool against a recording fake Docebo.
import Foundation
import RecipeConnectors
import RecipeCrypto
import RecipeData
import RecipeEngine
import RecipeHTTPCore
import RecipeIntake
import RecipeModel
import RecipeRuntime
import RecipeStore
import RecipeStoreSQLite
import RecipeTestSupport
import Synchronization
import Testing

struct ServiceHarness {
    static let secret = "whsec-test-1"
    static let scheme = WebhookScheme(
        header: "Bob-Signature", algorithm: .sha512, encoding: .base64, ping: .hibob, eventTypeField: "type",
        orderingKeyField: "data.employeeId")

    /// Folder `hr`: `on-update` and `on-delete` listen to HiBob; each sends one Docebo action.
    static let recipes: [String: String] = [
        "recipes/hr/on-update.json": """
            {"name": "On update", "trigger": {"webhook": {"connection": "hibob", "events": ["employee.updated"]}},
             "steps": [{"id": "sync", "action": "sync_user", "connection": "docebo",
                        "input": {"employeeId": "{{ trigger.data.employeeId }}", "event": "{{ trigger.type }}", "n": "{{ trigger.data.n }}"}},
                       {"id": "after", "action": "after_sync", "connection": "docebo", "input": {"employeeId": "{{ trigger.data.employeeId }}"}}]}
            """,
        "recipes/hr/on-delete.json": """
            {"name": "On delete", "trigger": {"webhook": {"connection": "hibob", "events": ["employee.deleted"]}},
             "steps": [{"id": "remove", "action": "sync_user", "connection": "docebo",
                        "input": {"employeeId": "{{ trigger.data.employeeId }}", "event": "{{ trigger.type }}", "n": "{{ trigger.data.n }}"}}]}
            """,
    ]

    let fixture: ProjectFixture
    let project: Project
    let databasePath: String
    let store: SQLiteStore
    let docebo: FunctionConnector
    let logLines = MemoryLogSink()
    let service: EngineService
    let router: Router

    init(
        settings: RuntimeSettings = RuntimeSettings(idlePoll: 50), docebo: FunctionConnector = Self.recordingDocebo(),
        databasePath: String? = nil, owner: String = "test-owner", fixture: ProjectFixture? = nil,
        clock: any EngineClock = SystemClock()
    ) throws {
        self.fixture = try fixture ?? ProjectFixture(Self.recipes)
        project = self.fixture.load()
        #expect(project.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        self.databasePath = databasePath ?? self.fixture.root.appendingPathComponent("engine.sqlite").path
        store = try SQLiteStore(path: self.databasePath)
        self.docebo = docebo
        var connectors = ConnectorRegistry()
        connectors["docebo"] = docebo
        var interpreter = Interpreter(project: project, connectors: connectors, notifier: RecordingNotifier(), clock: clock)
        interpreter.jitter = { $0 }
        let intake = WebhookIntake(
            project: project, verifiers: ["hibob": WebhookVerifier(scheme: Self.scheme, secrets: [Array(Self.secret.utf8)])])
        service = EngineService(
            store: store, interpreter: interpreter, intake: intake, owner: owner, settings: settings,
            log: EventLog(sink: logLines, clock: { Timestamp.milliseconds(Date()) }))
        router = service.router()
    }

    static func recordingDocebo() -> FunctionConnector {
        FunctionConnector([
            "sync_user": { request in ["synced": request.input["employeeId"] ?? .null] },
            "after_sync": { _ in ["ok": true] },
        ])
    }

    func start(_ recipes: [String] = ["hr/on-update", "hr/on-delete"]) async throws {
        for name in recipes {
            let id = try #require(RecipeID(qualified: name))
            let hash = try #require(project.recipes[id]).contentHash
            try await store.setLifecycle(
                RecipeLifecycle(recipe: name, state: .started, pinnedContentHash: hash, changedAt: Timestamp.milliseconds(Date())))
        }
        try await service.start()
    }

    static func body(_ type: String, employee: String, n: Int = 0) -> [UInt8] {
        Array(#"{"companyId":1,"type":"\#(type)","data":{"employeeId":"\#(employee)","n":\#(n)}}"#.utf8)
    }

    static func signed(_ body: [UInt8], secret: String = secret, folder: String = "hr") -> HTTPRequest {
        let mac = HashAlgorithm.sha512.authenticationCode(for: body, key: Array(secret.utf8))
        return HTTPRequest(
            method: .post, target: WebhookIntake.path(folder: folder, connection: "hibob"),
            headers: ["Content-Type": "application/json", "Bob-Signature": Data(mac).base64EncodedString(),
                      "Content-Length": String(body.count)],
            body: body)
    }

    func post(_ body: [UInt8], secret: String = secret) async -> HTTPResponse {
        await router.handle(Self.signed(body, secret: secret))
    }

    /// Waits (bounded) for a log line: the pool logs a job's end just after the store has it.
    func waitForLog(_ fragment: String, atMost seconds: Double = 20) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if logLines.lines.contains(where: { $0.contains(fragment) }) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("no log line with '\(fragment)' within \(seconds) s")
    }

    /// Waits (bounded) until no job is queued or running; the jobs, oldest first.
    func settledJobs(atMost seconds: Double = 20) async throws -> [StoredJob] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let jobs = try await store.jobs(JobFilter(limit: 10_000))
            if jobs.allSatisfy({ !$0.status.isUnfinished }) { return jobs.reversed() }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("jobs did not settle within \(seconds) s")
        return try await store.jobs(JobFilter(limit: 10_000)).reversed()
    }
}

extension HTTPResponse {
    var json: JSONValue? { try? JSONParser.parseValue(body, path: "response") }
}

/// A clock the test moves by hand (`advance`), whose sleeps are real waits that do not move
/// it: the service's loops keep their pace while time-based rules (debounce) wait for the test.
final class SteppedClock: EngineClock {
    private let offset = Mutex<TimeInterval>(0)
    private let start = Date()

    func now() -> Date { start.addingTimeInterval(offset.withLock { $0 }) }

    func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }

    func advance(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }
}
