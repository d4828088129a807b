// Docebo Learn API fake, mounted at `/docebo` (the platform URL root).
// Follows docs/vendors/docebo.md (Docebo's API browser and help centre:
// https://help.docebo.com/hc/en-us/articles/360020082040-API-general-information):
// - `POST /oauth2/token`, form-encoded, `grant_type=client_credentials` or `password`
//   (client_id, client_secret [+ username, password]) → `{"access_token", "expires_in": 3600,
//   "token_type": "Bearer", "scope": "api"}`; unknown or expired bearer → 401.
// - `/manage/v1/user` list (search_text on first name, last name, username — NOT e-mail;
//   page, page_size), get, create (`userid`, `password` required), update (members outside
//   ManageUserUpdateSchema, such as `valid`, are ignored), `change_status`, `delete`
//   (JSON body on DELETE); envelopes under `data`; 1,000 calls/hour per client → 429.
// ASSUMPTION: error bodies use the Yii shape `{"name", "message", "code", "status"}`; field
// errors come back as `{"data": {"success": false, "message": [{"id", "message"}]}}` with 400.
import Foundation
import RecipeData
import RecipeHTTPCore

/// The Docebo fake's HTTP face.
struct DoceboAPI: SandboxFake {
    let store: DoceboStore
    private let router: Router

    init(store: DoceboStore) {
        self.store = store
        var router = Router()
        router.fallback = { _ in Self.error(404, "Not Found", "Page not found.") }
        router.add(.post, "/oauth2/token") { request, _ in Self.token(request, store) }
        router.add(.get, "/manage/v1/user") { request, _ in Self.authorized(request, store) { Self.list(request, store) } }
        router.add(.post, "/manage/v1/user") { request, _ in
            Self.authorized(request, store) { Self.create(request, store) }
        }
        router.add(.put, "/manage/v1/user/change_status") { request, _ in
            Self.authorized(request, store) { Self.changeStatus(request, store) }
        }
        router.add(.delete, "/manage/v1/user/delete") { request, _ in
            Self.authorized(request, store) { Self.delete(request, store) }
        }
        router.add(.get, "/manage/v1/user/{id}") { request, parameters in
            Self.authorized(request, store) { Self.get(parameters["id"] ?? "", store) }
        }
        router.add(.put, "/manage/v1/user/{id}") { request, parameters in
            Self.authorized(request, store) { Self.update(request, id: parameters["id"] ?? "", store) }
        }
        self.router = router
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        var response = await router.handle(request)
        response.headers.set("X-Docebo-Api-Version", "1.0.0")
        return response
    }

    func snapshot() -> JSONValue { store.snapshot() }
    func reset() { store.reset() }

    static func error(_ status: Int, _ name: String, _ message: String) -> HTTPResponse {
        .json(
            .object([("name", .string(name)), ("message", .string(message)), ("code", 0), ("status", .int(status))]),
            status: status)
    }

    /// `{"data": …, "version": "1.0.0", "_links": []}`.
    static func envelope(_ data: JSONValue, status: Int = 200) -> HTTPResponse {
        .json(.object([("data", data), ("version", "1.0.0"), ("_links", [])]), status: status)
    }

    /// Checks the bearer token and the hourly window, then runs `body`.
    static func authorized(_ request: HTTPRequest, _ store: DoceboStore, _ body: () -> HTTPResponse) -> HTTPResponse {
        let now = store.clock()
        let outcome: HTTPResponse? = store.state.withLock { state in
            guard let token = request.bearerToken, let client = state.tokens.client(for: token, now: now) else {
                return error(401, "Unauthorized", "Your request was made with invalid or expired credentials.")
            }
            let decision = state.window.admit(client, now: now)
            guard decision.allowed else {
                return error(429, "Too Many Requests", "API rate limit exceeded").retryAfter(decision.retryAfter)
            }
            return nil
        }
        return outcome ?? body()
    }

    static func token(_ request: HTTPRequest, _ store: DoceboStore) -> HTTPResponse {
        var form = request.formBody
        if let json = request.jsonBody?.objectValue {
            for (key, value) in json { form[key] = value.stringValue ?? value.jsonString() }
        }
        let settings = store.settings
        func oauthError(_ status: Int, _ code: String, _ text: String) -> HTTPResponse {
            .json(.object([("error", .string(code)), ("error_description", .string(text))]), status: status)
        }
        let grant = form["grant_type"] ?? ""
        guard grant == "client_credentials" || grant == "password" else {
            return oauthError(400, "unsupported_grant_type", "The grant type was not specified or is unsupported")
        }
        guard form["client_id"] == settings.clientID, form["client_secret"] == settings.clientSecret else {
            return oauthError(401, "invalid_client", "The client credentials are invalid")
        }
        if grant == "password", form["username"] != settings.username || form["password"] != settings.password {
            return oauthError(400, "invalid_grant", "Invalid username and password combination")
        }
        let now = store.clock()
        let outcome: HTTPResponse = store.state.withLock { state in
            let decision = state.window.admit(settings.clientID, now: now)
            guard decision.allowed else {
                return error(429, "Too Many Requests", "API rate limit exceeded").retryAfter(decision.retryAfter)
            }
            let token = state.tokens.issue(client: settings.clientID, now: now, ttl: settings.tokenTTL, random: &state.random)
            return .json(
                .object([
                    ("access_token", .string(token)), ("expires_in", .int(settings.tokenTTL)), ("token_type", "Bearer"),
                    ("scope", .string(form["scope"] ?? "api")),
                    ("refresh_token", grant == "password" ? .string(state.random.hex(40)) : nil),
                ]))
        }
        return outcome
    }
}
