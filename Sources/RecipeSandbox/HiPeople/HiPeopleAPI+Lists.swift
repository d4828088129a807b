// HiPeople reads beyond open_job_roles. ASSUMED (docs/assumed-apis.md "HiPeople", followed
// exactly), in HiPeople's documented list envelope `{"list": {"total", "skip", "limit",
// "has_more"}, "result"}`:
//   GET /api/candidates?ats_candidate_id=&role_id=&email=&skip=&limit=   filters are exact (e-mail
//       case-insensitive) and combine; any other query parameter is a 400 `unknown_parameter`,
//       so a misspelt filter never turns a search into a list of every candidate
//   GET /api/candidates/{id}                                             404 when unknown
//   GET /api/candidates/{id}/assessments, …/reference_checks             the candidate's requests, oldest first
//   GET /api/reference_checks?status=&completed_after=&skip=&limit=      every reference check, oldest first;
//       `status` one of sent, in_progress, completed; `completed_after` an ISO 8601 UTC time
//       (`2025-01-08T12:12:31Z`, fractions allowed) keeps checks completed at or after it
import Foundation
import RecipeData
import RecipeHTTPCore

extension HiPeopleAPI {
    /// Query parameters of the candidate search.
    static let candidateQuery: Set<String> = ["ats_candidate_id", "role_id", "email", "skip", "limit"]
    /// Query parameters of the reference-check list.
    static let referenceCheckQuery: Set<String> = ["status", "completed_after", "skip", "limit"]
    /// Query parameters of a candidate's request lists.
    static let pageQuery: Set<String> = ["skip", "limit"]

    static func addReadRoutes(to router: inout Router, _ store: HiPeopleStore) {
        router.add(.get, "/api/candidates") { request, _ in searchCandidates(request, store) }
        router.add(.get, "/api/candidates/{id}") { _, parameters in
            let id = parameters["id"] ?? ""
            return store.state.withLock { state in
                guard let index = state.candidateIndex(id) else {
                    return AssumedAPI.error(404, "not_found", "Candidate \(id) not found")
                }
                return .json(.object(state.candidates[index]))
            }
        }
        router.add(.get, "/api/reference_checks") { request, _ in referenceChecks(request, store) }
        router.add(.get, "/api/candidates/{id}/assessments") { request, parameters in
            requests(request, kind: "assessment", candidateID: parameters["id"] ?? "", store)
        }
        router.add(.get, "/api/candidates/{id}/reference_checks") { request, parameters in
            requests(request, kind: "reference_check", candidateID: parameters["id"] ?? "", store)
        }
    }

    /// A 400 naming the first query parameter outside `allowed`.
    static func unknownParameter(_ request: HTTPRequest, allowed: Set<String>) -> HTTPResponse? {
        guard let name = request.queryItems.map(\.name).first(where: { !allowed.contains($0) }) else { return nil }
        return AssumedAPI.error(
            400, "unknown_parameter",
            "Unknown query parameter '\(name)'; expected one of \(allowed.sorted().joined(separator: ", "))")
    }

    static func searchCandidates(_ request: HTTPRequest, _ store: HiPeopleStore) -> HTTPResponse {
        if let refused = unknownParameter(request, allowed: candidateQuery) { return refused }
        let ats = request.query("ats_candidate_id"), role = request.query("role_id")
        let email = request.query("email")?.lowercased()
        let found = store.state.withLock { state in
            state.candidates.filter { candidate in
                (ats == nil || candidate["ats_candidate_id"]?.stringValue == ats)
                    && (role == nil || candidate["role_id"]?.stringValue == role)
                    && (email == nil || candidate["email"]?.stringValue?.lowercased() == email)
            }
        }
        return envelope(found, request)
    }

    static func requests(_ request: HTTPRequest, kind: String, candidateID: String, _ store: HiPeopleStore) -> HTTPResponse {
        if let refused = unknownParameter(request, allowed: pageQuery) { return refused }
        let found: [JSONObject]? = store.state.withLock { state in
            guard state.candidateIndex(candidateID) != nil else { return nil }
            return state.requests.filter {
                $0["candidate_id"]?.stringValue == candidateID && $0["kind"]?.stringValue == kind
            }.map(publicView)
        }
        guard let found else { return AssumedAPI.error(404, "not_found", "Candidate \(candidateID) not found") }
        return envelope(found, request)
    }

    static func referenceChecks(_ request: HTTPRequest, _ store: HiPeopleStore) -> HTTPResponse {
        if let refused = unknownParameter(request, allowed: referenceCheckQuery) { return refused }
        let status = request.query("status")
        if let status, !["sent", "in_progress", "completed"].contains(status) {
            return AssumedAPI.error(400, "validation_failed", "status must be sent, in_progress or completed")
        }
        var after: Int?
        if let text = request.query("completed_after") {
            guard let seconds = SandboxDate.epochSeconds(ofTimestamp: text) else {
                return AssumedAPI.error(400, "validation_failed", "completed_after must be an ISO 8601 UTC time such as 2025-01-08T12:12:31Z")
            }
            after = seconds
        }
        let found = store.state.withLock { state in
            state.requests.filter { item in
                guard item["kind"]?.stringValue == "reference_check" else { return false }
                if let status, item["status"]?.stringValue != status { return false }
                guard let after else { return true }
                let completed = item["completed_at"]?.stringValue.flatMap(SandboxDate.epochSeconds(ofTimestamp:))
                return completed.map { $0 >= after } ?? false
            }.map(publicView)
        }
        return envelope(found, request)
    }

    /// One page of `items` in the list envelope (`skip` default 0, `limit` 1–100, default 50).
    static func envelope(_ items: [JSONObject], _ request: HTTPRequest) -> HTTPResponse {
        let skip: Int, limit: Int
        do throws(NumberInputError) {
            skip = try request.number(.hipeopleSkip, absent: 0)
            limit = try request.number(.hipeopleLimit, absent: 50)
        } catch { return AssumedAPI.error(400, "validation_failed", error.message) }
        let page = items.dropFirst(skip).prefix(limit)
        return .json(
            .object([
                (
                    "list",
                    .object([
                        ("total", .int(items.count)), ("skip", .int(skip)), ("limit", .int(limit)),
                        ("has_more", .bool(skip + limit < items.count)),
                    ])
                ),
                ("result", .array(page.map(JSONValue.object))),
            ]))
    }
}
