import Foundation
import RecipeCrypto
import RecipeData
import RecipeHTTPCore
import Testing

@testable import RecipeSandbox

/// The sandbox fires signed webhooks for changes made through its admin endpoints, to real
/// receivers over loopback.
@Suite struct WebhookFiringTests {
    static let hibobSecret = SandboxConfiguration.HiBob().webhookSecret
    static let greenhouseSecret = SandboxConfiguration.Greenhouse().webhookSecret

    /// base64(HMAC-SHA512(secret, raw body)), computed here rather than by the sandbox.
    static func bobSignature(_ body: [UInt8]) -> String {
        Data(HashAlgorithm.sha512.authenticationCode(for: body, key: Array(hibobSecret.utf8))).base64EncodedString()
    }

    @Test func hibobEmployeeLifecycle_OverLoopback_ArrivesSignedAndInOrder() async throws {
        let receiver = try WebhookReceiver()
        var configuration = SandboxConfiguration()
        configuration.companySize = 50
        let sandbox = SandboxServer(configuration)
        try sandbox.start()
        let base = sandbox.baseURL
        let path = "/webhooks/hibob-docebo/hibob"

        let set = try await DropFaultTests.fetch(
            base + "/_sandbox/webhooks", method: "POST", body: ["hibob": .string(receiver.url(path))])
        #expect(set.0 == 200 && set.1["targets"]?["hibob"] == .string(receiver.url(path)))

        let email = "ada.hook@acme.example"
        let created = try await DropFaultTests.fetch(
            base + "/_sandbox/hibob/employees", method: "POST",
            body: ["firstName": "Ada", "surname": "Hook", "email": .string(email)])
        #expect(created.0 == 200 && created.1["webhooksQueued"] == 2)
        let id = try #require(created.1["employeeId"]?.stringValue)
        let updated = try await DropFaultTests.fetch(
            base + "/_sandbox/hibob/employees/\(id)", method: "POST", body: ["department": "Sales", "site": "Berlin"])
        #expect(updated.0 == 200 && updated.1["employeeId"] == .string(id))
        let terminated = try await DropFaultTests.fetch(
            base + "/_sandbox/hibob/employees/\(id)/terminate", method: "POST", body: [:])
        #expect(terminated.0 == 200)
        let deleted = try await DropFaultTests.fetch(base + "/_sandbox/hibob/employees/\(id)", method: "DELETE")
        #expect(deleted.0 == 200 && deleted.1["webhooksQueued"] == 1)

        let expected = [
            "employee.created", "employee.joined", "employee.updated", "employee.updated", "employee.left",
            "employee.inactivated", "employee.deleted",
        ]
        let requests = await receiver.waitFor(expected.count)
        try #require(requests.count == expected.count, "received \(requests.count) of \(expected.count)")
        let bodies = try requests.map { try JSONParser.parseValue($0.body) }
        #expect(bodies.map { $0["type"]?.stringValue } == expected)
        for (request, body) in zip(requests, bodies) {
            #expect(request.method == .post && request.path == path)
            #expect(request.headers["Content-Type"] == "application/json")
            #expect(request.headers["Bob-Signature"] == Self.bobSignature(request.body), "\(body["type"] ?? .null)")
            #expect(body["companyId"] == .int(637_323))
            #expect(body["triggeredBy"] == "system" && body["version"] == "v2")
            let at = try #require(body["triggeredAt"]?.stringValue)
            #expect(at.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}/) != nil, "\(at)")
            let employeeID = try #require(body["data"]?["employeeId"]?.stringValue)
            #expect(employeeID == id && employeeID.count == 19 && employeeID.allSatisfy(\.isNumber))
        }
        #expect(bodies.last?["data"]?["email"] == .string(email))
        let fieldIDs = bodies[2]["data"]?["fieldUpdates"]?.arrayValue?.compactMap { $0["fieldId"]?.stringValue } ?? []
        #expect(fieldIDs.contains("work.department") && fieldIDs.contains("work.site"))

        #expect(await eventually { sandbox.sandbox.pendingWebhooks == 0 })
        let log = try await DropFaultTests.fetch(base + "/_sandbox/webhooks").1
        let deliveries = log["deliveries"]?.arrayValue ?? []
        #expect(deliveries.map { $0["type"]?.stringValue } == expected)
        #expect(deliveries.allSatisfy { $0["status"] == 200 && $0["url"] == .string(receiver.url(path)) })
        #expect(deliveries.first?["vendor"] == "hibob" && log["pending"] == 0)
        await sandbox.shutdown()
        await receiver.stop()
    }

    @Test func greenhouseAndHiPeople_SignedLikeTheVendor() async throws {
        let receiver = try WebhookReceiver()
        let harness = Harness()
        harness.sandbox.setWebhookTarget(receiver.url("/webhooks/greenhouse"), for: .greenhouse)
        harness.sandbox.setWebhookTarget(receiver.url("/webhooks/hipeople"), for: .hipeople)
        let application = try #require(harness.sandbox.greenhouseApplications.first)
        let moved = await harness.send(
            .post, "/_sandbox/greenhouse/applications/\(application.id)/stage", json: ["stage": "Reference Check"])
        #expect(moved.status == 200 && moved.json["webhooksQueued"] == 1)
        let checkID = try await Self.sentReferenceCheck(harness)
        let completed = await harness.send(.post, "/_sandbox/hipeople/reference_checks/\(checkID)/complete")
        #expect(completed.status == 200 && completed.json["webhooksQueued"] == 1)
        #expect(await harness.send(.post, "/_sandbox/hipeople/reference_checks/nope/complete").status == 404)

        let requests = await receiver.waitFor(2)
        try #require(requests.count == 2)
        let greenhouse = requests[0]
        let mac = HashAlgorithm.sha256.authenticationCode(for: greenhouse.body, key: Array(Self.greenhouseSecret.utf8))
        #expect(greenhouse.path == "/webhooks/greenhouse")
        #expect(greenhouse.headers["Signature"] == "sha256 " + Bytes.hex(mac))
        #expect(greenhouse.headers["Greenhouse-Event-ID"] == moved.json["eventId"]?.stringValue)
        #expect((try JSONParser.parseValue(greenhouse.body))["action"] == "candidate_stage_change")
        let hipeople = requests[1]
        let secret = SandboxConfiguration.HiPeople().webhookSecret
        let hipeopleMAC = HashAlgorithm.sha256.authenticationCode(for: hipeople.body, key: Array(secret.utf8))
        #expect(hipeople.headers["X-HiPeople-Signature"] == "sha256=" + Bytes.hex(hipeopleMAC))
        #expect((try JSONParser.parseValue(hipeople.body))["data"]?["ats_candidate_id"] == "200001")
        #expect(await eventually { harness.sandbox.webhookAttempts.count == 2 })
        #expect(harness.sandbox.webhookAttempts.map(\.eventType) == ["candidate_stage_change", "reference_check.completed"])
        #expect(harness.sandbox.webhookAttempts.first?.eventID == moved.json["eventId"]?.stringValue)
        await receiver.stop()
    }

    /// A HiPeople reference check in state `sent`, made through the fake's own API.
    static func sentReferenceCheck(_ harness: Harness) async throws -> String {
        let auth = [("X-API-Key", "sandbox-hipeople-key"), ("X-API-Secret", "sandbox-hipeople-secret")]
        let roles = await harness.send(.get, "/hipeople/api/open_job_roles?limit=1", headers: auth)
        let role = try #require(roles.json["result"]?.arrayValue?.first?["id"])
        let candidate = await harness.send(
            .post, "/hipeople/api/candidates", headers: auth,
            json: ["email": "c@x.example", "first_name": "C", "last_name": "D", "role_id": role, "ats_candidate_id": "200001"])
        let id = try #require(candidate.json["id"]?.stringValue)
        let check = await harness.send(.post, "/hipeople/api/candidates/\(id)/reference_checks", headers: auth, json: ["idempotency_key": "k1"])
        return try #require(check.json["id"]?.stringValue)
    }

    @Test func slowOrUnreachableTargets_NeverDelayTheAdminAnswer_AndAreLogged() async throws {
        let slow = try WebhookReceiver(status: 503, delay: .seconds(1))
        let harness = Harness { $0.webhookTargets = [.hibob: slow.url("/slow")] }
        let created = await harness.send(.post, "/_sandbox/hibob/employees", json: ["firstName": "Slow", "surname": "Hook"])
        // The answer came while both deliveries were still waiting on the slow receiver.
        #expect(created.status == 200)
        #expect(harness.sandbox.pendingWebhooks == 2)
        #expect(harness.sandbox.webhookAttempts.isEmpty)
        #expect(await eventually { harness.sandbox.webhookAttempts.count == 2 })
        #expect(harness.sandbox.webhookAttempts.allSatisfy { $0.status == 503 && !$0.succeeded })

        // A refused connection is recorded as an error, without a status.
        harness.sandbox.setWebhookTarget("http://127.0.0.1:1/nobody", for: .hibob)
        let id = try #require(created.json["employeeId"]?.stringValue)
        #expect(await harness.send(.delete, "/_sandbox/hibob/employees/\(id)").status == 200)
        #expect(await eventually { harness.sandbox.webhookAttempts.count == 3 })
        let refused = try #require(harness.sandbox.webhookAttempts.last)
        #expect(refused.status == nil && refused.error != nil && refused.eventType == "employee.deleted")
        #expect(refused.url == "http://127.0.0.1:1/nobody")
        await slow.stop()
    }
}
