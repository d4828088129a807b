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
        let port = try server.start()
        let example = try String(contentsOf: URL(fileURLWithPath: ConnectorHarness.exampleConnections), encoding: .utf8)
        connectionsFile = FileManager.default.temporaryDirectory.appendingPathComponent("connections-\(UUID().uuidString).json")
        try example.replacingOccurrences(of: "127.0.0.1:8099", with: "127.0.0.1:\(port)")
            .write(to: connectionsFile, atomically: true, encoding: .utf8)
        let (runtime, diagnostics) = ConnectorSetup.load(
            definitionsDirectory: ConnectorHarness.connectorsDirectory, connectionsFile: connectionsFile.path,
            secrets: SecretResolver(environment: server.connectionEnvironment))
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        self.runtime = try #require(runtime)
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
        _ = try await loopback.perform("docebo", "update_user", ["user_id": userID, "lastname": "Murray Hopper"])
        #expect(loopback.sandbox.doceboUsers.first { $0.email == email }?.lastName == "Murray Hopper")
        _ = try await loopback.perform("docebo", "change_status", ["user_id": userID, "status": 0])
        #expect(loopback.sandbox.doceboUsers.first { $0.email == email }?.status == 0)
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
        _ = try await loopback.perform("360learning", "update_user", ["user_id": userID, "job": "Analyst"])
        _ = try await loopback.perform("360learning", "deactivate_user", ["user_id": userID])
        #expect(loopback.sandbox.learning360Users.contains { $0.mail == "ada@example.com" })
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
        let port = try server.start()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("connections-\(UUID().uuidString).json")
        let example = try String(contentsOf: URL(fileURLWithPath: ConnectorHarness.exampleConnections), encoding: .utf8)
        try example.replacingOccurrences(of: "127.0.0.1:8099", with: "127.0.0.1:\(port)").write(to: file, atomically: true, encoding: .utf8)
        var environment = server.connectionEnvironment
        environment["HIBOB_TOKEN"] = "wrong-token-value-123"
        let (runtime, _) = ConnectorSetup.load(
            definitionsDirectory: ConnectorHarness.connectorsDirectory, connectionsFile: file.path,
            secrets: SecretResolver(environment: environment))
        let connector = try #require(runtime?.registry["hibob"])
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

/// OAuth2 token lifetimes over real HTTP: the sandbox's clock and the connector's clock are
/// moved independently, so both an expired token (401, one re-auth) and early refresh happen.
@Suite(.serialized)
struct TokenLifetimeLoopbackTests {
    final class Clocks: Sendable {
        let sandboxTime = Mutex(Date())
        let connector = ManualClock(start: Date())
        let attempts = Mutex<[AttemptRecord]>([])

        func advanceSandbox(by seconds: TimeInterval) { sandboxTime.withLock { $0 = $0.addingTimeInterval(seconds) } }
        var tokenRequests: Int { attempts.withLock { $0.filter { $0.purpose == "token" }.count } }
        var statuses: [Int?] { attempts.withLock { $0.map(\.status) } }
    }

    func connector(_ clocks: Clocks) throws -> (SandboxServer, any Connector, URL) {
        var configuration = SandboxConfiguration()
        configuration.companySize = 50
        configuration.clock = { clocks.sandboxTime.withLock { $0 } }
        let server = SandboxServer(configuration)
        let port = try server.start()
        let example = try String(contentsOf: URL(fileURLWithPath: ConnectorHarness.exampleConnections), encoding: .utf8)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("connections-\(UUID().uuidString).json")
        try example.replacingOccurrences(of: "127.0.0.1:8099", with: "127.0.0.1:\(port)").write(to: file, atomically: true, encoding: .utf8)
        let (runtime, _) = ConnectorSetup.load(
            definitionsDirectory: ConnectorHarness.connectorsDirectory, connectionsFile: file.path,
            secrets: SecretResolver(environment: server.connectionEnvironment), clock: clocks.connector,
            observer: { _, attempts in clocks.attempts.withLock { $0 += attempts } })
        return (server, try #require(runtime?.registry["docebo"]), file)
    }

    func find(_ connector: any Connector) async throws -> JSONValue {
        try await connector.perform(
            ActionRequest(connection: "docebo", action: "find_user_by_email", input: ["email": "nobody@example.com"], jobID: "j", path: StepPath([])))
    }

    @Test func anExpiredTokenIsReplacedOnceAfterA401() async throws {
        let clocks = Clocks()
        let (server, docebo, file) = try connector(clocks)
        #expect(try await find(docebo) == .null)
        #expect(clocks.tokenRequests == 1)
        clocks.advanceSandbox(by: 7200)  // the sandbox now considers the cached token expired
        #expect(try await find(docebo) == .null)
        #expect(clocks.tokenRequests == 2)
        #expect(clocks.statuses.contains(401))
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }

    @Test func aTokenCloseToExpiryIsRefreshedBeforeUse() async throws {
        let clocks = Clocks()
        let (server, docebo, file) = try connector(clocks)
        _ = try await find(docebo)
        clocks.advanceSandbox(by: 3_570)
        clocks.connector.advance(by: 3_570)  // within the refresh margin of the 3,600 s lifetime
        _ = try await find(docebo)
        #expect(clocks.tokenRequests == 2)
        #expect(!clocks.statuses.contains(401))
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }
}

/// The connector paces itself by the vendor's documented limit (HiBob search: 50 a minute, with
/// a burst of 5), so the sandbox, which enforces 50 per fixed minute on a shared manual clock,
/// refuses at most the burst's worth at a window edge, and those are retried after Retry-After.
/// Without pacing, 10 of the 60 would be refused.
@Suite(.serialized)
struct RateLimitLoopbackTests {
    @Test func sixtySearchesStayUnderHiBobsLimit() async throws {
        let clock = ManualClock(start: Date())
        let statuses = Mutex<[Int?]>([])
        var configuration = SandboxConfiguration()
        configuration.companySize = 50
        configuration.clock = { clock.now() }
        let server = SandboxServer(configuration)
        let port = try server.start()
        let example = try String(contentsOf: URL(fileURLWithPath: ConnectorHarness.exampleConnections), encoding: .utf8)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("connections-\(UUID().uuidString).json")
        try example.replacingOccurrences(of: "127.0.0.1:8099", with: "127.0.0.1:\(port)").write(to: file, atomically: true, encoding: .utf8)
        let (runtime, _) = ConnectorSetup.load(
            definitionsDirectory: ConnectorHarness.connectorsDirectory, connectionsFile: file.path,
            secrets: SecretResolver(environment: server.connectionEnvironment), clock: clock,
            observer: { _, attempts in statuses.withLock { $0 += attempts.map(\.status) } })
        let hibob = try #require(runtime?.registry["hibob"])
        let employee = try #require(server.sandbox.hibobEmployees.first { $0.status == .active })
        let started = clock.now()
        let filter: JSONValue = ["fieldPath": "root.id", "operator": "equals", "values": [.string(employee.id)]]
        for _ in 0..<60 {
            let found = try await hibob.perform(
                ActionRequest(
                    connection: "hibob", action: "search_people", input: ["fields": ["root.id"], "filters": [filter]],
                    jobID: "j", path: StepPath([])))
            #expect(found.arrayValue?.count == 1)
        }
        let seen = statuses.withLock { $0 }
        #expect(seen.filter { $0 == 200 }.count == 60)
        #expect(seen.filter { $0 == 429 }.count <= 5, "\(seen)")
        // 5 in the initial burst, then 55 more at 50 a minute: at least 66 s of (manual) waiting.
        #expect(clock.now().timeIntervalSince(started) >= 60)
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }
}

/// Vendor failures over real HTTP, injected by the sandbox: 503 with Retry-After is waited for
/// and retried; a dropped connection on an idempotent read is retried; a 500 on a write is not.
@Suite(.serialized)
struct FaultLoopbackTests {
    final class AttemptLog: Sendable {
        let records = Mutex<[AttemptRecord]>([])
    }

    /// - Parameter timeout: when set, every connection's request timeout (`"timeout"` in the file).
    func setUp(_ clock: ManualClock, _ attempts: AttemptLog, timeout: String? = nil) throws -> (SandboxServer, ConnectorRuntime, URL) {
        var configuration = SandboxConfiguration()
        configuration.companySize = 50
        let server = SandboxServer(configuration)
        let port = try server.start()
        var example = try String(contentsOf: URL(fileURLWithPath: ConnectorHarness.exampleConnections), encoding: .utf8)
        if let timeout { example = example.replacingOccurrences(of: "\"baseURL\":", with: "\"timeout\": \"\(timeout)\", \"baseURL\":") }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("connections-\(UUID().uuidString).json")
        try example.replacingOccurrences(of: "127.0.0.1:8099", with: "127.0.0.1:\(port)").write(to: file, atomically: true, encoding: .utf8)
        let (runtime, _) = ConnectorSetup.load(
            definitionsDirectory: ConnectorHarness.connectorsDirectory, connectionsFile: file.path,
            secrets: SecretResolver(environment: server.connectionEnvironment), clock: clock,
            observer: { _, records in attempts.records.withLock { $0 += records } }, jitter: { $0 })
        return (server, try #require(runtime), file)
    }

    func request(_ connection: String, _ action: String, _ input: JSONValue) -> ActionRequest {
        ActionRequest(connection: connection, action: action, input: input, jobID: "j", path: StepPath([]))
    }

    @Test func a503WithRetryAfterIsWaitedForAndRetried() async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts)
        let employee = try #require(server.sandbox.hibobEmployees.first { $0.status == .active })
        server.sandbox.setFaults(FaultSettings(forced: [ForcedStatus(status: 503, count: 2, retryAfter: 7)]), for: .hibob)
        let hibob = try #require(runtime.registry["hibob"])
        let found = try await hibob.perform(request("hibob", "get_employee", ["id": .string(employee.id)]))
        #expect(found["id"] == .string(employee.id))
        #expect(attempts.records.withLock { $0.map(\.status) } == [503, 503, 200])
        #expect(clock.sleeps.filter { $0 == .seconds(7) }.count == 2)
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }

    @Test func aDroppedConnectionOnAReadIsRetried() async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts)
        let employee = try #require(server.sandbox.hibobEmployees.first { $0.status == .active })
        server.sandbox.setFaults(FaultSettings(dropNext: 1), for: .hibob)
        let hibob = try #require(runtime.registry["hibob"])
        let found = try await hibob.perform(request("hibob", "get_employee", ["id": .string(employee.id)]))
        #expect(found["id"] == .string(employee.id))
        #expect(attempts.records.withLock { $0.map(\.status) } == [nil, 200])
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }

    /// A token request is only a credential fetch: a 503 (after its Retry-After) and a 500 (after
    /// backoff) are retried like an idempotent request before the action goes out.
    @Test func aFailingTokenRequestIsRetried() async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts)
        server.sandbox.setFaults(
            FaultSettings(forced: [ForcedStatus(status: 503, count: 1, retryAfter: 4), ForcedStatus(status: 500, count: 1)]), for: .docebo)
        let docebo = try #require(runtime.registry["docebo"])
        let found = try await docebo.perform(request("docebo", "find_user_by_email", ["email": "nobody@example.com"]))
        #expect(found == .null)
        let records = attempts.records.withLock { $0 }
        #expect(records.map(\.purpose) == ["token", "token (attempt 2)", "token (attempt 3)", "action"])
        #expect(records.map(\.status) == [503, 500, 200, 200])
        #expect(clock.sleeps.contains(.seconds(4)))
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }

    /// A read that outlives the connection's timeout is abandoned and retried; the stalled
    /// request's late answer is never used. The 300 ms timeout is below a second on purpose:
    /// URLSession alone would turn it into 0 ms and fail every attempt at once.
    @Test func aTimedOutReadIsRetried() async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts, timeout: "300ms")
        let employee = try #require(server.sandbox.hibobEmployees.first { $0.status == .active })
        server.sandbox.setFaults(FaultSettings(stallNext: 1, stallMilliseconds: 1_500), for: .hibob)
        let hibob = try #require(runtime.registry["hibob"])
        let found = try await hibob.perform(request("hibob", "get_employee", ["id": .string(employee.id)]))
        #expect(found["id"] == .string(employee.id))
        let records = attempts.records.withLock { $0 }
        #expect(records.map(\.status) == [nil, 200])
        #expect(records.first?.failure?.contains("no response in time") == true)
        #expect(records.first?.retryReason != nil)
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }

    /// A write that times out may have happened: without a dedupe check it is not sent again,
    /// and the vendor ends up with exactly one note.
    @Test func aTimedOutWriteWithoutADedupeCheckIsNotRetried() async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts, timeout: "300ms")
        let candidate = try #require(server.sandbox.greenhouseCandidates.first)
        server.sandbox.setFaults(FaultSettings(stallNext: 1, stallMilliseconds: 1_000), for: .greenhouse)
        let greenhouse = try #require(runtime.registry["greenhouse"])
        do {
            _ = try await greenhouse.perform(request("greenhouse", "add_note", ["candidate_id": .int(candidate.id), "body": "late"]))
            Issue.record("a stalled write succeeded")
        } catch let error as ConnectorError {
            #expect(error.status == nil)
            #expect(error.message.contains("no response in time"))
        }
        #expect(attempts.records.withLock { $0.map(\.status) } == [nil])
        await server.shutdown()  // waits for the stalled request, which the vendor still carries out
        #expect(server.sandbox.greenhouseNotes.count == 1)
        try? FileManager.default.removeItem(at: file)
    }

    /// Cancelling the calling task (a job being stopped) abandons a request in flight instead
    /// of waiting for the vendor.
    @Test func cancellingTheCallerAbandonsTheRequest() async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts, timeout: "30s")
        let employee = try #require(server.sandbox.hibobEmployees.first { $0.status == .active })
        server.sandbox.setFaults(FaultSettings(stallNext: 1, stallMilliseconds: 3_000), for: .hibob)
        let hibob = try #require(runtime.registry["hibob"])
        let call = Task { try await hibob.perform(self.request("hibob", "get_employee", ["id": .string(employee.id)])) }
        while server.sandbox.faults(for: .hibob).stallNext > 0 { try await Task.sleep(for: .milliseconds(10)) }
        call.cancel()
        let outcome = await call.result
        #expect(throws: ConnectorError.self) { try outcome.get() }
        #expect(attempts.records.withLock { $0.map(\.status) } == [nil])
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }

    @Test func a500OnAWriteWithoutADedupeCheckIsNotRetried() async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts)
        let candidate = try #require(server.sandbox.greenhouseCandidates.first)
        server.sandbox.setFaults(FaultSettings(forced: [ForcedStatus(status: 500, count: 1)]), for: .greenhouse)
        let greenhouse = try #require(runtime.registry["greenhouse"])
        do {
            _ = try await greenhouse.perform(request("greenhouse", "add_note", ["candidate_id": .int(candidate.id), "body": "note"]))
            Issue.record("a forced 500 succeeded")
        } catch let error as ConnectorError {
            #expect(error.status == 500)
            #expect(error.retryable)  // the recipe's own retry policy may still decide to retry
        }
        #expect(attempts.records.withLock { $0.map(\.status) } == [500])
        #expect(server.sandbox.greenhouseNotes.isEmpty)
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }

    @Test func a500OnAWriteWithADedupeCheckIsRetriedAfterTheCheck() async throws {
        let clock = ManualClock(start: Date())
        let attempts = AttemptLog()
        let (server, runtime, file) = try setUp(clock, attempts)
        let docebo = try #require(runtime.registry["docebo"])
        // Fetch the OAuth token first, so the injected 500 hits the create itself.
        #expect(try await docebo.perform(request("docebo", "find_user_by_email", ["email": "dedupe@example.com"])) == .null)
        server.sandbox.setFaults(FaultSettings(forced: [ForcedStatus(status: 500, count: 1)]), for: .docebo)
        let created = try await docebo.perform(
            request("docebo", "create_user", ["userid": "dedupe@example.com", "email": "dedupe@example.com", "firstname": "D"]))
        #expect(created["user_id"] != nil)
        #expect(server.sandbox.doceboUsers.filter { $0.email == "dedupe@example.com" }.count == 1)
        let purposes = attempts.records.withLock { $0.map(\.purpose) }
        #expect(purposes.contains("check"))
        await server.shutdown()
        try? FileManager.default.removeItem(at: file)
    }
}
