// Harvest `GET /v1/candidates/{id}/activity_feed` (docs/vendors/greenhouse.md): the
// candidate's notes, e-mails and activities, newest first, as one object
// `{"notes": [...], "emails": [...], "activities": [...]}` (not paginated). The fake keeps
// notes only, so `emails` and `activities` are empty.
import Foundation
import RecipeData
import RecipeHTTPCore

extension GreenhouseAPI {
    static func activityFeed(_ id: String?, _ store: GreenhouseStore) -> HTTPResponse {
        store.state.withLock { state in
            guard let candidateID = id.flatMap({ Int($0) }), state.candidates[candidateID] != nil else {
                return message(404, "Resource not found")
            }
            let render = GreenhouseRendering(state: state)
            let notes = state.notes.filter { $0.candidateID == candidateID }.reversed().map(render.feedNote)
            return .json(.object([("notes", .array(notes)), ("emails", []), ("activities", [])]))
        }
    }
}

extension GreenhouseRendering {
    /// A note as the activity feed lists it: `id`, `created_at`, `body`, `user`, `private`,
    /// `visibility` and the legacy misspelt `visiblity` Harvest keeps for compatibility.
    func feedNote(_ note: GreenhouseNote) -> JSONValue {
        let author = state.users.first { $0.id == note.userID }
        return .object([
            ("id", .int(note.id)), ("created_at", .string(note.createdAt)), ("body", .string(note.body)),
            ("user", author.map(user) ?? .null), ("private", .bool(note.visibility == "private")),
            ("visiblity", .string(note.visibility)), ("visibility", .string(note.visibility)),
        ])
    }
}
