// The admin JSON API of `recipes serve` (docs/operator-commands.md, "Admin API"): the operator
// commands over HTTP, answering the same version 1 documents as their `--json`, byte for byte
// (pretty, as the command line prints them). Every route checks `AdminAccess` first; every
// error goes through `AdminErrors` (one shape).
import RecipeData
import RecipeHTTPCore
import RecipeStore

/// What the admin API needs from the server beyond its store.
public struct AdminSettings: Sendable {
    /// Who may call it.
    public var access: AdminAccess
    /// The project as it is on disk now (read per request: `status` compares files with the
    /// pinned content, `start` validates and pins what the files hold now).
    public var loadProject: @Sendable () -> OperatorProject
    /// Now, in ms UTC.
    public var now: @Sendable () -> Int64

    public init(
        access: AdminAccess, loadProject: @escaping @Sendable () -> OperatorProject,
        now: @escaping @Sendable () -> Int64 = { OperatorTime.nowMilliseconds() }
    ) {
        self.access = access
        self.loadProject = loadProject
        self.now = now
    }
}

/// The routes under `/admin/v1/`.
public struct AdminAPI: Sendable {
    /// The environment variable holding the admin token (server) and the token sent (CLI).
    public static let tokenVariable = "RECIPES_ADMIN_TOKEN"
    /// The path prefix of every route.
    public static let prefix = "/admin/v1"

    public let store: any RecipeStore
    /// Reloaded after a start or stop, so the intake sees it at once.
    public let startedRecipes: StartedRecipes
    public let settings: AdminSettings

    public init(store: any RecipeStore, startedRecipes: StartedRecipes, settings: AdminSettings) {
        self.store = store
        self.startedRecipes = startedRecipes
        self.settings = settings
    }

    /// Adds the routes: `GET recipes`, `POST recipes/{folder}/{name}/start|stop`,
    /// `POST folders/{folder}/start|stop`, `GET jobs`, `GET jobs/{id}`, `POST jobs/{id}/rerun`,
    /// `GET deliveries`.
    public func register(into router: inout Router) {
        add(&router, .get, "recipes") { request, _ in
            let loaded = settings.loadProject()
            let rows = try await OperatorQueries.status(
                folder: try AdminQuery.statusFolder(request), project: loaded.project, store: store, now: settings.now())
            return Self.document(OperatorJSON.status(rows))
        }
        for action in [LifecycleChange.Action.start, .stop] {
            add(&router, .post, "recipes/{folder}/{name}/\(action.rawValue)") { _, parameters in
                try await lifecycle(action, target: "\(parameters["folder"] ?? "")/\(parameters["name"] ?? "")")
            }
            add(&router, .post, "folders/{folder}/\(action.rawValue)") { _, parameters in
                try await lifecycle(action, target: parameters["folder"] ?? "")
            }
        }
        add(&router, .get, "jobs") { request, _ in
            let jobs = try await OperatorQueries.jobs(try AdminQuery.jobFilter(request, now: settings.now()), store: store)
            return Self.document(OperatorJSON.jobs(jobs))
        }
        add(&router, .get, "jobs/{id}") { _, parameters in
            Self.document(try await OperatorQueries.job(try Self.jobID(parameters), store: store).json)
        }
        add(&router, .post, "jobs/{id}/ack") { _, parameters in
            let job = try await OperatorQueries.acknowledge(try Self.jobID(parameters), store: store, now: settings.now())
            return Self.document(OperatorJSON.document("job", OperatorJSON.jobRow(job)), status: 200)
        }
        add(&router, .post, "jobs/{id}/rerun") { _, parameters in
            let rerun = try await OperatorQueries.rerun(try Self.jobID(parameters), store: store, now: settings.now())
            return Self.document(rerun.json, status: 201)
        }
        add(&router, .get, "deliveries") { request, _ in
            let views = try await OperatorQueries.deliveries(try AdminQuery.deliveryFilter(request, now: settings.now()), store: store)
            return Self.document(DeliveryView.document(views))
        }
    }

    /// Starts or stops `target` (a recipe `folder/name` or a folder), then makes the intake
    /// read the lifecycle rows again.
    private func lifecycle(_ action: LifecycleChange.Action, target: String) async throws -> HTTPResponse {
        let loaded = settings.loadProject()
        let now = settings.now()
        let changes: [LifecycleChange]
        switch action {
        case .start: changes = try await LifecycleCommands.start(try LifecycleCommands.planStart(target, in: loaded), store: store, now: now)
        case .stop: changes = try await LifecycleCommands.stop(target, in: loaded, store: store, now: now)
        }
        do { try await startedRecipes.reload(now: now) } catch { throw OperatorError.store(error) }
        return Self.document(LifecycleCommands.document(changes))
    }

    /// A route behind the access check, its errors answered by `AdminErrors`.
    private func add(
        _ router: inout Router, _ method: HTTPMethod, _ path: String,
        _ route: @escaping @Sendable (HTTPRequest, [String: String]) async throws -> HTTPResponse
    ) {
        let access = settings.access
        router.add(method, "\(Self.prefix)/\(path)") { request, parameters in
            do {
                try access.authorize(request)
                return try await route(request, parameters)
            } catch {
                return AdminErrors.response(for: error)
            }
        }
    }

    private static func jobID(_ parameters: [String: String]) throws(AdminQueryError) -> Int64 {
        do { return try OperatorInput.jobID(parameters["id"] ?? "") } catch { throw AdminQueryError(error.message) }
    }

    /// A document as the command line prints it: pretty JSON and a newline.
    static func document(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: value.jsonBytes(pretty: true) + [0x0A])
    }
}
