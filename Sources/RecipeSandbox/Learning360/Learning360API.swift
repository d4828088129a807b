// 360Learning API v2 fake, mounted at `/360learning` (paths below start at `/api/v2`).
// Follows docs/vendors/360learning.md (https://360learning.readme.io):
// - `POST /api/v2/oauth2/token` JSON client_credentials → `{"token_type": "Bearer",
//   "access_token", "expires_in": "3600"}` (a STRING); 400 invalid_request /
//   unsupported_grant_type, 401 invalid_client.
// - Every other call: `Authorization: Bearer` (401) AND `360-api-version: v2.0` (400).
// - `POST /api/v2/users` (invited user; a deleted mail is restored), `GET /api/v2/users`
//   (500 per page), `PATCH /api/v2/users/{userId}`, `DELETE /api/v2/users/{userId}` (404 userNotFound).
// - 50 reads/s and 10 writes/s per client → 429.
// - `GET /api/v2/users?mail[eq]=` filters by e-mail; pages continue through
//   `Link: <…?next=TOKEN>; rel="next"` (Learning360UserQuery).
// ASSUMPTIONS (docs/sandbox.md): errors are `{"error": {"code", "message"}}`;
// creating an existing, non-deleted mail answers 400 `userAlreadyExists`; a body member outside
// the documented create / edit fields answers 400 `invalidField` (password and custom fields
// have their own endpoints: https://360learning.readme.io/docs/edit-a-user-migration-guide).
import Foundation
import RecipeData
import RecipeHTTPCore

/// The 360Learning fake's HTTP face.
struct Learning360API: SandboxFake {
    let store: Learning360Store
    private let router: Router
    static let pageSize = 500
    /// Editable with `PATCH /api/v2/users/{userId}` (not `password`, not `custom`).
    static let editFields: Set<String> = ["mail", "username", "firstName", "lastName", "phone", "job", "organization", "lang"]
    /// `POST /api/v2/users`: the edit fields and one initial group.
    static let createFields = editFields.union(["membership"])

    init(store: Learning360Store) {
        self.store = store
        var router = Router()
        router.fallback = { _ in Self.error(404, "notFound", "Route not found") }
        router.add(.post, "/api/v2/oauth2/token") { request, _ in Self.token(request, store) }
        router.add(.get, "/api/v2/users") { request, _ in
            Self.guarded(request, store, write: false) { Self.list(request, store) }
        }
        router.add(.post, "/api/v2/users") { request, _ in
            Self.guarded(request, store, write: true) { Self.create(request, store) }
        }
        router.add(.patch, "/api/v2/users/{userId}") { request, parameters in
            Self.guarded(request, store, write: true) { Self.patch(request, id: parameters["userId"] ?? "", store) }
        }
        router.add(.delete, "/api/v2/users/{userId}") { request, parameters in
            Self.guarded(request, store, write: true) { Self.delete(id: parameters["userId"] ?? "", store) }
        }
        self.router = router
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse { await router.handle(request) }
    func snapshot() -> JSONValue { store.snapshot() }
    func reset() { store.reset() }

    static func error(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
        .json(.object([("error", .object([("code", .string(code)), ("message", .string(message))]))]), status: status)
    }

    /// Bearer token, API version header, then the read or write window.
    static func guarded(
        _ request: HTTPRequest, _ store: Learning360Store, write: Bool, _ body: () -> HTTPResponse
    ) -> HTTPResponse {
        let now = store.clock()
        let outcome: HTTPResponse? = store.state.withLock { state in
            guard let token = request.bearerToken, let client = state.tokens.client(for: token, now: now) else {
                return error(401, "unauthorized", "Missing, invalid or expired access token")
            }
            guard request.headers["360-api-version"] == "v2.0" else {
                return error(400, "invalidApiVersion", "The 360-api-version header must be v2.0")
            }
            let decision = write ? state.writes.admit(client, now: now) : state.reads.admit(client, now: now)
            guard decision.allowed else {
                return error(429, "tooManyRequests", "Rate limit exceeded").retryAfter(decision.retryAfter)
            }
            return nil
        }
        return outcome ?? body()
    }

    static func token(_ request: HTTPRequest, _ store: Learning360Store) -> HTTPResponse {
        func oauthError(_ status: Int, _ code: String) -> HTTPResponse {
            .json(.object([("error", .string(code))]), status: status)
        }
        guard let body = request.jsonBody, case .object = body else { return oauthError(400, "invalid_request") }
        guard body["grant_type"]?.stringValue == "client_credentials" else {
            return oauthError(400, "unsupported_grant_type")
        }
        guard body["client_id"]?.stringValue == store.settings.clientID,
            body["client_secret"]?.stringValue == store.settings.clientSecret
        else { return oauthError(401, "invalid_client") }
        let now = store.clock()
        let ttl = store.settings.tokenTTL
        let token = store.state.withLock { state in
            state.tokens.issue(client: store.settings.clientID, now: now, ttl: ttl, random: &state.random)
        }
        return .json(
            .object([("token_type", "Bearer"), ("access_token", .string(token)), ("expires_in", .string(String(ttl)))]))
    }

    static func list(_ request: HTTPRequest, _ store: Learning360Store) -> HTTPResponse {
        let query: Learning360UserQuery
        switch Learning360UserQuery.read(request) {
        case .success(let read): query = read
        case .failure(let refused): return Self.error(400, "invalidParameter", refused.message)
        }
        let matching = store.users.filter { query.mail == nil || $0.mail.lowercased() == query.mail }
        let page = Array(matching.dropFirst(query.offset).prefix(pageSize))
        var response = HTTPResponse.json(.array(page.map(\.json)))
        if query.offset + pageSize < matching.count {
            let next = "/api/v2/users?next=" + query.token(offset: query.offset + pageSize)
            response.headers.set("Link", "<\(next)>; rel=\"next\"")
        }
        return response
    }

    /// A 400 naming the first member of `body` outside `fields`.
    static func unknownField(_ body: JSONValue, _ fields: Set<String>) -> HTTPResponse? {
        guard let name = body.objectValue?.map(\.key).first(where: { !fields.contains($0) }) else { return nil }
        return error(400, "invalidField", "\(name) is not an accepted field")
    }

    static func create(_ request: HTTPRequest, _ store: Learning360Store) -> HTTPResponse {
        guard let body = request.jsonBody, let mail = body["mail"]?.stringValue, mail.contains("@") else {
            return error(400, "invalidMail", "A valid mail is required")
        }
        if let refused = unknownField(body, createFields) { return refused }
        let now = SandboxDate.timestamp(store.clock())
        return store.state.withLock { state in
            if let index = state.users.firstIndex(where: { $0.mail.lowercased() == mail.lowercased() }) {
                guard state.users[index].deleted else {
                    return error(400, "userAlreadyExists", "A user with this mail already exists")
                }
                state.users[index].deleted = false
                state.users[index].reactivatedAt.append(now)
                state.users[index].apply(body)
                return .json(state.users[index].json, status: 201)
            }
            var user = Learning360User(
                id: state.random.hex(24), mail: mail, lang: "en", deleted: false, deletedAt: [], reactivatedAt: [])
            user.apply(body)
            state.users.append(user)
            return .json(user.json, status: 201)
        }
    }

    static func patch(_ request: HTTPRequest, id: String, _ store: Learning360Store) -> HTTPResponse {
        guard let body = request.jsonBody, case .object = body else {
            return error(400, "invalidBody", "A JSON object body is required")
        }
        if let refused = unknownField(body, editFields) { return refused }
        return store.state.withLock { state in
            guard let index = state.index(of: id), !state.users[index].deleted else {
                return error(404, "userNotFound", "User \(id) not found")
            }
            state.users[index].apply(body)
            return .json(state.users[index].json)
        }
    }

    static func delete(id: String, _ store: Learning360Store) -> HTTPResponse {
        let now = SandboxDate.timestamp(store.clock())
        return store.state.withLock { state in
            guard let index = state.index(of: id), !state.users[index].deleted else {
                return error(404, "userNotFound", "User \(id) not found")
            }
            state.users[index].deleted = true
            state.users[index].deletedAt.append(now)
            return .noContent
        }
    }
}
