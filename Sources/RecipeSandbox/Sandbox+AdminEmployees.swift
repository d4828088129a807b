// `/_sandbox/hibob/employees…`: HiBob employee changes over HTTP. Each answers the events Bob
// would send and queues them, signed, for HiBob's webhook target.
//   POST   /_sandbox/hibob/employees            create  {"firstName", "surname", "email"?, "department"?,
//                                                        "site"?, "startDate"?, "managerId"?}
//   POST   /_sandbox/hibob/employees/{id}       update  {"firstName"?, "surname"?, "email"?, "department"?,
//                                                        "site"?, "country"?, "title"?, "startDate"?,
//                                                        "managerId"?, "status"? ("Active"/"Inactive")}
//   POST   /_sandbox/hibob/employees/{id}/terminate     {"date"?}
//   DELETE /_sandbox/hibob/employees/{id}
import Foundation
import RecipeData
import RecipeHTTPCore

extension Sandbox {
    func addEmployeeRoutes(to router: inout Router) {
        router.add(.post, "/_sandbox/hibob/employees") { request, _ in
            let body = request.jsonBody ?? .null
            guard let first = body["firstName"]?.stringValue, let last = body["surname"]?.stringValue else {
                return .json(["error": "firstName and surname are required"], status: 400)
            }
            var draft = EmployeeDraft(firstName: first, surname: last, email: body["email"]?.stringValue)
            if let value = body["department"]?.stringValue { draft.department = value }
            if let value = body["site"]?.stringValue { draft.site = value }
            if let value = body["startDate"]?.stringValue { draft.startDate = value }
            if let value = body["managerId"]?.stringValue { draft.managerID = value }
            return Self.answer { () throws(SandboxError) in
                let (employee, events) = try self.createEmployee(draft)
                return self.firing(events, [("employeeId", .string(employee.id))])
            }
        }
        router.add(.post, "/_sandbox/hibob/employees/{id}") { request, parameters in
            let change: EmployeeChange
            switch EmployeeChange.parse(request.jsonBody ?? .null) {
            case .success(let parsed): change = parsed
            case .failure(let problem): return .json(.object([("error", .string(problem.message))]), status: 400)
            }
            return Self.answer { () throws(SandboxError) in
                let identifier = parameters["id"] ?? ""
                let id = self.hibobEmployee(identifier)?.id ?? identifier
                let events = try self.updateEmployee(identifier) { change.apply(to: &$0) }
                return self.firing(events, [("employeeId", .string(id))])
            }
        }
        router.add(.post, "/_sandbox/hibob/employees/{id}/terminate") { request, parameters in
            Self.answer { () throws(SandboxError) in
                self.firing(try self.terminateEmployee(parameters["id"] ?? "", on: request.jsonBody?["date"]?.stringValue))
            }
        }
        router.add(.delete, "/_sandbox/hibob/employees/{id}") { _, parameters in
            Self.answer { () throws(SandboxError) in self.firing(try self.deleteEmployee(parameters["id"] ?? "")) }
        }
    }
}

/// The fields an update request sets; the rest stay as they are.
struct EmployeeChange: Sendable {
    struct Problem: Error { var message: String }

    static let textFields = ["firstName", "surname", "email", "department", "site", "country", "title", "startDate", "managerId"]

    var text: [String: String] = [:]
    var status: HiBobEmployee.Status?

    /// Reads a JSON object of known fields; refuses unknown fields, non-strings, bad statuses
    /// and an empty change.
    static func parse(_ body: JSONValue) -> Result<EmployeeChange, Problem> {
        guard let fields = body.objectValue, !fields.isEmpty else {
            return .failure(Problem(message: "expected a JSON object with some of \(textFields + ["status"])"))
        }
        var change = EmployeeChange()
        for (name, value) in fields {
            guard let string = value.stringValue else { return .failure(Problem(message: "\(name) must be a string")) }
            if name == "status" {
                guard let status = HiBobEmployee.Status(rawValue: string) else {
                    return .failure(Problem(message: "status must be Active or Inactive"))
                }
                change.status = status
            } else if textFields.contains(name) {
                change.text[name] = string
            } else {
                return .failure(Problem(message: "unknown field \(name); known: \(textFields + ["status"])"))
            }
        }
        return .success(change)
    }

    func apply(to employee: inout HiBobEmployee) {
        for (name, value) in text {
            switch name {
            case "firstName": employee.firstName = value
            case "surname": employee.surname = value
            case "email": employee.email = value
            case "department": employee.department = value
            case "site": employee.site = value
            case "country": employee.country = value
            case "title": employee.title = value
            case "startDate": employee.startDate = value
            case "managerId": employee.managerID = value.isEmpty ? nil : value
            default: break
            }
        }
        if let status { employee.status = status }
    }
}
