// Workforce Planning field ids and search entries.
// Follows https://apidocs.hibob.com/docs/explore-workforce-planning (field ids and filters as public clients use them):
// field ids in slash form (`/position/status`),
// filters `{"fieldId", "operator": "equals"|"notEqual", "values"}`, entries
// `{fieldId: {"value", "humanReadable"?}}`.
// ASSUMPTION: `/position/approvalStatus`, `/positionOpening/approvalStatus` and
// `/position/hiringManager` (employee id) are sandbox additions (docs/sandbox.md).
import RecipeData

/// Field values of positions and openings by field id.
enum HiBobPlanningFields {
    static let positionFields = [
        "/position/id", "/position/name", "/position/status", "/position/department", "/position/site",
        "/position/employmentType", "/position/effectiveDate", "/position/hasOpenRequests",
        "/position/approvalStatus", "/position/hiringManager",
    ]

    static let openingFields = [
        "/positionOpening/id", "/positionOpening/positionId", "/positionOpening/positionOpeningName",
        "/positionOpening/status", "/positionOpening/recruitmentStatus", "/positionOpening/expectedStartDate",
        "/positionOpening/approvalStatus",
    ]

    static func value(_ field: String, of position: Position, openings: [PositionOpening]) -> JSONValue? {
        switch field {
        case "/position/id": .string(position.id)
        case "/position/name": .string(position.name)
        case "/position/status": .string(position.status)
        case "/position/department": .string(position.department)
        case "/position/site": .string(position.site)
        case "/position/employmentType": .string(position.employmentType)
        case "/position/effectiveDate": .string(position.effectiveDate)
        case "/position/hasOpenRequests":
            .bool(openings.contains { $0.positionID == position.id && $0.recruitmentStatus == "open" })
        case "/position/approvalStatus": .string(position.approved ? "approved" : "pending")
        case "/position/hiringManager": .optional(position.hiringManagerID)
        default: nil
        }
    }

    static func value(_ field: String, of opening: PositionOpening) -> JSONValue? {
        switch field {
        case "/positionOpening/id": .string(opening.id)
        case "/positionOpening/positionId": .string(opening.positionID)
        case "/positionOpening/positionOpeningName": .string(opening.name)
        case "/positionOpening/status": .string(opening.status)
        case "/positionOpening/recruitmentStatus": .string(opening.recruitmentStatus)
        case "/positionOpening/expectedStartDate": .optional(opening.expectedStartDate)
        case "/positionOpening/approvalStatus": .string(opening.approved ? "approved" : "pending")
        default: nil
        }
    }

    /// `{fieldId: {"value": …}}` for the requested fields (unknown ones dropped).
    static func entry(fields: [String], humanReadable: Bool, value: (String) -> JSONValue?) -> JSONValue {
        var object = JSONObject()
        for field in fields {
            guard let v = value(field) else { continue }
            object[field] = humanReadable && !v.isNull ? .object([("value", v), ("humanReadable", v)]) : .object([("value", v)])
        }
        return .object(object)
    }

    /// Whether an item passes every `{"fieldId", "operator", "values"}` filter.
    static func matches(_ filters: [JSONValue], value: (String) -> JSONValue?) -> Bool {
        filters.allSatisfy { filter in
            guard let field = filter["fieldId"]?.stringValue else { return false }
            let wanted = (filter["values"]?.arrayValue ?? []).map(text)
            let actual = value(field).map(text) ?? ""
            let hit = wanted.contains(actual)
            return filter["operator"]?.stringValue == "notEqual" ? !hit : hit
        }
    }

    /// Filter values compare as text (`true`, `"123"`, `123` alike).
    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): s
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        default: value.jsonString()
        }
    }

    /// Every field of a position, plain values keyed by field id (state dumps).
    static func render(_ position: Position, openings: [PositionOpening]) -> JSONValue {
        var object = JSONObject()
        for field in positionFields { object[field] = value(field, of: position, openings: openings) }
        return .object(object)
    }

    static func render(_ opening: PositionOpening) -> JSONValue {
        var object = JSONObject()
        for field in openingFields { object[field] = value(field, of: opening) }
        return .object(object)
    }
}
