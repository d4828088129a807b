import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeSandbox
import RecipeTestSupport
import Synchronization
import Testing

/// Every shipped connector action, over real HTTP on 127.0.0.1, against the sandbox served by
/// the engine's own HTTP server, with the shipped `connections.example.json` and the sandbox's
/// credentials in the environment the connections read.
final class SandboxLoopback: Sendable {
    let server: SandboxServer
    let runtime: ConnectorRuntime
    let connectionsFile: URL

    init(companySize: Int = 60) throws {
        var configuration = SandboxConfiguration()
        configuration.companySize = companySize
        server = SandboxServer(configuration)
        try server.start()
        (runtime, connectionsFile) = try sandboxRuntime(server)
    }

    var sandbox: Sandbox { server.sandbox }

    func perform(_ connection: String, _ action: String, _ input: JSONValue) async throws -> JSONValue {
        let connector = try #require(runtime.registry[connection])
        return try await connector.perform(
            ActionRequest(connection: connection, action: action, input: input, jobID: "job", path: StepPath([])))
    }

    func stop() async {
        await server.shutdown()
        try? FileManager.default.removeItem(at: connectionsFile)
    }
}

@Suite(.serialized)
struct SandboxLoopbackTests {
    @Test func hibobReadsEmployeesAndWorkforcePlanning() async throws {
        let loopback = try SandboxLoopback()
        let employee = try #require(loopback.sandbox.hibobEmployees.first { $0.status == .active })
        let byID = try await loopback.perform("hibob", "get_employee", ["id": .string(employee.id), "fields": ["root.id", "root.email"]])
        #expect(byID["id"] == .string(employee.id))
        #expect(byID["email"] == .string(employee.email))
        let byEmail = try await loopback.perform("hibob", "get_employee", ["id": .string(employee.email)])
        #expect(byEmail["id"] == .string(employee.id))
        let filter: JSONValue = ["fieldPath": "root.email", "operator": "equals", "values": [.string(employee.email)]]
        let search = try await loopback.perform("hibob", "search_people", ["fields": ["root.id"], "filters": [filter]])
        #expect(search.arrayValue?.map { $0["id"] } == [.string(employee.id)])
        let positions = try await loopback.perform("hibob", "search_positions", [:])
        #expect(positions != .null)
        let openings = try await loopback.perform("hibob", "search_openings", [:])
        #expect(openings != .null)
        do {
            _ = try await loopback.perform("hibob", "get_employee", ["id": "0000000000000000000"])
            Issue.record("unknown employee found")
        } catch let error as ConnectorError {
            #expect(error.status == 404)
        }
        await loopback.stop()
    }

    @Test func doceboCreatesFindsUpdatesDeactivatesAndDeletesAUser() async throws {
        let loopback = try SandboxLoopback()
        let email = "grace.hopper.\(UUID().uuidString.prefix(6).lowercased())@example.com"
        #expect(try await loopback.perform("docebo", "find_user_by_email", ["email": .string(email)]) == .null)
        let created = try await loopback.perform(
            "docebo", "create_user",
            ["userid": .string(email), "email": .string(email), "firstname": "Grace", "lastname": "Hopper", "valid": 1])
        let userID = try #require(created["user_id"])
        let found = try await loopback.perform("docebo", "find_user_by_email", ["email": .string(email.uppercased())])
        #expect(found["email"]?.stringValue?.lowercased() == email)
        func grace() -> DoceboUser? { loopback.sandbox.doceboUsers.first { $0.email == email } }
        #expect(grace()?.status == 1)
        _ = try await loopback.perform("docebo", "update_user", ["user_id": userID, "lastname": "Murray Hopper", "valid": 0])
        #expect(grace()?.lastName == "Murray Hopper")
        #expect(grace()?.status == 1, "update cannot deactivate: valid is not in Docebo's update schema")
        _ = try await loopback.perform("docebo", "change_status", ["user_id": userID, "status": 0])
        #expect(grace()?.status == 0)
        _ = try await loopback.perform("docebo", "get_user", ["user_id": userID])
        _ = try await loopback.perform("docebo", "delete_user", ["user_id": userID])
        #expect(!loopback.sandbox.doceboUsers.contains { $0.email == email })
        await loopback.stop()
    }

    @Test func learning360CreatesUpdatesAndDeactivatesAUser() async throws {
        let loopback = try SandboxLoopback()
        let created = try await loopback.perform(
            "360learning", "create_user", ["mail": "ada@example.com", "firstName": "Ada", "lastName": "Lovelace"])
        let userID = try #require(created["_id"] ?? created["id"] ?? created["user_id"])
        func ada() -> Learning360User? { loopback.sandbox.learning360Users.first { $0.mail == "ada@example.com" } }
        #expect(ada()?.deleted == false)
        _ = try await loopback.perform("360learning", "update_user", ["user_id": userID, "job": "Analyst", "lastName": "King"])
        #expect(ada()?.job == "Analyst")
        #expect(ada()?.lastName == "King")
        _ = try await loopback.perform("360learning", "deactivate_user", ["user_id": userID])
        #expect(ada()?.deleted == true, "deactivated: 360Learning keeps the user, disabled")
        #expect(ada()?.deletedAt.count == 1)
        #expect(try await loopback.perform("360learning", "deactivate_user", ["user_id": userID]) == .null)
        await loopback.stop()
    }

    @Test func greenhouseReadsRecordsAndAddsANote() async throws {
        let loopback = try SandboxLoopback()
        let application = try #require(loopback.sandbox.greenhouseApplications.first)
        let candidate = try #require(loopback.sandbox.greenhouseCandidates.first { $0.id == application.candidateID })
        #expect(try await loopback.perform("greenhouse", "get_candidate", ["id": .int(candidate.id)])["id"] == .int(candidate.id))
        let byEmail = try await loopback.perform("greenhouse", "find_candidate_by_email", ["email": .string(candidate.email)])
        #expect(byEmail["id"] == .int(candidate.id))
        #expect(try await loopback.perform("greenhouse", "get_application", ["id": .int(application.id)])["id"] == .int(application.id))
        #expect(try await loopback.perform("greenhouse", "get_job", ["id": .int(application.jobID)])["id"] == .int(application.jobID))
        let stages = try await loopback.perform("greenhouse", "get_job_stages", ["job_id": .int(application.jobID)])
        #expect((stages.arrayValue?.count ?? 0) > 0)
        _ = try await loopback.perform(
            "greenhouse", "add_note", ["candidate_id": .int(candidate.id), "body": "Reference check report: https://example.com/r/1"])
        #expect(loopback.sandbox.greenhouseNotes.contains { $0.body.hasPrefix("Reference check report") })
        await loopback.stop()
    }

    @Test func recruitReachdeskAndHiPeopleFollowTheAssumedAPIs() async throws {
        let loopback = try SandboxLoopback()
        let position = try await loopback.perform(
            "recruit", "create_position", ["externalId": "pos-1", "title": "Backend Engineer", "department": "Engineering"])
        let positionID = try #require(position["id"])
        let again = try await loopback.perform("recruit", "get_position_by_external_id", ["externalId": "pos-1"])
        #expect(again["id"] == positionID)
        let opening = try await loopback.perform(
            "recruit", "create_opening", ["positionId": positionID, "externalId": "open-1", "name": "Backend #1", "status": "open"])
        let openingID = try #require(opening["id"])
        _ = try await loopback.perform("recruit", "update_opening", ["openingId": openingID, "status": "on_hold"])
        #expect(try await loopback.perform("recruit", "get_opening_by_external_id", ["externalId": "open-1"])["status"] == "on_hold")
        _ = try await loopback.perform("recruit", "remove_opening", ["openingId": openingID])
        #expect(loopback.sandbox.recruitOpenings.isEmpty)

        _ = try await loopback.perform(
            "reachdesk", "upsert_recipient",
            ["externalId": "3332883894235038486", "email": "ada@example.com", "firstName": "Ada", "lastName": "Lovelace"])
        #expect(try await loopback.perform("reachdesk", "get_recipient", ["externalId": "3332883894235038486"])["email"] == "ada@example.com")
        let listed = try await loopback.perform("reachdesk", "list_recipients", [:])
        #expect(listed != .null)
        _ = try await loopback.perform("reachdesk", "remove_recipient", ["externalId": "3332883894235038486"])
        #expect(loopback.sandbox.reachdeskRecipients.isEmpty)

        let roles = try await loopback.perform("hipeople", "list_roles", [:])
        let roleID = try #require(roles.arrayValue?.first?["id"] ?? roles["result"]?.arrayValue?.first?["id"])
        let candidate = try await loopback.perform(
            "hipeople", "create_candidate",
            ["email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace", "role_id": roleID, "ats_candidate_id": "77"])
        let candidateID = try #require(candidate["id"])
        let first = try await loopback.perform("hipeople", "send_reference_check", ["candidate_id": candidateID, "idempotency_key": "k1"])
        let repeated = try await loopback.perform("hipeople", "send_reference_check", ["candidate_id": candidateID, "idempotency_key": "k1"])
        #expect(first["id"] == repeated["id"])
        _ = try await loopback.perform("hipeople", "send_assessment", ["candidate_id": candidateID, "idempotency_key": "k2"])
        _ = try await loopback.perform("hipeople", "update_candidate", ["id": candidateID, "status": "hired"])
        #expect(try await loopback.perform("hipeople", "get_reference_check", ["id": first["id"]!])["status"] == "sent")
        await loopback.stop()
    }

    @Test func wrongCredentialsAreA401AndNoSecretLeaks() async throws {
        var configuration = SandboxConfiguration()
        configuration.companySize = 50
        let server = SandboxServer(configuration)
        try server.start()
        var environment = server.connectionEnvironment
        environment["HIBOB_TOKEN"] = "wrong-token-value-123"
        let (runtime, file) = try sandboxRuntime(server, environment: environment)
        let connector = try #require(runtime.registry["hibob"])
        do {
            _ = try await connector.perform(
                ActionRequest(connection: "hibob", action: "get_employee", input: ["id": "1"], jobID: "j", path: StepPath([])))
            Issue.record("accepted a wrong token")
        } catch let error as ConnectorError {
            #expect(error.status == 401)
            let text = "\(error) \(error.details?.jsonString() ?? "")"
            #expect(text.contains("401"))
            #expect(!text.contains("wrong-token-value-123"))
        }
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }
}
