// HiPeople fake, mounted at `/hipeople` (paths below start at `/api`). Documented: headers
// `X-API-Key` / `X-API-Secret`, list envelope `{"list": {"total", "skip", "limit",
// "has_more"}, "result"}`. ASSUMED (docs/assumed-apis.md "HiPeople", followed exactly):
// 10 requests/s; roles; create-or-find candidates (201 new / 200 existing for the same
// ats_candidate_id + role_id); PATCH candidates; assessments and reference checks idempotent
// on `idempotency_key` (201 first, 200 with the first answer after); GET reference checks;
// candidate search and per-candidate request lists (HiPeopleAPI+Lists.swift).
import Foundation
import RecipeData
import RecipeHTTPCore

/// The HiPeople fake's HTTP face.
struct HiPeopleAPI: SandboxFake {
    let store: HiPeopleStore
    private let router: Router
    /// Request fields of docs/assumed-apis.md, per operation.
    static let candidateFields: Set<String> = ["email", "first_name", "last_name", "role_id", "ats_candidate_id"]
    static let candidateUpdateFields: Set<String> = ["status", "first_name", "last_name", "email"]
    static let assessmentFields: Set<String> = ["idempotency_key"]
    static let referenceCheckFields: Set<String> = ["idempotency_key", "min_references"]

    init(store: HiPeopleStore) {
        self.store = store
        var router = Router()
        router.fallback = { _ in AssumedAPI.error(404, "not_found", "Route not found") }
        router.add(.get, "/api/open_job_roles") { request, _ in Self.roles(request, store) }
        router.add(.post, "/api/candidates") { request, _ in Self.createCandidate(request, store) }
        router.add(.patch, "/api/candidates/{id}") { request, parameters in
            Self.patchCandidate(request, id: parameters["id"] ?? "", store)
        }
        router.add(.post, "/api/candidates/{id}/assessments") { request, parameters in
            Self.send(request, kind: "assessment", candidateID: parameters["id"] ?? "", store)
        }
        router.add(.post, "/api/candidates/{id}/reference_checks") { request, parameters in
            Self.send(request, kind: "reference_check", candidateID: parameters["id"] ?? "", store)
        }
        Self.addReadRoutes(to: &router, store)
        router.add(.get, "/api/reference_checks/{id}") { _, parameters in
            let id = parameters["id"] ?? ""
            return store.state.withLock { state in
                guard let index = state.requestIndex(id), state.requests[index]["kind"]?.stringValue == "reference_check"
                else { return AssumedAPI.error(404, "not_found", "Reference check \(id) not found") }
                return .json(.object(Self.publicView(state.requests[index])))
            }
        }
        self.router = router
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.headers["X-API-Key"] == store.settings.apiKey,
            request.headers["X-API-Secret"] == store.settings.apiSecret
        else { return AssumedAPI.unauthorized }
        let decision = store.state.withLock { $0.window.admit(store.settings.apiKey, now: store.clock()) }
        if let limited = AssumedAPI.limited(decision) { return limited }
        return await router.handle(request)
    }

    func snapshot() -> JSONValue { store.snapshot() }
    func reset() { store.reset() }

    /// A request without the sandbox's bookkeeping (`kind`, `idempotency_key`).
    static func publicView(_ request: JSONObject) -> JSONObject {
        var copy = request
        copy["kind"] = nil
        copy["idempotency_key"] = nil
        return copy
    }

    static func roles(_ request: HTTPRequest, _ store: HiPeopleStore) -> HTTPResponse {
        let skip: Int, limit: Int
        do throws(NumberInputError) {
            skip = try request.number(.hipeopleSkip, absent: 0)
            limit = try request.number(.hipeopleLimit, absent: 50)
        } catch { return AssumedAPI.error(400, "validation_failed", error.message) }
        let roles = store.state.withLock { $0.roles }
        let page = roles.dropFirst(skip).prefix(limit)
        return .json(
            .object([
                (
                    "list",
                    .object([
                        ("total", .int(roles.count)), ("skip", .int(skip)), ("limit", .int(limit)),
                        ("has_more", .bool(skip + limit < roles.count)),
                    ])
                ),
                ("result", .array(page.map(JSONValue.object))),
            ]))
    }

    static func createCandidate(_ request: HTTPRequest, _ store: HiPeopleStore) -> HTTPResponse {
        let body: JSONValue
        switch AssumedAPI.object(request, fields: candidateFields) {
        case .success(let value): body = value
        case .failure(let failure): return failure.response
        }
        let keys = ["email", "first_name", "last_name", "role_id", "ats_candidate_id"]
        let missing = keys.filter { key in
            guard let value = body[key] else { return true }
            return (value.stringValue ?? (value.intValue.map(String.init) ?? "")).isEmpty
        }
        guard missing.isEmpty else {
            return AssumedAPI.error(400, "validation_failed", "Missing: " + missing.joined(separator: ", "))
        }
        let ats = body["ats_candidate_id"]?.stringValue ?? body["ats_candidate_id"]?.intValue.map(String.init) ?? ""
        let roleID = body["role_id"]?.stringValue ?? ""
        let now = SandboxDate.timestamp(store.clock())
        return store.state.withLock { state in
            guard state.roles.contains(where: { $0["id"]?.stringValue == roleID }) else {
                return AssumedAPI.error(404, "not_found", "Role \(roleID) not found")
            }
            if let existing = state.candidates.first(where: {
                $0["ats_candidate_id"]?.stringValue == ats && $0["role_id"]?.stringValue == roleID
            }) {
                return .json(.object(existing), status: 200)
            }
            var candidate = JSONObject()
            candidate["id"] = .string("cand_\(state.nextID)")
            state.nextID += 1
            for key in ["email", "first_name", "last_name"] { candidate[key] = body[key] }
            candidate["role_id"] = .string(roleID)
            candidate["ats_candidate_id"] = .string(ats)
            candidate["status"] = "active"
            candidate["created_at"] = .string(now)
            state.candidates.append(candidate)
            return .json(.object(candidate), status: 201)
        }
    }

    static func patchCandidate(_ request: HTTPRequest, id: String, _ store: HiPeopleStore) -> HTTPResponse {
        let body: JSONValue
        switch AssumedAPI.object(request, fields: candidateUpdateFields) {
        case .success(let value): body = value
        case .failure(let failure): return failure.response
        }
        if let status = body["status"]?.stringValue, !["active", "hired", "rejected"].contains(status) {
            return AssumedAPI.error(400, "validation_failed", "status must be active, hired or rejected")
        }
        return store.state.withLock { state in
            guard let index = state.candidateIndex(id) else {
                return AssumedAPI.error(404, "not_found", "Candidate \(id) not found")
            }
            for key in ["status", "first_name", "last_name", "email"] {
                if let value = body[key] { state.candidates[index][key] = value }
            }
            return .json(.object(state.candidates[index]))
        }
    }

    static func send(_ request: HTTPRequest, kind: String, candidateID: String, _ store: HiPeopleStore) -> HTTPResponse {
        let body: JSONValue
        switch AssumedAPI.object(request, fields: kind == "assessment" ? assessmentFields : referenceCheckFields) {
        case .success(let value): body = value
        case .failure(let failure): return failure.response
        }
        guard let key = body["idempotency_key"]?.stringValue, !key.isEmpty else {
            return AssumedAPI.error(400, "validation_failed", "idempotency_key is required")
        }
        let now = SandboxDate.timestamp(store.clock())
        return store.state.withLock { state in
            guard state.candidateIndex(candidateID) != nil else {
                return AssumedAPI.error(404, "not_found", "Candidate \(candidateID) not found")
            }
            let slot = "\(candidateID)|\(kind)|\(key)"
            if let existing = state.idempotency[slot], let index = state.requestIndex(existing) {
                return .json(.object(publicView(state.requests[index])), status: 200)
            }
            var item = JSONObject()
            item["id"] = .string((kind == "assessment" ? "asm_" : "ref_") + String(state.nextID))
            state.nextID += 1
            item["candidate_id"] = .string(candidateID)
            item["status"] = "sent"
            if kind == "reference_check" {
                item["min_references"] = .int(body["min_references"]?.intValue ?? 2)
            }
            item["created_at"] = .string(now)
            item["kind"] = .string(kind)
            item["idempotency_key"] = .string(key)
            state.requests.append(item)
            state.idempotency[slot] = item["id"]?.stringValue
            return .json(.object(publicView(item)), status: 201)
        }
    }
}
