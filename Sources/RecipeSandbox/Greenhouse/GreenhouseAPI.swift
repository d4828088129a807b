// Greenhouse Harvest v1 fake, mounted at `/greenhouse` (paths below start at `/v1`).
// Follows docs/vendors/greenhouse.md (https://developers.greenhouse.io/harvest.html):
// - Basic auth `base64(apiKey:)`; 401 `{"message": …}` otherwise.
// - 50 requests per 10-second window per key; every answer carries `X-RateLimit-Limit`,
//   `X-RateLimit-Remaining`, `X-RateLimit-Reset` (epoch seconds); 429 adds `Retry-After`.
// - Lists paginate with `page` / `per_page` (default 100, max 500) and an RFC 8288 `Link`
//   header (`rel="next"`, `rel="last"`), absolute URLs under the sandbox mount.
// - Writes need `On-Behalf-Of: <user id>`; validation errors are 422
//   `{"message": "Validation error", "errors": [{"message", "field"}]}`; a GET with a body → 403.
// ASSUMPTION: a missing or unknown `On-Behalf-Of` answers 403 `{"message": …}`.
import Foundation
import RecipeData
import RecipeHTTPCore

/// The Greenhouse fake's HTTP face.
struct GreenhouseAPI: SandboxFake {
    let store: GreenhouseStore
    private let router: Router

    init(store: GreenhouseStore) {
        self.store = store
        var router = Router()
        router.fallback = { _ in Self.message(404, "Resource not found") }
        router.add(.get, "/v1/candidates") { request, _ in Self.listCandidates(request, store) }
        router.add(.get, "/v1/candidates/{id}") { _, parameters in Self.getCandidate(parameters["id"], store) }
        router.add(.patch, "/v1/candidates/{id}") { request, parameters in
            Self.patchCandidate(request, id: parameters["id"], store)
        }
        router.add(.post, "/v1/candidates/{id}/activity_feed/notes") { request, parameters in
            Self.addNote(request, id: parameters["id"], store)
        }
        router.add(.get, "/v1/candidates/{id}/activity_feed") { _, parameters in
            Self.activityFeed(parameters["id"], store)
        }
        router.add(.get, "/v1/applications") { request, _ in Self.listApplications(request, store) }
        router.add(.get, "/v1/applications/{id}") { _, parameters in Self.getApplication(parameters["id"], store) }
        router.add(.get, "/v1/jobs") { request, _ in Self.listJobs(request, store) }
        router.add(.get, "/v1/jobs/{id}") { _, parameters in Self.getJob(parameters["id"], store) }
        router.add(.get, "/v1/jobs/{id}/stages") { _, parameters in Self.stages(parameters["id"], store) }
        self.router = router
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard let credentials = request.basicCredentials, credentials.user == store.settings.apiKey else {
            return Self.message(401, "Invalid Basic Auth credentials")
        }
        // Harvest answers 403 to a GET that carries a body (docs/vendors/greenhouse.md).
        if request.method == .get && !request.body.isEmpty {
            return Self.message(403, "A request body is not allowed on GET")
        }
        let decision = store.state.withLock { $0.window.admit(store.settings.apiKey, now: store.clock()) }
        var response =
            decision.allowed
            ? await router.handle(request)
            : Self.message(429, "Rate limit exceeded").retryAfter(decision.retryAfter)
        response.headers.set("X-RateLimit-Limit", String(decision.limit))
        response.headers.set("X-RateLimit-Remaining", String(decision.remaining))
        response.headers.set("X-RateLimit-Reset", String(Int(decision.reset.timeIntervalSince1970.rounded(.up))))
        return response
    }

    func snapshot() -> JSONValue { store.snapshot() }
    func reset() { store.reset() }

    static func message(_ status: Int, _ text: String) -> HTTPResponse {
        .json(.object([("message", .string(text))]), status: status)
    }

    static func validation(_ errors: [(field: String, message: String)]) -> HTTPResponse {
        .json(
            .object([
                ("message", "Validation error"),
                (
                    "errors",
                    .array(errors.map { .object([("message", .string($0.message)), ("field", .string($0.field))]) })
                ),
            ]), status: 422)
    }

    /// One page of `items` with Harvest's `Link` header.
    static func page(_ items: [JSONValue], _ request: HTTPRequest) -> HTTPResponse {
        let perPage: Int, page: Int
        do throws(NumberInputError) {
            perPage = try request.number(.greenhousePerPage, absent: 100)
            page = try request.number(.greenhousePage, absent: 1)
        } catch { return validation([(field: error.name, message: error.message)]) }
        var response = HTTPResponse.json(.array(Array(items.dropFirst((page - 1) * perPage).prefix(perPage))))
        let last = max(1, (items.count + perPage - 1) / perPage)
        let base = (request.headers[Sandbox.baseHeader] ?? "http://127.0.0.1") + request.path
        let others = request.queryItems.filter { $0.name != "page" && $0.name != "per_page" }
            .map { "&\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }.joined()
        func link(_ number: Int, _ rel: String) -> String {
            "<\(base)?page=\(number)&per_page=\(perPage)\(others)>; rel=\"\(rel)\""
        }
        var links: [String] = []
        if page < last { links.append(link(page + 1, "next")) }
        if page > 1 { links.append(link(page - 1, "prev")) }
        links.append(link(last, "last"))
        response.headers.set("Link", links.joined(separator: ", "))
        return response
    }

    static func listCandidates(_ request: HTTPRequest, _ store: GreenhouseStore) -> HTTPResponse {
        let email = request.query("email")?.lowercased()
        let jobID = request.query("job_id").flatMap { Int($0) }
        let items: [JSONValue] = store.state.withLock { state in
            let render = GreenhouseRendering(state: state)
            return state.candidates.values.sorted { $0.id < $1.id }.filter { candidate in
                (email == nil || candidate.email.lowercased() == email)
                    && (jobID == nil
                        || candidate.applicationIDs.contains { state.applications[$0]?.jobID == jobID })
            }.map(render.candidate)
        }
        return page(items, request)
    }

    static func getCandidate(_ id: String?, _ store: GreenhouseStore) -> HTTPResponse {
        store.state.withLock { state in
            guard let id = id.flatMap({ Int($0) }), let candidate = state.candidates[id] else {
                return message(404, "Resource not found")
            }
            return .json(GreenhouseRendering(state: state).candidate(candidate))
        }
    }

    static func listApplications(_ request: HTTPRequest, _ store: GreenhouseStore) -> HTTPResponse {
        let jobID = request.query("job_id").flatMap { Int($0) }
        let status = request.query("status")
        let items: [JSONValue] = store.state.withLock { state in
            let render = GreenhouseRendering(state: state)
            return state.applications.values.sorted { $0.id < $1.id }
                .filter { (jobID == nil || $0.jobID == jobID) && (status == nil || $0.status == status) }
                .map(render.application)
        }
        return page(items, request)
    }

    static func getApplication(_ id: String?, _ store: GreenhouseStore) -> HTTPResponse {
        store.state.withLock { state in
            guard let id = id.flatMap({ Int($0) }), let application = state.applications[id] else {
                return message(404, "Resource not found")
            }
            return .json(GreenhouseRendering(state: state).application(application))
        }
    }

    static func listJobs(_ request: HTTPRequest, _ store: GreenhouseStore) -> HTTPResponse {
        let status = request.query("status")
        let items: [JSONValue] = store.state.withLock { state in
            let render = GreenhouseRendering(state: state)
            return state.jobs.values.sorted { $0.id < $1.id }.filter { status == nil || $0.status == status }
                .map(render.job)
        }
        return page(items, request)
    }

    static func getJob(_ id: String?, _ store: GreenhouseStore) -> HTTPResponse {
        store.state.withLock { state in
            guard let id = id.flatMap({ Int($0) }), let job = state.jobs[id] else {
                return message(404, "Resource not found")
            }
            return .json(GreenhouseRendering(state: state).job(job))
        }
    }

    static func stages(_ id: String?, _ store: GreenhouseStore) -> HTTPResponse {
        store.state.withLock { state in
            guard let id = id.flatMap({ Int($0) }), let job = state.jobs[id] else {
                return message(404, "Resource not found")
            }
            let render = GreenhouseRendering(state: state)
            return .json(.array(job.stages.map { render.stage($0, jobID: job.id) }))
        }
    }
}
