// `/_sandbox/…`: the sandbox's own endpoints (not part of any vendor API).
//   POST /_sandbox/reset                      → 204
//   GET  /_sandbox/state/<vendor>             → state dump with request counters
//   GET  /_sandbox/faults                     → every vendor's faults
//   POST /_sandbox/faults {"vendor", "errorRate", "throttleRate", "latencyMs", "forced": [{"status", "count", "retryAfter"}],
//                          "dropRate", "dropNext", "stallNext", "stallMs"}
//   POST /_sandbox/hibob/employees            {"firstName", "surname", "email"?, ...} → {"employeeId", "events"}
//   POST /_sandbox/hibob/employees/{id}       {"department"?, "status"?, ...}          → {"employeeId", "events"}
//   POST /_sandbox/hibob/employees/{id}/terminate {"date"?}                            → {"events"}
//   DELETE /_sandbox/hibob/employees/{id}                                               → {"events"}
//   POST /_sandbox/hibob/positions/{id}/approve                                         → {"events"}
//   POST /_sandbox/greenhouse/applications/{id}/stage {"stage"}                         → {"event", "eventId"}
//   POST /_sandbox/hipeople/reference_checks/{id}/complete                              → {"event"}
//   GET/POST /_sandbox/webhooks (Sandbox+Webhooks.swift)
//   GET /_sandbox/mail[?after=ID]             → {"messages": [...], "next"} what the SMTP sink received
//   DELETE /_sandbox/mail                     → 204, empties the mailbox
// Every change also answers "webhooksQueued" and queues its events, signed, for the vendor's
// webhook target (if one is set); delivery runs in the background and never delays the answer.
import Foundation
import RecipeData
import RecipeHTTPCore

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
            guard let body = request.jsonBody, case .object = body,
                let vendor = body["vendor"]?.stringValue.flatMap(SandboxVendor.init)
            else { return .json(.object([("error", .string(Self.faultsUsage))]), status: 400) }
            let settings: FaultSettings
            do throws(NumberInputError) {
                settings = try FaultSettings(json: body)
            } catch { return .json(.object([("error", .string(error.message + "; " + Self.faultsUsage))]), status: 400) }
            self.setFaults(settings, for: vendor)
            return .json(settings.json)
        }
        addEmployeeRoutes(to: &router)
        router.add(.post, "/_sandbox/hibob/positions/{id}/approve") { _, parameters in
            Self.answer { () throws(SandboxError) in self.firing(try self.approvePosition(parameters["id"] ?? "")) }
        }
        router.add(.post, "/_sandbox/greenhouse/applications/{id}/stage") { request, parameters in
            Self.answer { () throws(SandboxError) in
                let id = (try? NumberInput.adminID.parse(parameters["id"] ?? "")) ?? -1
                let event = try self.moveApplication(id, toStage: request.jsonBody?["stage"]?.stringValue ?? "")
                let queued = self.fireWebhooks([event])
                return .object([("event", event.json), ("eventId", .string(event.eventID)), ("webhooksQueued", .int(queued))])
            }
        }
        router.add(.post, "/_sandbox/hipeople/reference_checks/{id}/complete") { _, parameters in
            Self.answer { () throws(SandboxError) in
                let event = try self.completeReferenceCheck(parameters["id"] ?? "")
                return .object([("event", event.json), ("webhooksQueued", .int(self.fireWebhooks([event])))])
            }
        }
        addWebhookRoutes(to: &router)
        router.add(.get, "/_sandbox/mail") { request, _ in
            do throws(NumberInputError) {
                let after = try request.number(.mailAfter, absent: 0)
                return .json(self.mailbox.json(after: after, maxBytes: self.configuration.smtp.maxListedBytes))
            } catch { return .json(.object([("error", .string(error.message))]), status: 400) }
        }
        router.add(.delete, "/_sandbox/mail") { _, _ in
            self.mailbox.clear()
            return .noContent
        }
        return await router.handle(request)
    }

    static var faultsUsage: String {
        let statuses = ForcedStatus.statuses, counts = "0...\(FaultSettings.maxCount)"
        return #"expected {"vendor", "errorRate", "throttleRate" and "dropRate" in 0...1, "latencyMs" in 0...\#(FaultSettings.maxLatencyMilliseconds), "#
            + #""forced": [{"status" in \#(statuses.lowerBound)...\#(statuses.upperBound), "count" in 1...\#(FaultSettings.maxCount), "retryAfter" >= 0}], "#
            + #""dropNext" and "stallNext" in \#(counts), "stallMs" in 0...\#(FaultSettings.maxStallMilliseconds)}"#
    }

    /// The admin answer for HiBob events, after queueing them for HiBob's webhook target:
    /// `extra` fields, `events`, and `webhooksQueued` (0 without a target).
    func firing(_ events: [HiBobEvent], _ extra: [(String, JSONValue?)] = []) -> JSONValue {
        let queued = fireWebhooks(events)
        return .object(extra + [("events", .array(events.map(\.json))), ("webhooksQueued", .int(queued))])
    }

    /// 200 with the body's JSON; 409 for a taken e-mail, 404 for anything unknown.
    static func answer(_ body: () throws(SandboxError) -> JSONValue) -> HTTPResponse {
        do {
            return .json(try body())
        } catch {
            let status = if case .duplicateEmail = error { 409 } else { 404 }
            return .json(.object([("error", .string(error.description))]), status: status)
        }
    }
}
