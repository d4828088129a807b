// Docebo `/manage/v1/user` operations (docs/vendors/docebo.md; envelopes under `data`).
import Foundation
import RecipeData
import RecipeHTTPCore

extension DoceboAPI {
    static func list(_ request: HTTPRequest, _ store: DoceboStore) -> HTTPResponse {
        let page: Int, size: Int
        do throws(NumberInputError) {
            page = try request.number(.doceboPage, absent: 1)
            size = try request.number(.doceboPageSize, absent: 200)
        } catch { return DoceboAPI.error(400, "Bad Request", error.message) }
        let search = request.query("search_text") ?? ""
        let matching = store.users(matching: search)
        let items = Array(matching.dropFirst((page - 1) * size).prefix(size))
        let pages = max(1, (matching.count + size - 1) / size)
        return envelope(
            .object([
                ("items", .array(items.map(\.json))), ("count", .int(items.count)),
                ("has_more_data", .bool(page * size < matching.count)), ("current_page", .int(page)),
                ("current_page_size", .int(size)), ("total_page_count", .int(pages)),
                ("total_count", .int(matching.count)),
            ]))
    }

    static func get(_ id: String, _ store: DoceboStore) -> HTTPResponse {
        guard let number = Int(id), let user = store.state.withLock({ $0.users[number] }) else {
            return error(404, "Not Found", "User not found")
        }
        return envelope(.object([("user_data", user.json), ("additional_fields", [])]))
    }

    private static func fieldError(_ field: String, _ message: String) -> HTTPResponse {
        envelope(
            .object([
                ("success", false),
                ("message", [.object([("id", .string(field)), ("message", .string(message))])]),
            ]), status: 400)
    }

    /// `POST /manage/v1/user`: `userid` and `password` required; members outside
    /// `ManageUserCreateSchema` are ignored (DoceboSchema.swift).
    static func create(_ request: HTTPRequest, _ store: DoceboStore) -> HTTPResponse {
        guard let raw = request.jsonBody?.objectValue else { return fieldError("body", "Invalid JSON body") }
        let body = DoceboSchema.known(raw, in: DoceboSchema.create)
        if let missing = DoceboSchema.missing(DoceboSchema.createRequired, in: body) {
            return fieldError(missing, "Missing required field: \(missing)")
        }
        let username = body["userid"]?.stringValue ?? ""
        let now = SandboxDate.timestamp(store.clock())
        return store.state.withLock { state in
            if state.user(named: username) != nil { return fieldError("userid", "User \(username) already exists") }
            let user = DoceboUser(
                id: state.nextID, username: username, email: body["email"]?.stringValue ?? "",
                firstName: body["firstname"]?.stringValue ?? "", lastName: body["lastname"]?.stringValue ?? "",
                status: body["valid"]?.intValue ?? 1, level: body["level"]?.stringValue ?? "user", creationDate: now,
                expiration: body["expiration"]?.stringValue, language: body["language"]?.stringValue ?? "english",
                mustChangePassword: body["force_change"]?.intValue == 1, password: body["password"]?.stringValue)
            state.users[user.id] = user
            state.nextID += 1
            return envelope(
                .object([
                    ("success", true), ("confirmation_needed", false), ("message", []), ("user_id", .int(user.id)),
                ]))
        }
    }

    /// `PUT /manage/v1/user/{id}`: applies the members of `ManageUserUpdateSchema` and ignores
    /// the rest, `valid` included, as Docebo does (DoceboSchema.swift).
    static func update(_ request: HTTPRequest, id: String, _ store: DoceboStore) -> HTTPResponse {
        guard let raw = request.jsonBody?.objectValue else { return fieldError("body", "Invalid JSON body") }
        let body = DoceboSchema.known(raw, in: DoceboSchema.update)
        guard let number = Int(id) else { return error(404, "Not Found", "User not found") }
        return store.state.withLock { state in
            guard var user = state.users[number] else { return error(404, "Not Found", "User not found") }
            if let username = body["userid"]?.stringValue, username.lowercased() != user.username.lowercased() {
                if state.user(named: username) != nil { return fieldError("userid", "User \(username) already exists") }
                user.username = username
            }
            if let email = body["email"]?.stringValue { user.email = email }
            if let first = body["firstname"]?.stringValue { user.firstName = first }
            if let last = body["lastname"]?.stringValue { user.lastName = last }
            if let level = body["level"]?.stringValue { user.level = level }
            if let expiration = body["expiration"] { user.expiration = expiration.stringValue }
            if let change = body["force_change"]?.intValue { user.mustChangePassword = change == 1 }
            if let password = body["password"]?.stringValue, !password.isEmpty { user.password = password }
            state.users[number] = user
            return envelope(.object([("success", true), ("updated_id", .int(number)), ("message", [])]))
        }
    }

    /// Ids may arrive as numbers or strings.
    private static func ids(_ value: JSONValue?) -> [Int]? {
        value?.arrayValue?.compactMap { $0.intValue ?? $0.stringValue.flatMap { Int($0) } }
    }

    static func changeStatus(_ request: HTTPRequest, _ store: DoceboStore) -> HTTPResponse {
        guard let body = request.jsonBody, let ids = ids(body["user_ids"]),
            let status = body["status"]?.intValue ?? body["status"]?.stringValue.flatMap({ Int($0) }),
            status == 0 || status == 1
        else { return fieldError("user_ids", "user_ids (array) and status (0 or 1) are required") }
        return store.state.withLock { state in
            var updated: [JSONValue] = []
            var notUpdated: [JSONValue] = []
            for id in ids {
                if state.users[id] != nil {
                    state.users[id]?.status = status
                    updated.append(.string(String(id)))
                } else {
                    notUpdated.append(.string(String(id)))
                }
            }
            return envelope(
                .object([("success", true), ("updated_ids", .array(updated)), ("not_updated_ids", .array(notUpdated))]))
        }
    }

    static func delete(_ request: HTTPRequest, _ store: DoceboStore) -> HTTPResponse {
        guard let body = request.jsonBody else { return fieldError("user_ids", "A JSON body is required") }
        let names = body["user_names"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let ids = ids(body["user_ids"]) ?? []
        guard !ids.isEmpty || !names.isEmpty else { return fieldError("user_ids", "user_ids or user_names required") }
        return store.state.withLock { state in
            var deleted: [JSONValue] = []
            let byName = names.compactMap { state.user(named: $0)?.id }
            for id in ids + byName where state.users.removeValue(forKey: id) != nil {
                deleted.append(.int(id))
            }
            return envelope(.object([("success", true), ("deleted_user_ids", .array(deleted))]))
        }
    }
}
