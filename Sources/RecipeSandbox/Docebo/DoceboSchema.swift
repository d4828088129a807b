// The request bodies Docebo's manage API documents for users, and what the fake does with
// anything else. Source: Docebo's API browser (`/api-browser/` on every platform, see
// https://help.docebo.com/hc/en-us/articles/360020082040-API-general-information), schemas
// `ManageUserCreateSchema` and `ManageUserUpdateSchema`; summarised in docs/vendors/docebo.md.
//
// Docebo's user endpoints answer 200 to a body with members outside the schema and do not
// apply them: `PUT /manage/v1/user/{id}` with `"valid": 0` succeeds and the user stays active
// (`valid` belongs to the create schema only; status changes go through
// `PUT /manage/v1/user/change_status`). The fake does the same: unknown members are ignored,
// never applied, so a connector that relies on them is caught by the state it leaves behind.
import RecipeData

/// Field sets of Docebo's user create and update schemas.
enum DoceboSchema {
    /// `ManageUserCreateSchema`: `userid` and `password` are required.
    static let create: Set<String> = [
        "userid", "password", "email", "firstname", "lastname", "level", "expiration", "valid", "email_status",
        "force_change", "language", "timezone", "date_format", "role", "manager", "select_orgchart",
        "additional_fields", "privacy", "employees", "email_validation_status", "send_notification_email",
    ]
    static let createRequired = ["userid", "password"]

    /// `ManageUserUpdateSchema`: no `valid` (status), everything optional.
    static let update: Set<String> = [
        "userid", "password", "email", "firstname", "lastname", "level", "expiration", "force_change",
        "email_validation_status", "role", "manager", "language", "timezone", "date_format", "additional_fields",
    ]

    /// The body's members that `schema` knows; the rest is what Docebo ignores.
    static func known(_ body: JSONObject, in schema: Set<String>) -> JSONObject {
        var kept = JSONObject(minimumCapacity: body.count)
        for (key, value) in body where schema.contains(key) { kept[key] = value }
        return kept
    }

    /// The first required member that is missing, null or an empty string.
    static func missing(_ required: [String], in body: JSONObject) -> String? {
        required.first { name in
            guard let value = body[name], !value.isNull else { return true }
            return value.stringValue?.isEmpty ?? false
        }
    }
}
