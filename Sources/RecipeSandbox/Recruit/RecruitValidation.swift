// Member types of Recruit request bodies. ASSUMED API (docs/assumed-apis.md "Recruit"): ids,
// names and statuses are strings; `expectedStartDate` is a calendar date `yyyy-MM-dd`. A
// member the operation marks optional may be `null` (on PATCH `expectedStartDate: null`
// clears the date); any other `null`, a number or an object where text belongs, or an
// impossible date is a 400 `validation_failed` naming the member, never stored as sent.
import RecipeData
import RecipeHTTPCore

/// Checks the type of every member of a Recruit request body.
enum RecruitValidation {
    /// The 400 for the first member of `body` whose value does not fit, or `nil`.
    /// - Parameter nullable: members that may be `null`.
    static func failure(in body: JSONValue, nullable: Set<String>) -> HTTPResponse? {
        guard case .object(let members) = body else { return nil }
        for (key, value) in members {
            switch value {
            case .null where nullable.contains(key):
                continue
            case .string(let text):
                if key == "expectedStartDate", !isDate(text) {
                    return AssumedAPI.error(400, "validation_failed", "expectedStartDate must be a date yyyy-MM-dd")
                }
            default:
                return AssumedAPI.error(400, "validation_failed", "\(key) must be a string")
            }
        }
        return nil
    }

    /// A real calendar date written `yyyy-MM-dd` (`2025-02-30` is not one).
    static func isDate(_ text: String) -> Bool {
        guard text.utf8.count == 10, let day = SandboxDate.day(of: text) else { return false }
        return SandboxDate.string(day: day) == text
    }
}
