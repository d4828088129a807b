import Foundation
import RecipeData
import RecipeHTTPCore
import Testing

@testable import RecipeSandbox

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Dropped connections as a fault: `dropRate` and `dropNext`, at the handler and over loopback.
@Suite struct DropFaultTests {
    static let recruitAuth = ("Authorization", "Bearer sandbox-recruit-token")

    /// Which of `count` recruit requests were dropped (the clock moves 1 s per request, so the
    /// rate limit never interferes).
    func dropPattern(rate: Double, count: Int) async -> [Bool] {
        let harness = Harness()
        harness.sandbox.setFaults(FaultSettings(dropRate: rate), for: .recruit)
        var dropped: [Bool] = []
        for _ in 0..<count {
            let response = await harness.send(.get, "/recruit/v1/positions", headers: [Self.recruitAuth])
            #expect(response.dropsConnection || response.status == 200)
            dropped.append(response.dropsConnection)
            harness.clock.advance(1)
        }
        #expect(harness.sandbox.state(of: .recruit)["requests"]?["dropped"] == .int(dropped.filter { $0 }.count))
        return dropped
    }

    @Test func dropRate_DropsAboutThatShare_Deterministically() async {
        let first = await dropPattern(rate: 0.25, count: 400)
        let drops = first.filter { $0 }.count
        #expect((60...140).contains(drops), "dropped \(drops) of 400 at rate 0.25")
        #expect(first == (await dropPattern(rate: 0.25, count: 400)), "same seed, same drops")
        #expect(await dropPattern(rate: 0, count: 20).allSatisfy { !$0 })
        #expect(await dropPattern(rate: 1, count: 20).allSatisfy { $0 })
    }

    @Test func dropNext_OverTheAdminEndpoint_ThenNormal() async {
        let harness = Harness()
        let set = await harness.send(.post, "/_sandbox/faults", json: ["vendor": "hibob", "dropNext": 2, "latencyMs": 0])
        #expect(set.status == 200 && set.json["dropNext"] == 2 && set.json["dropRate"] == .double(0))
        #expect(await harness.send(.get, "/_sandbox/faults").json["hibob"]?["dropNext"] == 2)
        for _ in 0..<2 {
            #expect(await harness.send(.post, "/hibob/v1/people/search", headers: [harness.hibobAuth], json: [:]).dropsConnection)
            // Another vendor answers meanwhile.
            #expect(await harness.send(.get, "/recruit/v1/positions", headers: [Self.recruitAuth]).status == 200)
        }
        let after = await harness.send(.post, "/hibob/v1/people/search", headers: [harness.hibobAuth], json: [:])
        #expect(!after.dropsConnection && after.status == 200)
        let faults = await harness.send(.get, "/_sandbox/faults").json
        #expect(faults["hibob"]?["dropNext"] == 0)
        let state = await harness.send(.get, "/_sandbox/state/hibob").json
        #expect(state["requests"]?["dropped"] == 2 && state["requests"]?["byStatus"]?["200"] == 1)
    }

    @Test func forcedDropsComeBeforeForcedStatuses() {
        let harness = Harness()
        harness.sandbox.setFaults(FaultSettings(forced: [ForcedStatus(status: 503)], dropNext: 1), for: .docebo)
        let injector = harness.sandbox.faults
        #expect(injector.decide(for: .docebo).response?.dropsConnection == true)
        #expect(injector.decide(for: .docebo).response?.status == 503)
        #expect(injector.decide(for: .docebo).response == nil)
    }

    @Test(arguments: [
        ["vendor": "hibob", "dropRate": 1.5] as JSONValue, ["vendor": "hibob", "dropRate": -0.1],
        ["vendor": "hibob", "dropNext": -1], ["vendor": "hibob", "errorRate": 2],
    ])
    func outOfRangeFaultsAreRefused(_ body: JSONValue) async {
        let harness = Harness()
        #expect(await harness.send(.post, "/_sandbox/faults", json: body).status == 400)
        #expect(harness.sandbox.faults(for: .hibob) == FaultSettings())
    }

    /// One request on a fresh session, so a dropped connection is never a reused one (which
    /// the client could silently retry).
    static func fetch(_ url: String, method: String = "GET", headers: [String: String] = [:], body: JSONValue? = nil)
        async throws -> (Int, JSONValue)
    {
        var request = URLRequest(url: try #require(URL(string: url)), timeoutInterval: 10)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.httpBody = Data(body.jsonBytes())
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, (try? JSONParser.parseValue(Array(data))) ?? .null)
    }

    @Test func loopback_DroppedVendorFailsWithANetworkError_OthersAnswer() async throws {
        var configuration = SandboxConfiguration()
        configuration.companySize = 50
        let server = SandboxServer(configuration)
        try server.start()
        let base = server.baseURL
        server.sandbox.setFaults(FaultSettings(dropRate: 1), for: .hibob)
        let basic = "Basic " + Data("sandbox-service-user:sandbox-hibob-token".utf8).base64EncodedString()
        let recruit = ["Authorization": "Bearer sandbox-recruit-token"]

        await #expect(throws: URLError.self) {
            _ = try await Self.fetch(base + "/hibob/v1/people/search", method: "POST", headers: ["Authorization": basic], body: [:])
        }
        #expect(try await Self.fetch(base + "/recruit/v1/positions", headers: recruit).0 == 200)

        // Forced drops over the admin endpoint: the next recruit request fails, then it answers.
        let set = try await Self.fetch(base + "/_sandbox/faults", method: "POST", body: ["vendor": "recruit", "dropNext": 1])
        #expect(set.0 == 200)
        await #expect(throws: URLError.self) { _ = try await Self.fetch(base + "/recruit/v1/positions", headers: recruit) }
        #expect(try await Self.fetch(base + "/recruit/v1/positions", headers: recruit).0 == 200)
        let faults = try await Self.fetch(base + "/_sandbox/faults").1
        #expect(faults["hibob"]?["dropRate"] == .double(1) && faults["recruit"]?["dropNext"] == 0)
        #expect((server.sandbox.requestCounts(for: .hibob)[0] ?? 0) >= 1)
        await server.shutdown()
    }
}
