// HiBob People API fake, mounted at `/hibob` (paths below start at `/v1`).
// Follows docs/vendors/hibob.md:
// - Basic auth `base64(serviceUserID:token)`; 401 otherwise.
// - `POST /v1/people/{identifier}` (backend id or e-mail), body `{"fields", "humanReadable"}`; 404 unknown.
// - `POST /v1/people/search`: ≤400 fields, at most one filter on `root.id` / `root.email` with
//   `equals`, `filters: []` → 400, `showInactive` default false, no pagination; 50/min → 429.
// - Errors `{"key": …, "error": …}` (shape observed by third parties).
import Foundation
import RecipeData
import RecipeHTTPCore

/// The HiBob fake's HTTP face.
struct HiBobAPI: SandboxFake {
    let store: HiBobStore
    private let router: Router

    init(store: HiBobStore) {
        self.store = store
        var router = Router()
        router.fallback = { _ in Self.error(404, "notFound", "Not found") }
        router.add(.post, "/v1/people/search") { request, _ in Self.search(request, store) }
        router.add(.post, "/v1/people/{identifier}") { request, parameters in
            Self.read(request, identifier: parameters["identifier"] ?? "", store)
        }
        router.add(.post, "/v1/objects/position/search") { request, _ in Self.searchPositions(request, store) }
        router.add(.post, "/v1/positions/position-openings/search") { request, _ in
            Self.searchOpenings(request, store)
        }
        self.router = router
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard let credentials = request.basicCredentials, credentials.user == store.settings.serviceUserID,
            credentials.password == store.settings.token
        else { return Self.error(401, "unauthorized", "Invalid or missing service user credentials") }
        return await router.handle(request)
    }

    func snapshot() -> JSONValue { store.snapshot() }
    func reset() { store.reset() }

    static func error(_ status: Int, _ key: String, _ message: String) -> HTTPResponse {
        .json(.object([("key", .string(key)), ("error", .string(message))]), status: status)
    }

    /// Counts one request in a window; a 429 response when over the limit.
    static func limited(_ store: HiBobStore, _ window: WritableKeyPath<HiBobStore.State, RateWindow>) -> HTTPResponse? {
        let now = store.clock()
        let decision = store.state.withLock { $0[keyPath: window].admit(store.settings.serviceUserID, now: now) }
        guard !decision.allowed else { return nil }
        return error(429, "tooManyRequests", "Rate limit exceeded").retryAfter(decision.retryAfter)
    }

    private static func fields(_ body: JSONValue?) -> [String]? {
        body?["fields"]?.arrayValue?.compactMap(\.stringValue)
    }

    static func read(_ request: HTTPRequest, identifier: String, _ store: HiBobStore) -> HTTPResponse {
        if let limited = limited(store, \.readWindow) { return limited }
        let body = request.jsonBody
        let today = store.today
        let rendered: JSONValue? = store.state.withLock { state in
            state.employee(identifier).map {
                $0.rendered(
                    fields: fields(body), humanReadable: body?["humanReadable"]?.stringValue, today: today,
                    lookup: { state.byID[$0] })
            }
        }
        guard let rendered else { return error(404, "notFound", "Employee \(identifier) not found") }
        return .json(rendered)
    }

    static func search(_ request: HTTPRequest, _ store: HiBobStore) -> HTTPResponse {
        if let limited = limited(store, \.searchWindow) { return limited }
        let body = request.jsonBody ?? [:]
        guard case .object = body else { return error(400, "badRequest", "Body must be a JSON object") }
        let fields = fields(body)
        if let fields, fields.count > 400 { return error(400, "badRequest", "At most 400 fields may be requested") }
        var wanted: Set<String>?
        var field = "root.id"
        if let filters = body["filters"] {
            guard let list = filters.arrayValue, list.count == 1, let filter = list.first,
                let path = filter["fieldPath"]?.stringValue, path == "root.id" || path == "root.email",
                filter["operator"]?.stringValue == "equals", let values = filter["values"]?.arrayValue
            else {
                return error(
                    400, "badRequest", "filters: exactly one filter on root.id or root.email with operator equals")
            }
            field = path
            wanted = Set(values.compactMap { $0.stringValue.map { path == "root.email" ? $0.lowercased() : $0 } })
        }
        let showInactive = body["showInactive"]?.boolValue ?? false
        let humanReadable = body["humanReadable"]?.stringValue
        let today = store.today
        let employees: [JSONValue] = store.state.withLock { state in
            let byID = state.byID
            let lookup: (String) -> HiBobEmployee? = { byID[$0] }
            var out: [JSONValue] = []
            for id in state.order {
                guard let employee = state.byID[id] else { continue }
                if !showInactive && employee.status != .active { continue }
                if let wanted, !wanted.contains(field == "root.email" ? employee.email.lowercased() : employee.id) {
                    continue
                }
                out.append(employee.rendered(fields: fields, humanReadable: humanReadable, today: today, lookup: lookup))
            }
            return out
        }
        return .json(.object([("employees", .array(employees))]))
    }
}
