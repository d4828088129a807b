import Foundation
import RecipeCrypto
import RecipeData
import RecipeHTTPCore
import Testing

@testable import RecipeSandbox

@Suite struct CompanyGenerationTests {
    @Test func sameSeed_SameCompany_OtherSeed_Differs() {
        let a = CompanyGenerator(seed: 7, size: 300, today: 20_454).makeCompany()
        let b = CompanyGenerator(seed: 7, size: 300, today: 20_454).makeCompany()
        let c = CompanyGenerator(seed: 8, size: 300, today: 20_454).makeCompany()
        #expect(a.employees == b.employees && a.positions == b.positions && a.openings == b.openings)
        #expect(a.employees != c.employees)
    }

    @Test func hundredThousand_UniqueIdsAndEmails_Quickly() {
        let start = ContinuousClock.now
        let company = CompanyGenerator(seed: 1, size: 100_000, today: 20_454).makeCompany()
        let elapsed = ContinuousClock.now - start
        #expect(company.employees.count == 100_000)
        #expect(Set(company.employees.map(\.id)).count == 100_000)
        #expect(Set(company.employees.map(\.email)).count == 100_000)
        #expect(company.employees.allSatisfy { $0.id.count == 19 })
        #expect(elapsed < .seconds(5), "generated in \(elapsed)")
    }

    @Test func mixOfStatusesAndApprovals() {
        let company = CompanyGenerator(seed: 3, size: 2_000, today: 20_454).makeCompany()
        #expect(company.employees.contains { $0.status == .inactive })
        #expect(company.employees.contains { $0.status == .active && $0.terminationDate != nil })
        #expect(company.positions.contains { $0.approved } && company.positions.contains { !$0.approved })
        #expect(company.openings.allSatisfy { opening in company.positions.contains { $0.id == opening.positionID } })
    }

    @Test(arguments: [(10, 50), (50, 50), (1_000, 1_000), (500_000, 100_000)])
    func size_IsClamped(_ requested: Int, _ expected: Int) {
        #expect(CompanyGenerator(seed: 1, size: requested, today: 0).size == expected)
    }
}

@Suite struct WebhookTests {
    @Test func hibobSignature_IsBase64HMACSHA512OfRawBody() throws {
        let harness = Harness()
        let employee = try #require(harness.sandbox.hibobEmployees.first)
        let events = try harness.sandbox.deleteEmployee(employee.id)
        #expect(events.map(\.type) == ["employee.deleted"])
        #expect(events[0].data["email"] == .string(employee.email))
        let delivery = harness.sandbox.delivery(for: events[0])
        let expected = Data(
            HashAlgorithm.sha512.authenticationCode(for: delivery.body, key: Array("sandbox-hibob-webhook-secret".utf8))
        ).base64EncodedString()
        #expect(delivery.headers["Bob-Signature"] == expected)
        let parsed = try JSONParser.parseValue(delivery.body)
        #expect(parsed["version"] == "v2" && parsed["companyId"] == 637_323)
        #expect(parsed["triggeredAt"]?.stringValue?.hasSuffix("Z") == false)
    }

    @Test func greenhouseSignature_AndUniqueEventIDs() throws {
        let harness = Harness()
        let application = try #require(harness.sandbox.greenhouseApplications.first)
        let first = try harness.sandbox.moveApplication(application.id, toStage: "Reference Check")
        let second = try harness.sandbox.hireApplication(application.id)
        #expect(first.action == "candidate_stage_change" && second.action == "hire_candidate")
        #expect(first.eventID != second.eventID)
        #expect(first.payload["application"]?["current_stage"]?["name"] == "Reference Check")
        #expect(first.payload["application"]?["candidate"]?["email_addresses"] != nil)
        let delivery = harness.sandbox.delivery(for: first)
        let hex = Bytes.hex(HashAlgorithm.sha256.authenticationCode(
            for: delivery.body, key: Array("sandbox-greenhouse-webhook-secret".utf8)))
        #expect(delivery.headers["Signature"] == "sha256 " + hex)
        #expect(delivery.headers["Greenhouse-Event-ID"] == first.eventID)
    }

    @Test func hipeopleSignature() {
        let event = HiPeopleEvent(event: "reference_check.completed", data: ["reference_check_id": "ref_1"])
        let delivery = event.delivery(secret: "s")
        let hex = Bytes.hex(HashAlgorithm.sha256.authenticationCode(for: delivery.body, key: Array("s".utf8)))
        #expect(delivery.headers["X-HiPeople-Signature"] == "sha256=" + hex)
    }
}

@Suite struct MutationTests {
    @Test func employeeEvents() throws {
        let harness = Harness()
        let (employee, created) = try harness.sandbox.createEmployee(EmployeeDraft(firstName: "New", surname: "Hire"))
        #expect(created.map(\.type) == ["employee.created", "employee.joined"])
        #expect(harness.sandbox.hibobEmployee(employee.email)?.id == employee.id)
        let updated = try harness.sandbox.updateEmployee(employee.id) { $0.department = "Sales" }
        #expect(updated.first?.data["fieldUpdates"] == [["fieldId": "work.department"]])
        let future = try harness.sandbox.terminateEmployee(employee.id, on: "2026-03-01")
        #expect(future.map(\.type) == ["employee.updated"])
        let now = try harness.sandbox.terminateEmployee(employee.id)
        #expect(now.map(\.type) == ["employee.updated", "employee.left", "employee.inactivated"])
        #expect(throws: SandboxError.unknownEmployee("missing")) { try harness.sandbox.deleteEmployee("missing") }
    }

    @Test func planningEvents() throws {
        let harness = Harness()
        let (position, openings, created) = harness.sandbox.createPosition(name: "Designer", approved: false, openings: 2)
        #expect(created.map(\.type) == [
            "workforcePlanning.position.created", "workforcePlanning.positionOpening.created",
            "workforcePlanning.positionOpening.created",
        ])
        let approved = try harness.sandbox.approvePosition(position.id)
        #expect(approved.first?.data["fieldUpdatesIds"] == ["/position/approvalStatus"])
        let mine = harness.sandbox.positionOpenings.filter { $0.positionID == position.id }
        #expect(mine.allSatisfy { $0.approved })
        let deleted = try harness.sandbox.deleteOpening(openings[0].id)
        #expect(deleted.first?.data == ["positionOpeningId": .string(openings[0].id)])
    }
}

@Suite struct FaultAndAdminTests {
    @Test func forcedQueue_ThenNormal() async {
        let harness = Harness()
        harness.sandbox.setFaults(FaultSettings(forced: [ForcedStatus(status: 503, count: 2, retryAfter: 1)]), for: .docebo)
        for _ in 0..<2 {
            let failed = await harness.send(.post, "/docebo/oauth2/token", form: "grant_type=client_credentials")
            #expect(failed.status == 503 && failed.headers["Retry-After"] == "1")
        }
        #expect(await harness.doceboToken().isEmpty == false)
    }

    @Test func errorRate_IsDeterministic() async {
        func run() async -> [Int] {
            let harness = Harness()
            harness.sandbox.setFaults(FaultSettings(errorRate: 0.5), for: .recruit)
            var statuses: [Int] = []
            for _ in 0..<20 {
                statuses.append(await harness.send(.get, "/recruit/v1/positions", headers: [("Authorization", "Bearer sandbox-recruit-token")]).status)
                harness.clock.advance(1)
            }
            return statuses
        }
        let first = await run()
        #expect(first == (await run()))
        #expect(first.contains(200) && first.contains { $0 >= 500 })
    }

    @Test func adminEndpoints_FaultsStateAndReset() async throws {
        let harness = Harness()
        let set = await harness.send(
            .post, "/_sandbox/faults", json: ["vendor": "hibob", "forced": [["status": 500, "count": 1]]])
        #expect(set.status == 200)
        #expect(await harness.send(.post, "/hibob/v1/people/search", headers: [harness.hibobAuth], json: [:]).status == 500)
        #expect(await harness.send(.post, "/hibob/v1/people/search", headers: [harness.hibobAuth], json: [:]).status == 200)
        let state = await harness.send(.get, "/_sandbox/state/hibob")
        #expect(state.json["requests"]?["total"] == 2)
        #expect(state.json["employeeCount"] == 50)
        let created = await harness.send(.post, "/_sandbox/hibob/employees", json: ["firstName": "Via", "surname": "Http"])
        #expect(created.json["events"]?.arrayValue?.first?["type"] == "employee.created")
        #expect(await harness.send(.post, "/_sandbox/reset").status == 204)
        let after = await harness.send(.get, "/_sandbox/state/hibob")
        #expect(after.json["employeeCount"] == 50 && after.json["requests"]?["total"] == 0)
        #expect(await harness.send(.get, "/nowhere/v1").status == 404)
    }
}
