// 360Learning v2 user record.
// Follows https://360learning.readme.io/docs/list-all-users-migration-guide:
// `_id`, `mail`, `username`, `deleted`, `lang`,
// `firstName`, `lastName`, `job`, `organization`, `phone`, `custom`, `deletedAt[]`,
// `reactivatedAt[]`, `lastLoginDate`, `toBeDeactivatedAt`.
import RecipeData

/// One 360Learning user.
public struct Learning360User: Sendable, Hashable {
    /// 24 hex digits, like a MongoDB ObjectId.
    public var id: String
    public var mail: String
    public var username: String?
    public var firstName: String?
    public var lastName: String?
    public var job: String?
    public var organization: String?
    public var phone: String?
    public var lang: String
    public var deleted: Bool
    public var deletedAt: [String]
    public var reactivatedAt: [String]

    var json: JSONValue {
        .object([
            ("_id", .string(id)), ("mail", .string(mail)), ("username", .optional(username)),
            ("firstName", .optional(firstName)), ("lastName", .optional(lastName)), ("job", .optional(job)),
            ("organization", .optional(organization)), ("phone", .optional(phone)), ("lang", .string(lang)),
            ("custom", .object(JSONObject())), ("deleted", .bool(deleted)),
            ("deletedAt", .array(deletedAt.map(JSONValue.string))),
            ("reactivatedAt", .array(reactivatedAt.map(JSONValue.string))), ("lastLoginDate", .null),
            ("toBeDeactivatedAt", .null),
        ])
    }

    /// Applies the editable fields of a create or PATCH body.
    mutating func apply(_ body: JSONValue) {
        if let value = body["mail"]?.stringValue { mail = value }
        if let value = body["username"]?.stringValue { username = value }
        if let value = body["firstName"]?.stringValue { firstName = value }
        if let value = body["lastName"]?.stringValue { lastName = value }
        if let value = body["job"]?.stringValue { job = value }
        if let value = body["organization"]?.stringValue { organization = value }
        if let value = body["phone"]?.stringValue { phone = value }
        if let value = body["lang"]?.stringValue { lang = value }
    }
}
