// Rendering employees the way `POST /v1/people/...` answers.
// Follows https://apidocs.hibob.com/reference/post_people-search and https://apidocs.hibob.com/docs/fields-metadata:
// `root` fields at the top level, other
// categories nested (`work.department`), slash keys (`/root/id: {"value"}`) for non-null
// values, unknown field ids silently dropped, `humanReadable` APPEND / REPLACE.
// SIMPLIFICATION (docs/sandbox.md): list fields (department, site) carry their display
// names as machine values; `address.country` is the country name.
import RecipeData

extension HiBobEmployee {
    /// Field ids the fake knows, in the order the default (no `fields`) answer lists them.
    static let knownFields = [
        "root.id", "root.email", "root.firstName", "root.surname", "root.displayName", "root.fullName",
        "work.department", "work.site", "work.title", "work.startDate", "work.reportsTo", "work.manager",
        "internal.status", "internal.terminationDate", "internal.lifecycleStatus", "address.country",
    ]

    static let countryNames = [
        "GB": "United Kingdom", "US": "United States", "IL": "Israel", "DE": "Germany", "FR": "France",
        "PT": "Portugal", "CA": "Canada", "AU": "Australia",
    ]

    /// The machine value of one field; `lookup` finds the manager.
    func value(of field: String, today: Int, lookup: (String) -> HiBobEmployee?) -> JSONValue? {
        switch field {
        case "root.id": .string(id)
        case "root.email": .string(email)
        case "root.firstName": .string(firstName)
        case "root.surname": .string(surname)
        case "root.displayName", "root.fullName": .string(displayName)
        case "work.department": .string(department)
        case "work.site": .string(site)
        case "work.title": .string(title)
        case "work.startDate": .string(startDate)
        case "work.manager": .optional(managerID)
        case "work.reportsTo":
            managerID.flatMap(lookup).map { manager in
                .object([
                    ("id", .string(manager.id)), ("email", .string(manager.email)),
                    ("firstName", .string(manager.firstName)), ("surname", .string(manager.surname)),
                    ("displayName", .string(manager.displayName)),
                ])
            } ?? .null
        case "internal.status": .string(status.rawValue)
        case "internal.terminationDate": .optional(terminationDate)
        case "internal.lifecycleStatus": .string(lifecycleStatus(today: today))
        case "address.country": .optional(Self.countryNames[country])
        default: nil
        }
    }

    /// `hired` before the start date, `terminated` from the termination date, else `employed`.
    func lifecycleStatus(today: Int) -> String {
        if let start = SandboxDate.day(of: startDate), start > today { return "hired" }
        if let end = terminationDate.flatMap(SandboxDate.day(of:)), end <= today { return "terminated" }
        return "employed"
    }

    /// The employee as HiBob returns it for the requested `fields` (all known when `nil`).
    func rendered(
        fields: [String]?, humanReadable: String?, today: Int, lookup: (String) -> HiBobEmployee?
    ) -> JSONValue {
        var machine = JSONObject()
        var human = JSONObject()
        var slashes: [(String, JSONValue)] = []
        for field in fields ?? Self.knownFields {
            guard let value = value(of: field, today: today, lookup: lookup) else { continue }
            let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            Self.place(value, category: parts[0], key: parts[1], in: &machine)
            let readable = Self.humanReadable(value)
            if !value.isNull {
                Self.place(readable, category: parts[0], key: parts[1], in: &human)
                slashes.append(("/\(parts[0])/\(parts[1])", .object([("value", value)])))
            }
        }
        if humanReadable?.uppercased() == "REPLACE" { return .object(human) }
        var out = JSONObject()
        for (key, value) in slashes { out[key] = value }
        for (key, value) in machine { out[key] = value }
        if humanReadable?.uppercased() == "APPEND" { out["humanReadable"] = .object(human) }
        return .object(out)
    }

    private static func place(_ value: JSONValue, category: String, key: String, in object: inout JSONObject) {
        if category == "root" {
            object[key] = value
        } else {
            var nested = object[category]?.objectValue ?? JSONObject()
            nested[key] = value
            object[category] = .object(nested)
        }
    }

    /// Dates as `dd/MM/yyyy`, people as display names, everything else unchanged.
    private static func humanReadable(_ value: JSONValue) -> JSONValue {
        if let person = value["displayName"] { return person }
        guard let text = value.stringValue, text.count == 10, SandboxDate.day(of: text) != nil else { return value }
        let parts = text.split(separator: "-")
        return .string("\(parts[2])/\(parts[1])/\(parts[0])")
    }
}
