// `/_sandbox/…`: the sandbox's own endpoints (not part of any vendor API).
//   POST /_sandbox/reset                      → 204
//   GET  /_sandbox/state/<vendor>             → state dump with request counters
//   GET  /_sandbox/faults                     → every vendor's faults
//   POST /_sandbox/faults {"vendor", "errorRate", "latencyMs", "forced": [{"status", "count", "retryAfter"}],
//                          "dropRate", "dropNext"}
//   POST /_sandbox/hibob/employees            {"firstName", "surname", "email"?, ...} → {"employee", "events"}
//   POST /_sandbox/hibob/employees/{id}/terminate {"date"?}                            → {"events"}
//   DELETE /_sandbox/hibob/employees/{id}                                               → {"events"}
//   POST /_sandbox/hibob/positions/{id}/approve                                         → {"events"}
//   POST /_sandbox/greenhouse/applications/{id}/stage {"stage"}                         → {"event"}
import Foundation
import RecipeData
import RecipeHTTP

extension Sandbox {
    func handleAdmin(_ request: HTTPRequest) async -> HTTPResponse {
        var router = Router()
        router.add(.post, "/_sandbox/reset") { _, _ in
            self.reset()
            return .noContent
        }
        router.add(.get, "/_sandbox/state/{vendor}") { _, parameters in
            guard let vendor = SandboxVendor(rawValue: parameters["vendor"] ?? "") else {
                return .json(["error": "unknown vendor"], status: 404)
            }
            return .json(self.state(of: vendor))
        }
        router.add(.get, "/_sandbox/faults") { _, _ in
            var object = JSONObject()
            for vendor in SandboxVendor.allCases { object[vendor.rawValue] = self.faults(for: vendor).json }
            return .json(.object(object))
        }
        router.add(.post, "/_sandbox/faults") { request, _ in
            guard let body = request.jsonBody, let vendor = body["vendor"]?.stringValue.flatMap(SandboxVendor.init),
                let settings = FaultSettings(json: body)
            else { return .json(.object([("error", .string(Self.faultsUsage))]), status: 400) }
            self.setFaults(settings, for: vendor)
            return .json(settings.json)
        }
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
                return .object([("employeeId", .string(employee.id)), ("events", .array(events.map(\.json)))])
            }
        }
        router.add(.post, "/_sandbox/hibob/employees/{id}/terminate") { request, parameters in
            Self.answer { () throws(SandboxError) in
                let events = try self.terminateEmployee(parameters["id"] ?? "", on: request.jsonBody?["date"]?.stringValue)
                return .object([("events", .array(events.map(\.json)))])
            }
        }
        router.add(.delete, "/_sandbox/hibob/employees/{id}") { _, parameters in
            Self.answer { () throws(SandboxError) in
                .object([("events", .array(try self.deleteEmployee(parameters["id"] ?? "").map(\.json)))])
            }
        }
        router.add(.post, "/_sandbox/hibob/positions/{id}/approve") { _, parameters in
            Self.answer { () throws(SandboxError) in
                .object([("events", .array(try self.approvePosition(parameters["id"] ?? "").map(\.json)))])
            }
        }
        router.add(.post, "/_sandbox/greenhouse/applications/{id}/stage") { request, parameters in
            Self.answer { () throws(SandboxError) in
                let id = Int(parameters["id"] ?? "") ?? -1
                let event = try self.moveApplication(id, toStage: request.jsonBody?["stage"]?.stringValue ?? "")
                return .object([("event", event.json), ("eventId", .string(event.eventID))])
            }
        }
        return await router.handle(request)
    }

    static let faultsUsage =
        #"expected {"vendor", "errorRate" and "dropRate" in 0...1, "latencyMs", "forced": [{"status", "count", "retryAfter"}], "dropNext" >= 0}"#

    private static func answer(_ body: () throws(SandboxError) -> JSONValue) -> HTTPResponse {
        do {
            return .json(try body())
        } catch {
            return .json(.object([("error", .string(error.description))]), status: 404)
        }
    }
}
