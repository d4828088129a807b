import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeSandbox
import RecipeTestSupport
import Synchronization
import Testing

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
        try server.start()
        let (runtime, file) = try sandboxRuntime(
            server, clock: clocks.connector, observer: { _, attempts in clocks.attempts.withLock { $0 += attempts } })
        return (server, try #require(runtime.registry["docebo"]), file)
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
        try server.start()
        let (runtime, file) = try sandboxRuntime(
            server, clock: clock, observer: { _, attempts in statuses.withLock { $0 += attempts.map(\.status) } })
        let hibob = try #require(runtime.registry["hibob"])
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
