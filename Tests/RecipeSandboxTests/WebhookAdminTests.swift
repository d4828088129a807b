import Foundation
import RecipeData
import RecipeHTTPCore
import Testing

@testable import RecipeSandbox

/// `/_sandbox/webhooks` targets and the employee update endpoint, without sockets.
@Suite struct WebhookAdminTests {
    @Test func targets_ConfiguredSetRemovedAndReset() async {
        let harness = Harness { $0.webhookTargets = [.hibob: "http://127.0.0.1:9/hibob"] }
        #expect(harness.sandbox.webhookTargets == [.hibob: "http://127.0.0.1:9/hibob"])
        let set = await harness.send(
            .post, "/_sandbox/webhooks", json: ["greenhouse": "http://127.0.0.1:9/gh", "hibob": .null])
        #expect(set.status == 200)
        #expect(set.json["targets"] == ["greenhouse": "http://127.0.0.1:9/gh"])
        #expect(harness.sandbox.webhookTargets == [.greenhouse: "http://127.0.0.1:9/gh"])
        let listed = await harness.send(.get, "/_sandbox/webhooks")
        #expect(listed.json["deliveries"] == [] && listed.json["pending"] == 0)
        #expect(await harness.send(.post, "/_sandbox/reset").status == 204)
        #expect(harness.sandbox.webhookTargets == [.hibob: "http://127.0.0.1:9/hibob"])
    }

    @Test(arguments: [
        ["workday": "http://127.0.0.1:9/x"] as JSONValue, ["hibob": "ftp://127.0.0.1/x"], ["hibob": 42],
        ["hibob": "not a url"], "just a string",
    ])
    func badTargetsAreRefused_AndChangeNothing(_ body: JSONValue) async {
        let harness = Harness()
        let response = await harness.send(.post, "/_sandbox/webhooks", json: body)
        #expect(response.status == 400 && response.json["error"] != nil)
        #expect(harness.sandbox.webhookTargets.isEmpty)
    }

    @Test func noTarget_NothingQueued() async {
        let harness = Harness()
        let created = await harness.send(.post, "/_sandbox/hibob/employees", json: ["firstName": "No", "surname": "Target"])
        #expect(created.status == 200 && created.json["webhooksQueued"] == 0)
        #expect(harness.sandbox.pendingWebhooks == 0 && harness.sandbox.webhookAttempts.isEmpty)
    }

    @Test func updateEndpoint_ChangesFieldsAndStatus() async throws {
        let harness = Harness()
        let employee = try #require(harness.sandbox.hibobEmployees.first { $0.status == .active })
        let updated = await harness.send(
            .post, "/_sandbox/hibob/employees/\(employee.email)",
            json: ["department": "Sales", "firstName": "Renamed", "status": "Inactive"])
        #expect(updated.status == 200 && updated.json["employeeId"] == .string(employee.id))
        let types = updated.json["events"]?.arrayValue?.compactMap { $0["type"]?.stringValue }
        #expect(types == ["employee.updated", "employee.inactivated"])
        let after = try #require(harness.sandbox.hibobEmployee(employee.id))
        #expect(after.department == "Sales" && after.firstName == "Renamed" && after.status == .inactive)
        #expect(after.surname == employee.surname && after.email == employee.email)
    }

    @Test func updateEndpoint_Errors() async throws {
        let harness = Harness()
        let employees = harness.sandbox.hibobEmployees
        let id = employees[0].id
        #expect(await harness.send(.post, "/_sandbox/hibob/employees/\(id)", json: ["shoeSize": "42"]).status == 400)
        #expect(await harness.send(.post, "/_sandbox/hibob/employees/\(id)", json: ["status": "Gone"]).status == 400)
        #expect(await harness.send(.post, "/_sandbox/hibob/employees/\(id)", json: [:]).status == 400)
        #expect(await harness.send(.post, "/_sandbox/hibob/employees/\(id)", json: ["department": 7]).status == 400)
        #expect(await harness.send(.post, "/_sandbox/hibob/employees/1234", json: ["department": "X"]).status == 404)
        let taken = await harness.send(.post, "/_sandbox/hibob/employees/\(id)", json: ["email": .string(employees[1].email)])
        #expect(taken.status == 409)
        #expect(harness.sandbox.hibobEmployee(id)?.email == employees[0].email)
    }
}
