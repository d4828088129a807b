// Recruit fake, mounted at `/recruit` (paths below start at `/v1`). ASSUMED API: follows
// docs/assumed-apis.md "Recruit" exactly — Bearer token; 10 requests/s (429 +
// `Retry-After: 1`); positions by `externalId` (409 `position_exists` with the existing `id`);
// openings under a position (409 `opening_exists`), PATCH, lookup by `externalId`, DELETE 204
// then 404; opening status `open`, `on_hold`, `filled`, `cancelled`; member types checked by
// RecruitValidation (strings, `expectedStartDate` a real `yyyy-MM-dd` date).
import Foundation
import RecipeData
import RecipeHTTPCore

/// The Recruit fake's HTTP face.
struct RecruitAPI: SandboxFake {
    let store: RecruitStore
    private let router: Router
    static let statuses: Set<String> = ["open", "on_hold", "filled", "cancelled"]
    /// Request fields of docs/assumed-apis.md, per operation.
    static let positionFields: Set<String> = ["externalId", "title", "department", "site", "employmentType", "hiringManagerEmail"]
    static let openingFields: Set<String> = ["externalId", "name", "status", "expectedStartDate"]
    static let openingUpdateFields: Set<String> = ["name", "status", "expectedStartDate"]

    init(store: RecruitStore) {
        self.store = store
        var router = Router()
        router.fallback = { _ in AssumedAPI.error(404, "not_found", "Route not found") }
        router.add(.post, "/v1/positions") { request, _ in Self.createPosition(request, store) }
        router.add(.get, "/v1/positions") { request, _ in
            Self.find(\.positions, externalID: request.query("externalId"), store)
        }
        router.add(.post, "/v1/positions/{id}/openings") { request, parameters in
            Self.createOpening(request, positionID: parameters["id"] ?? "", store)
        }
        router.add(.get, "/v1/openings") { request, _ in
            Self.find(\.openings, externalID: request.query("externalId"), store)
        }
        router.add(.patch, "/v1/openings/{id}") { request, parameters in
            Self.updateOpening(request, id: parameters["id"] ?? "", store)
        }
        router.add(.delete, "/v1/openings/{id}") { _, parameters in Self.deleteOpening(parameters["id"] ?? "", store) }
        self.router = router
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.bearerToken == store.settings.token else { return AssumedAPI.unauthorized }
        let decision = store.state.withLock { $0.window.admit(store.settings.token, now: store.clock()) }
        if let limited = AssumedAPI.limited(decision) { return limited }
        return await router.handle(request)
    }

    func snapshot() -> JSONValue { store.snapshot() }
    func reset() { store.reset() }

    static func find(
        _ list: KeyPath<RecruitStore.State, [JSONObject]>, externalID: String?, _ store: RecruitStore
    ) -> HTTPResponse {
        let items = store.state.withLock { state in
            state[keyPath: list].filter { externalID == nil || $0["externalId"]?.stringValue == externalID }
        }
        return .json(.object([("items", .array(items.map(JSONValue.object)))]))
    }

    private static func text(_ body: JSONValue, _ key: String) -> String? {
        body[key]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    }

    static func createPosition(_ request: HTTPRequest, _ store: RecruitStore) -> HTTPResponse {
        let body: JSONValue
        switch AssumedAPI.object(request, fields: positionFields) {
        case .success(let value): body = value
        case .failure(let failure): return failure.response
        }
        if let invalid = RecruitValidation.failure(in: body, nullable: positionFields.subtracting(["externalId", "title"])) {
            return invalid
        }
        guard let externalID = text(body, "externalId"), let title = text(body, "title") else {
            return AssumedAPI.error(400, "validation_failed", "externalId and title are required")
        }
        let now = SandboxDate.timestamp(store.clock())
        return store.state.withLock { state in
            if let existing = state.position(externalID: externalID), let id = existing["id"] {
                return conflict("position_exists", "A position with this externalId exists", id: id)
            }
            var position = JSONObject()
            position["id"] = .string("pos_\(state.nextID)")
            state.nextID += 1
            position["externalId"] = .string(externalID)
            position["title"] = .string(title)
            for key in ["department", "site", "employmentType", "hiringManagerEmail"] {
                position[key] = .optional(text(body, key))
            }
            position["createdAt"] = .string(now)
            state.positions.append(position)
            return .json(.object(position), status: 201)
        }
    }

    private static func conflict(_ code: String, _ message: String, id: JSONValue) -> HTTPResponse {
        .json(
            .object([
                ("error", .object([("code", .string(code)), ("message", .string(message)), ("id", id)])), ("id", id),
            ]), status: 409)
    }

    static func createOpening(_ request: HTTPRequest, positionID: String, _ store: RecruitStore) -> HTTPResponse {
        let body: JSONValue
        switch AssumedAPI.object(request, fields: openingFields) {
        case .success(let value): body = value
        case .failure(let failure): return failure.response
        }
        if let invalid = RecruitValidation.failure(in: body, nullable: ["expectedStartDate"]) { return invalid }
        guard let externalID = text(body, "externalId"), let name = text(body, "name"),
            let status = text(body, "status"), statuses.contains(status)
        else {
            return AssumedAPI.error(
                400, "validation_failed", "externalId, name and status (open, on_hold, filled, cancelled) are required")
        }
        let now = SandboxDate.timestamp(store.clock())
        return store.state.withLock { state in
            guard state.positions.contains(where: { $0["id"]?.stringValue == positionID }) else {
                return AssumedAPI.error(404, "not_found", "Position \(positionID) not found")
            }
            if let existing = state.openings.first(where: { $0["externalId"]?.stringValue == externalID }),
                let id = existing["id"]
            {
                return conflict("opening_exists", "An opening with this externalId exists", id: id)
            }
            var opening = JSONObject()
            opening["id"] = .string("opn_\(state.nextID)")
            state.nextID += 1
            opening["positionId"] = .string(positionID)
            opening["externalId"] = .string(externalID)
            opening["name"] = .string(name)
            opening["status"] = .string(status)
            opening["expectedStartDate"] = .optional(text(body, "expectedStartDate"))
            opening["createdAt"] = .string(now)
            opening["updatedAt"] = .string(now)
            state.openings.append(opening)
            return .json(.object(opening), status: 201)
        }
    }

    static func updateOpening(_ request: HTTPRequest, id: String, _ store: RecruitStore) -> HTTPResponse {
        let body: JSONValue
        switch AssumedAPI.object(request, fields: openingUpdateFields) {
        case .success(let value): body = value
        case .failure(let failure): return failure.response
        }
        if let invalid = RecruitValidation.failure(in: body, nullable: ["expectedStartDate"]) { return invalid }
        if body["name"]?.stringValue == "" {
            return AssumedAPI.error(400, "validation_failed", "name must not be empty")
        }
        if let status = body["status"]?.stringValue, !statuses.contains(status) {
            return AssumedAPI.error(400, "validation_failed", "status must be open, on_hold, filled or cancelled")
        }
        let now = SandboxDate.timestamp(store.clock())
        return store.state.withLock { state in
            guard let index = state.openingIndex(id: id) else {
                return AssumedAPI.error(404, "not_found", "Opening \(id) not found")
            }
            for key in ["name", "status", "expectedStartDate"] {
                if let value = body[key] { state.openings[index][key] = value }
            }
            state.openings[index]["updatedAt"] = .string(now)
            return .json(.object(state.openings[index]))
        }
    }

    static func deleteOpening(_ id: String, _ store: RecruitStore) -> HTTPResponse {
        store.state.withLock { state in
            guard let index = state.openingIndex(id: id) else {
                return AssumedAPI.error(404, "not_found", "Opening \(id) not found")
            }
            state.openings.remove(at: index)
            return .noContent
        }
    }
}
