// `recipes serve`: wires the durable engine (RecipeRuntime) to a SQLite file, the connections
// (or the sandbox) and an HTTP server, and stops it gracefully on SIGTERM/SIGINT. The listening
// socket is bound first, so `--port 0` works with `--sandbox` (whose webhooks need the URL).
import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeHTTP
import RecipeHTTPCore
import RecipeIntake
import RecipeModel
import RecipeRuntime
import RecipeSandbox
import RecipeStore
import RecipeStoreSQLite
import Synchronization

extension CommandLineTool {
    func serve(_ options: Command.ServeOptions) async -> Int32 {
        let root = url(options.project).standardizedFileURL
        let databasePath = options.database.map { url($0).path } ?? root.appendingPathComponent(".recipes/engine.sqlite").path
        let store: SQLiteStore
        do {
            try FileManager.default.createDirectory(
                atPath: (databasePath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            store = try SQLiteStore(path: databasePath)
        } catch {
            console.err("recipes: cannot open the store '\(databasePath)': \(error)")
            return ExitStatus.failure
        }
        // Started recipes run the content they were started with, whatever their files say now.
        let pinned: PinnedContent
        do {
            pinned = try await PinnedContent.read(root: root, store: store)
        } catch {
            console.err("recipes: cannot read the started recipes from '\(databasePath)': \(error)")
            return ExitStatus.failure
        }
        guard let project = loadProject(options.project, pinned: pinned.overrides) else { return ExitStatus.failure }
        let handler = LateBoundHandler()
        var limits = HTTPServerLimits.default
        limits.maxBodyBytes = WebhookIntake.defaultBodyLimit
        let server = HTTPServer(configuration: .init(host: options.host, port: options.port, limits: limits), handler: handler)
        let port: Int
        do {
            port = try server.start()
        } catch {
            console.err("recipes: cannot listen on \(options.host):\(options.port): \(error)")
            return ExitStatus.failure
        }
        let baseURL = "http://\(options.host):\(port)"
        let metrics = EngineMetrics()
        guard let (runtime, session) = await connectorRuntime(options, root: root, observer: metrics.attemptObserver()) else {
            await server.shutdown()
            return ExitStatus.failure
        }
        var interpreter = Interpreter(
            project: project, connectors: runtime.registry, notifier: runtime.notifier ?? ConsoleNotifier(console: console))
        interpreter.redactor = runtime.redactor
        let redactor = runtime.redactor
        let log = EventLog(
            sink: StandardErrorSink(), clock: { Timestamp.milliseconds(Date()) }, redact: { redactor.redact($0) })
        let access = AdminAccess(
            token: ProcessInfo.processInfo.environment[AdminAPI.tokenVariable], bindsLoopbackOnly: AdminAccess.isLoopback(host: options.host))
        let projectDisplay = options.project
        let service = EngineService(
            store: store, interpreter: interpreter,
            intake: WebhookIntake(project: project, verifiers: runtime.webhookVerifiers),
            owner: "\(ProcessInfo.processInfo.hostName)-\(getpid())-\(Timestamp.milliseconds(Date()))", log: log, metrics: metrics,
            admin: AdminSettings(access: access, loadProject: { Self.loadOperatorProject(root: root, display: projectDisplay) }))
        handler.set(service.router())
        log.info(.serverStarted, ["url": baseURL, "db": databasePath, "recipes": project.recipes.count])
        for id in pinned.overrides.keys.sorted() {
            log.info("recipe.pinned", ["recipe": id.description], message: "its file changed since it was started; running the started content")
        }
        for recipe in pinned.unavailable {
            log.warning("recipe.unpinned", ["recipe": recipe], message: "its file changed and its started content is not kept; running the file")
        }
        log.info("admin.access", ["url": baseURL + AdminAPI.prefix, "access": access.logDescription])
        do {
            try await service.start()
        } catch {
            console.err("recipes: the recovery pass failed: \(error)")
            await server.shutdown()
            await session?.stop()
            return ExitStatus.failure
        }
        if let session { pointSandboxWebhooks(session, project: project, baseURL: baseURL) }
        var signals: SignalHandling?
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            signals = SignalHandling(signals: [SIGTERM, SIGINT]) { _ in continuation.resume() }
        }
        signals?.cancel()
        log.info(.serverStopping)
        await server.shutdown()
        await service.stop()
        await session?.stop()
        return ExitStatus.success
    }

    /// The connections: the sandbox's (`--sandbox`) or the connections file's.
    private func connectorRuntime(
        _ options: Command.ServeOptions, root: URL, observer: @escaping AttemptObserver
    ) async -> (ConnectorRuntime, SandboxSession?)? {
        if options.sandbox {
            do {
                let session = try SandboxSession(projectRoot: root, companySize: 200, seed: 42, observer: observer)
                console.err("sandbox: \(session.server.baseURL)")
                return (session.runtime, session)
            } catch {
                console.err("recipes: cannot start the sandbox: \(error)")
                return nil
            }
        }
        let file = options.connections.map { url($0).path } ?? root.appendingPathComponent("connections.json").path
        guard FileManager.default.fileExists(atPath: file) else {
            console.err("recipes: no connections file '\(file)'; pass --connections FILE, or --sandbox to try it with no accounts")
            return nil
        }
        let (runtime, diagnostics) = ConnectorSetup.load(
            definitionsDirectory: root.appendingPathComponent("connectors").path, connectionsFile: file, observer: observer)
        diagnostics.forEach { console.err($0.description) }
        guard let runtime else { return nil }
        return (runtime, nil)
    }

    /// Sends each sandbox vendor's webhooks to this server: to the folder whose recipes listen
    /// on the connection of the same name (the first such folder, by name).
    private func pointSandboxWebhooks(_ session: SandboxSession, project: Project, baseURL: String) {
        for vendor in [SandboxVendor.hibob, .greenhouse, .hipeople] {
            let folders = project.recipes.values.compactMap { recipe -> String? in
                guard case .webhook(let trigger) = recipe.trigger, trigger.connection == vendor.rawValue else { return nil }
                return recipe.id.folder
            }
            guard let folder = folders.min() else { continue }
            let target = baseURL + WebhookIntake.path(folder: folder, connection: vendor.rawValue)
            session.sandbox.setWebhookTarget(target, for: vendor)
            console.err("sandbox: \(vendor.rawValue) webhooks go to \(target)")
        }
    }
}

/// A handler whose router is set once the engine exists (the socket is bound before): answers
/// 503 until then.
final class LateBoundHandler: HTTPHandler {
    private let router = Mutex<Router?>(nil)

    func set(_ router: Router) { self.router.withLock { $0 = router } }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard let router = router.withLock({ $0 }) else {
            return HTTPErrorRenderer.response(for: HTTPError(status: 503, code: "starting", message: "the engine is starting"))
        }
        return await router.handle(request)
    }
}
