// Reachdesk fake, mounted at `/reachdesk` (paths below start at `/v1`). ASSUMED API: follows
// docs/assumed-apis.md "Reachdesk" exactly — Bearer token; 5 requests/s; recipients keyed by
// the HiBob employee id: `PUT /recipients/{externalId}` upsert (201 created / 200 updated,
// `updatedAt`), GET one (404), list with `cursor` / `limit` 1...500 → `{"items", "nextCursor"}`,
// DELETE 204 then 404; `countryCode` ISO 3166 alpha-2.
import Foundation
import RecipeData
import RecipeHTTPCore
import Synchronization

/// Recipients behind one lock.
final class ReachdeskStore: Sendable {
    struct State {
        var recipients: [JSONObject] = []
        var window: RateWindow

        func index(_ externalID: String) -> Int? {
            recipients.firstIndex { $0["externalId"]?.stringValue == externalID }
        }
    }

    let settings: SandboxConfiguration.Bearer
    let clock: @Sendable () -> Date
    let state: Mutex<State>

    init(configuration: SandboxConfiguration) {
        self.settings = configuration.reachdesk
        self.clock = configuration.clock
        self.state = Mutex(State(window: RateWindow(limit: configuration.reachdesk.requestsPerSecond, seconds: 1)))
    }

    func reset() {
        let fresh = State(window: RateWindow(limit: settings.requestsPerSecond, seconds: 1))
        state.withLock { $0 = fresh }
    }

    var recipients: [JSONObject] { state.withLock { $0.recipients } }
}

/// The Reachdesk fake's HTTP face.
struct ReachdeskAPI: SandboxFake {
    let store: ReachdeskStore
    private let router: Router
    /// Request fields of docs/assumed-apis.md (upsert).
    static let recipientFields: Set<String> = ["email", "firstName", "lastName", "company", "countryCode", "department", "startDate"]

    init(store: ReachdeskStore) {
        self.store = store
        var router = Router()
        router.fallback = { _ in AssumedAPI.error(404, "not_found", "Route not found") }
        router.add(.get, "/v1/recipients") { request, _ in Self.list(request, store) }
        router.add(.put, "/v1/recipients/{externalId}") { request, parameters in
            Self.upsert(request, externalID: parameters["externalId"] ?? "", store)
        }
        router.add(.get, "/v1/recipients/{externalId}") { _, parameters in
            let id = parameters["externalId"] ?? ""
            return store.state.withLock { state in
                state.index(id).map { .json(.object(state.recipients[$0])) }
                    ?? AssumedAPI.error(404, "not_found", "Recipient \(id) not found")
            }
        }
        router.add(.delete, "/v1/recipients/{externalId}") { _, parameters in
            let id = parameters["externalId"] ?? ""
            return store.state.withLock { state in
                guard let index = state.index(id) else {
                    return AssumedAPI.error(404, "not_found", "Recipient \(id) not found")
                }
                state.recipients.remove(at: index)
                return .noContent
            }
        }
        self.router = router
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.bearerToken == store.settings.token else { return AssumedAPI.unauthorized }
        let decision = store.state.withLock { $0.window.admit(store.settings.token, now: store.clock()) }
        if let limited = AssumedAPI.limited(decision) { return limited }
        return await router.handle(request)
    }

    func snapshot() -> JSONValue {
        let recipients = store.recipients
        return .object([("recipientCount", .int(recipients.count)), ("recipients", .array(recipients.map(JSONValue.object)))])
    }

    func reset() { store.reset() }

    static func upsert(_ request: HTTPRequest, externalID: String, _ store: ReachdeskStore) -> HTTPResponse {
        let body: JSONValue
        switch AssumedAPI.object(request, fields: recipientFields) {
        case .success(let value): body = value
        case .failure(let failure): return failure.response
        }
        var problems: [String] = []
        for key in ["email", "firstName", "lastName"] where (body[key]?.stringValue ?? "").isEmpty {
            problems.append("\(key) is required")
        }
        if let email = body["email"]?.stringValue, !email.isEmpty, !email.contains("@") { problems.append("email is invalid") }
        if let code = body["countryCode"], !code.isNull {
            let text = code.stringValue ?? ""
            if text.count != 2 || text.uppercased() != text { problems.append("countryCode must be ISO 3166 alpha-2") }
        }
        guard problems.isEmpty else {
            return AssumedAPI.error(400, "validation_failed", problems.joined(separator: "; "))
        }
        let now = SandboxDate.timestamp(store.clock())
        return store.state.withLock { state in
            var recipient = JSONObject()
            recipient["externalId"] = .string(externalID)
            for key in ["email", "firstName", "lastName", "company", "countryCode", "department", "startDate"] {
                if let value = body[key] { recipient[key] = value }
            }
            recipient["updatedAt"] = .string(now)
            if let index = state.index(externalID) {
                state.recipients[index] = recipient
                return .json(.object(recipient), status: 200)
            }
            state.recipients.append(recipient)
            return .json(.object(recipient), status: 201)
        }
    }

    static func list(_ request: HTTPRequest, _ store: ReachdeskStore) -> HTTPResponse {
        let limit: Int, offset: Int
        do throws(NumberInputError) {
            limit = try request.number(.reachdeskLimit, absent: 100)
            offset = try request.number(.reachdeskCursor, absent: 0)
        } catch { return AssumedAPI.error(400, "validation_failed", error.message) }
        let all = store.recipients
        let page = all.dropFirst(offset).prefix(limit)
        let next: JSONValue = offset + limit < all.count ? .string(String(offset + limit)) : .null
        return .json(.object([("items", .array(page.map(JSONValue.object))), ("nextCursor", next)]))
    }
}
