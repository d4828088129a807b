// Harvest writes: `PATCH /v1/candidates/{id}` and activity-feed notes, both needing
// `On-Behalf-Of` (docs/vendors/greenhouse.md; note body `user_id`, `body`, `visibility` ∈ admin_only,
// private, public; 422 validation shape).
import Foundation
import RecipeData
import RecipeHTTPCore

extension GreenhouseAPI {
    /// The acting user from `On-Behalf-Of`, or a 403.
    private static func actor(_ request: HTTPRequest, _ state: GreenhouseStore.State) -> Result<Int, GreenhouseFailure> {
        guard let header = request.headers["On-Behalf-Of"], let id = Int(header) else {
            return .failure(GreenhouseFailure(response: message(403, "Missing or invalid On-Behalf-Of header")))
        }
        guard state.users.contains(where: { $0.id == id }) else {
            return .failure(GreenhouseFailure(response: message(403, "On-Behalf-Of user \(id) does not exist")))
        }
        return .success(id)
    }

    static func patchCandidate(_ request: HTTPRequest, id: String?, _ store: GreenhouseStore) -> HTTPResponse {
        let now = SandboxDate.timestamp(store.clock())
        return store.state.withLock { state in
            if case .failure(let failure) = actor(request, state) { return failure.response }
            guard let id = id.flatMap({ Int($0) }), var candidate = state.candidates[id] else {
                return message(404, "Resource not found")
            }
            guard let body = request.jsonBody, case .object = body else {
                return validation([("body", "A JSON object body is required")])
            }
            if let first = body["first_name"]?.stringValue { candidate.firstName = first }
            if let last = body["last_name"]?.stringValue { candidate.lastName = last }
            if let tags = body["tags"]?.arrayValue { candidate.tags = tags.compactMap(\.stringValue) }
            if let email = body["email_addresses"]?.arrayValue?.first, let value = email["value"]?.stringValue {
                candidate.email = value
                candidate.emailType = email["type"]?.stringValue ?? "personal"
            }
            candidate.updatedAt = now
            state.candidates[id] = candidate
            return .json(GreenhouseRendering(state: state).candidate(candidate))
        }
    }

    static func addNote(_ request: HTTPRequest, id: String?, _ store: GreenhouseStore) -> HTTPResponse {
        let now = SandboxDate.timestamp(store.clock())
        return store.state.withLock { state in
            if case .failure(let failure) = actor(request, state) { return failure.response }
            guard let candidateID = id.flatMap({ Int($0) }), state.candidates[candidateID] != nil else {
                return message(404, "Resource not found")
            }
            let body = request.jsonBody ?? .null
            var errors: [(field: String, message: String)] = []
            let userID = body["user_id"]?.intValue ?? body["user_id"]?.stringValue.flatMap { Int($0) }
            if userID == nil || !state.users.contains(where: { $0.id == userID }) {
                errors.append(("user_id", "must be the id of an existing user"))
            }
            let text = body["body"]?.stringValue ?? ""
            if text.isEmpty { errors.append(("body", "can't be blank")) }
            let visibility = body["visibility"]?.stringValue ?? ""
            if !["admin_only", "private", "public"].contains(visibility) {
                errors.append(("visibility", "must be one of admin_only, private, public"))
            }
            guard errors.isEmpty, let userID else { return validation(errors) }
            let note = GreenhouseNote(
                id: state.nextNoteID, candidateID: candidateID, userID: userID, body: text, visibility: visibility,
                createdAt: now)
            state.nextNoteID += 1
            state.notes.append(note)
            return .json(GreenhouseRendering(state: state).note(note), status: 201)
        }
    }
}

/// A ready error response carried through `Result`.
struct GreenhouseFailure: Error {
    let response: HTTPResponse
}
