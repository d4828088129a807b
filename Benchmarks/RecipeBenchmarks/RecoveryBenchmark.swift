// recovery: time from a restart to the first resumed job with 10,000 jobs pending. Each round
// prepares a SQLite file as a crashed `recipes serve` leaves it: hibob-docebo/capture-user-update
// started, 10,000 of its jobs pending, the oldest 16 of them running under the previous
// process's unexpired 30 s lease (a kill -9 in the middle of work). The restart is timed from
// opening the store (migrations checked) through EngineService.start() (the recovery pass:
// every lease expired at once, the started recipes read; /readyz turns 200) to the worker
// pool's first `job.resumed` event (a job claimed again, attempt 2). The interpreter runs the
// resumed jobs against the sandbox; the service is then stopped. Ordering keys are the
// employees' (200 employees, so 50 pending jobs per key), as the intake would set them.
import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeIntake
import RecipeModel
import RecipeRuntime
import RecipeSandbox
import RecipeStore
import RecipeStoreSQLite
import RecipeTestSupport

enum RecoveryBenchmark {
    static let pending = 10_000
    static let running = 16
    static let recipe = "hibob-docebo/capture-user-update"

    struct Sample {
        var ready: Double
        var firstResumed: Double
    }

    static func prepare(path: String, project: Project, sandbox: Sandbox) async throws {
        let store = try SQLiteStore(path: path)
        guard let id = RecipeID(qualified: recipe), let loaded = project.recipes[id] else {
            throw SandboxFixture.SetupError(description: "no recipe \(recipe)")
        }
        let now = Timestamp.milliseconds(Date())
        try await store.setLifecycle(RecipeLifecycle(recipe: recipe, state: .started, pinnedContentHash: loaded.contentHash, changedAt: now))
        let employees = sandbox.hibobEmployees
        let jobs = (0..<pending).map { n -> NewJob in
            let employee = employees[n % employees.count].id
            let trigger: JSONValue = [
                "companyId": .int(sandbox.configuration.hibob.companyID), "type": "employee.updated", "triggeredAt": "2026-12-02T09:00:00.000Z",
                "data": ["employeeId": .string(employee), "fieldUpdates": [["fieldId": "work.department"]], "n": .int(n)],
            ]
            return NewJob(
                recipe: recipe, contentHash: loaded.contentHash, trigger: trigger, orderingKey: "hibob-docebo/hibob/\(employee)",
                createdAt: now - Int64(pending - n))
        }
        _ = try await store.enqueue(jobs)
        let claimed = try await store.claim(owner: "previous-incarnation", now: now, lease: StoreDefaults.lease, limit: running)
        check(claimed.count == running, "claimed \(claimed.count) jobs, not \(running)")
    }

    static func run() async throws {
        let fixture = try SandboxFixture(employees: 200)
        let project = ProjectLoader.load(root: fixture.root)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recipes-recovery-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var samples: [Sample] = []
        var open: [Double] = []
        for round in 0...serveRounds {
            let path = directory.appendingPathComponent("engine-\(round).sqlite").path
            try await prepare(path: path, project: project, sandbox: fixture.sandbox)
            let sink = CountingSink(watched: "event=job.resumed")
            let start = ContinuousClock.now
            let store = try SQLiteStore(path: path)
            let opened = ContinuousClock.now
            var interpreter = Interpreter(project: project, connectors: fixture.runtime.registry, notifier: RecordingNotifier())
            interpreter.redactor = fixture.runtime.redactor
            let service = EngineService(
                store: store, interpreter: interpreter,
                intake: WebhookIntake(project: project, verifiers: fixture.runtime.webhookVerifiers),
                owner: "bench-recovery-\(round)", settings: RuntimeSettings(shutdownGrace: 5_000),
                log: EventLog(sink: sink, clock: { Timestamp.milliseconds(Date()) }))
            try await service.start()
            let ready = ContinuousClock.now
            while sink.firstWatchedAt == nil {
                try await Task.sleep(for: .microseconds(100))
                check(ContinuousClock.now - start < .seconds(30), "no job resumed within 30 s")
            }
            let first = sink.firstWatchedAt!
            await service.stop()
            if round > 0 {
                samples.append(Sample(ready: seconds(ready - start) * 1e3, firstResumed: seconds(first - start) * 1e3))
                open.append(seconds(opened - start) * 1e3)
            }
        }
        let label = "recovery: restart with \(pending) jobs pending (\(running) running under the previous process's lease)"
        report("\(label): open store", Summary(open), unit: "ms", target: nil)
        report("\(label): to ready (recovery pass done, /readyz 200)", Summary(samples.map(\.ready)), unit: "ms", target: nil)
        report("\(label): to first resumed job", Summary(samples.map(\.firstResumed)), unit: "ms", target: nil)
        await fixture.stop()
    }
}
