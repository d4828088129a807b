// Docebo user record.
// Follows the user API of Docebo's API browser (`/api-browser/` of each platform, see
// https://help.docebo.com/hc/en-us/articles/360020082040-API-general-information): list items carry `user_id` (string),
// `username`, `email`, `first_name`, `last_name`, `status` (0 suspended / 1 active), `level`,
// `expiration_date`, `creation_date`, `last_access_date`, `language`.
import RecipeData

/// One Docebo user.
public struct DoceboUser: Sendable, Hashable {
    public var id: Int
    public var username: String
    public var email: String
    public var firstName: String
    public var lastName: String
    /// 1 active, 0 suspended.
    public var status: Int
    /// `superadmin`, `poweruser`, `user`.
    public var level: String
    public var creationDate: String
    public var expiration: String?
    public var language: String

    var json: JSONValue {
        .object([
            ("user_id", .string(String(id))), ("username", .string(username)), ("email", .string(email)),
            ("first_name", .string(firstName)), ("last_name", .string(lastName)), ("status", .string(String(status))),
            ("level", .string(level)), ("expiration_date", .optional(expiration)),
            ("creation_date", .string(creationDate)), ("last_access_date", .null), ("language", .string(language)),
        ])
    }
}
