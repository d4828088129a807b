// The durable engine as `recipes demo` runs it: a fresh SQLite file, the folder's recipes
// started (pinned), an HTTP server on a free port that the sandbox sends its signed webhooks
// to, and the job history read back from the store to print what happened.
import Foundation
import RecipeData
import RecipeEngine
import RecipeHTTP
import RecipeIntake
import RecipeModel
import RecipeRuntime
import RecipeSandbox
import RecipeStore
import RecipeStoreSQLite

final class DemoEngine: Sendable {
    let service: EngineService
    let server: HTTPServer
    let store: SQLiteStore
    let session: SandboxSession
    let baseURL: String
    /// The store's path as printed (relative to the project when `--project` is).
    let displayPath: String
    private let tool: CommandLineTool

    /// How long the demo waits for a change's webhooks and jobs (a bound, not a timing).
    static let settleTimeout: Duration = .seconds(60)

    private init(
        service: EngineService, server: HTTPServer, store: SQLiteStore, session: SandboxSession, baseURL: String,
        displayPath: String, tool: CommandLineTool
    ) {
        self.service = service
        self.server = server
        self.store = store
        self.session = session
        self.baseURL = baseURL
        self.displayPath = displayPath
        self.tool = tool
    }

    /// Opens a fresh store, starts `folder`'s recipes in it, and starts the engine with the
    /// sandbox's HiBob webhooks pointed at it. Prints why and returns `nil` when it cannot.
    static func start(project: Project, folder: String, session: SandboxSession, tool: CommandLineTool) async -> DemoEngine? {
        let console = tool.console
        let directory = project.root.appendingPathComponent(".recipes")
        let path = directory.appendingPathComponent("demo.sqlite").path
        let store: SQLiteStore
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            // A fresh history each run: the sandbox's seeded changes would otherwise be
            // deduplicated against the last run's deliveries.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            store = try SQLiteStore(path: path)
            let loaded = OperatorProject(project: project, diagnostics: project.diagnostics, rootDisplay: ".")
            let scope = try LifecycleCommands.planStart(folder, in: loaded)
            _ = try await LifecycleCommands.start(scope, store: store, now: Timestamp.milliseconds(Date()))
        } catch {
            console.err("recipes: cannot prepare the demo's store '\(path)': \(error)")
            return nil
        }
        var interpreter = Interpreter(
            project: project, connectors: session.runtime.registry,
            notifier: session.runtime.notifier ?? ConsoleNotifier(console: console))
        interpreter.redactor = session.runtime.redactor
        let redactor = session.runtime.redactor
        let service = EngineService(
            store: store, interpreter: interpreter,
            intake: WebhookIntake(project: project, verifiers: session.runtime.webhookVerifiers), owner: "demo-\(getpid())",
            settings: RuntimeSettings(idlePoll: 50),
            log: EventLog(sink: MemoryLogSink(), clock: { Timestamp.milliseconds(Date()) }, redact: { redactor.redact($0) }))
        let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0), handler: service.router())
        let port: Int
        do {
            port = try server.start()
            try await service.start()
        } catch {
            console.err("recipes: cannot start the engine: \(error)")
            await server.shutdown()
            return nil
        }
        let baseURL = "http://127.0.0.1:\(port)"
        session.sandbox.setWebhookTarget(baseURL + WebhookIntake.path(folder: folder, connection: "hibob"), for: .hibob)
        let relative = path.hasPrefix(tool.currentDirectory.path + "/") ? String(path.dropFirst(tool.currentDirectory.path.count + 1)) : path
        return DemoEngine(
            service: service, server: server, store: store, session: session, baseURL: baseURL, displayPath: relative, tool: tool)
    }

    /// Sends `events` through the sandbox's webhooks, waits until the engine has stored them and
    /// run their jobs, and prints each delivery and job; returns the jobs that failed (plus
    /// webhooks the engine did not accept).
    func deliver(_ events: [HiBobEvent], trace: Bool) async -> Int {
        let console = tool.console
        let before = (try? await store.deliveries(DeliveryFilter(limit: 1)).first?.id) ?? 0
        let attemptsBefore = session.sandbox.webhookAttempts.count
        session.sandbox.fireWebhooks(events)
        let deadline = ContinuousClock.now + Self.settleTimeout
        while ContinuousClock.now < deadline {
            let sent = session.sandbox.webhookAttempts.count - attemptsBefore >= events.count && session.sandbox.pendingWebhooks == 0
            let busy = (try? await store.jobs(JobFilter(limit: 10_000)).contains { $0.status.isUnfinished }) ?? true
            if sent && !busy { break }
            try? await Task.sleep(for: .milliseconds(20))
        }
        var failures = 0
        for attempt in session.sandbox.webhookAttempts.dropFirst(attemptsBefore) where !attempt.succeeded {
            console.err("webhook \(attempt.eventType): not accepted (\(attempt.status.map { "HTTP \($0)" } ?? attempt.error ?? "no answer"))")
            failures += 1
        }
        let deliveries = ((try? await store.deliveries(DeliveryFilter(limit: 10_000))) ?? []).filter { $0.id > before }.reversed()
        let renderer = TraceRenderer()
        for delivery in deliveries {
            let payload = try? JSONParser.parseValue(delivery.delivery.body, path: "delivery \(delivery.id)")
            let type = payload?["type"]?.stringValue ?? "?"
            var jobs: [StoredJob] = []
            for id in delivery.jobIDs { if let job = try? await store.job(id: id) { jobs.append(job) } }
            let names = jobs.map(\.job.recipe)
            console.out("webhook \(type) (signature verified) → \(names.isEmpty ? "no recipe listens" : names.joined(separator: ", "))")
            for job in jobs {
                guard let stored = job.result ?? job.error, let record = try? JobRecord(json: stored) else {
                    console.err("  job \(job.id) (\(job.job.recipe)) did not finish: \(job.status.rawValue)")
                    failures += 1
                    continue
                }
                if trace { console.out(renderer.trace(of: record)) }
                console.out(renderer.summary(of: record).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
                failures += record.failedJobs.count
            }
        }
        return failures
    }

    func stop() async {
        await server.shutdown()
        await service.stop()
    }
}
