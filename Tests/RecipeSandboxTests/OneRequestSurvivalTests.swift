import Foundation
import RecipeData
import RecipeHTTP
import RecipeHTTPCore
import Testing

@testable import RecipeSandbox

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Issue 7 §4: single requests that used to kill the sandbox (HTTP and SMTP together) with an
/// arithmetic-overflow trap. Over real HTTP against a running `SandboxServer`: each number on
/// both sides of its named limit, the vendor's documented error past it, and after every
/// request the sandbox still answers HTTP and greets on SMTP.
@Suite(.serialized)
struct OneRequestSurvivalTests {
    struct Probe: Sendable, CustomStringConvertible {
        var name: String
        var vendor: String
        var method = "GET"
        /// `{v}` is replaced by each value, in the path or in the JSON body text.
        var path: String
        var body: String?
        var accepted: [String]
        var refused: [String]
        var refusedStatus = 400
        var description: String { name }
    }

    static let huge = "9223372036854775807"

    static let probes: [Probe] = [
        Probe(
            name: "Greenhouse candidates page", vendor: "greenhouse", path: "/greenhouse/v1/candidates?page={v}",
            accepted: ["1", "1000000"], refused: ["1000001", huge, "0", "x"], refusedStatus: 422),
        Probe(
            name: "Greenhouse applications page", vendor: "greenhouse", path: "/greenhouse/v1/applications?page={v}",
            accepted: ["1000000"], refused: ["1000001", huge], refusedStatus: 422),
        Probe(
            name: "Greenhouse per_page", vendor: "greenhouse", path: "/greenhouse/v1/jobs?per_page={v}",
            accepted: ["500"], refused: ["501", huge], refusedStatus: 422),
        Probe(
            name: "Docebo users page", vendor: "docebo", path: "/docebo/manage/v1/user?page={v}",
            accepted: ["1000000"], refused: ["1000001", huge]),
        Probe(
            name: "Docebo users page_size", vendor: "docebo", path: "/docebo/manage/v1/user?page_size={v}",
            accepted: ["200"], refused: ["201", huge]),
        Probe(
            name: "HiBob openings cursor", vendor: "hibob", method: "POST",
            path: "/hibob/v1/positions/position-openings/search", body: #"{"pagination": {"cursor": "o{v}"}}"#,
            accepted: ["1000000000"], refused: ["1000000001", huge, "-1"]),
        Probe(
            name: "HiBob openings limit", vendor: "hibob", method: "POST",
            path: "/hibob/v1/positions/position-openings/search", body: #"{"pagination": {"limit": {v}}}"#,
            accepted: ["200"], refused: ["201", huge, "1e300"]),
        Probe(
            name: "360Learning users next", vendor: "360learning", path: "/360learning/api/v2/users?next={v}",
            accepted: ["1000000000"], refused: ["1000000001", huge, "-1"]),
        Probe(
            name: "Reachdesk cursor", vendor: "reachdesk", path: "/reachdesk/v1/recipients?cursor={v}",
            accepted: ["1000000000"], refused: ["1000000001", huge]),
        Probe(
            name: "Reachdesk limit", vendor: "reachdesk", path: "/reachdesk/v1/recipients?limit={v}",
            accepted: ["500"], refused: ["501", huge]),
        Probe(
            name: "HiPeople skip", vendor: "hipeople", path: "/hipeople/api/open_job_roles?skip={v}",
            accepted: ["1000000000"], refused: ["1000000001", huge]),
        Probe(
            name: "HiPeople limit", vendor: "hipeople", path: "/hipeople/api/open_job_roles?limit={v}",
            accepted: ["100"], refused: ["101", huge]),
        Probe(
            name: "fault latencyMs", vendor: "admin", method: "POST", path: "/_sandbox/faults",
            body: #"{"vendor": "recruit", "latencyMs": {v}}"#, accepted: ["60000"], refused: ["60001", huge, "-1"]),
        Probe(
            name: "fault stallMs", vendor: "admin", method: "POST", path: "/_sandbox/faults",
            body: #"{"vendor": "recruit", "stallNext": 1, "stallMs": {v}}"#, accepted: ["300000"], refused: ["300001", huge]),
        Probe(
            name: "fault status", vendor: "admin", method: "POST", path: "/_sandbox/faults",
            body: #"{"vendor": "recruit", "forced": [{"status": {v}}]}"#,
            accepted: ["400", "599"], refused: ["399", "600", "99999", "-5", "0", huge]),
        Probe(
            name: "fault count", vendor: "admin", method: "POST", path: "/_sandbox/faults",
            body: #"{"vendor": "recruit", "forced": [{"status": 503, "count": {v}}], "dropNext": 0}"#,
            accepted: ["1000000"], refused: ["1000001", "0", "-9223372036854775808"]),
        Probe(
            name: "terminate date year", vendor: "admin", method: "POST",
            path: "/_sandbox/hibob/employees/{id}/terminate", body: #"{"date": "{v}-01-01"}"#,
            // An unreadable date means "today" on this endpoint: refused here is 200, not a trap.
            accepted: ["9999"], refused: [huge, "10000"], refusedStatus: 200),
    ]

    @Test(arguments: probes)
    func oneRequestLeavesTheSandboxServing(_ probe: Probe) async throws {
        var configuration = SandboxConfiguration()
        configuration.companySize = 50
        let server = SandboxServer(configuration)
        try server.start()
        let employee = server.sandbox.hibobEmployees.first?.id ?? ""
        for (values, expected) in [(probe.accepted, 200), (probe.refused, probe.refusedStatus)] {
            for value in values {
                let headers = try await Self.credentials(probe.vendor, server)  // a reset forgets tokens
                let path = probe.path.replacingOccurrences(of: "{v}", with: value).replacingOccurrences(of: "{id}", with: employee)
                let body = probe.body?.replacingOccurrences(of: "{v}", with: value)
                let (status, answer) = try await Self.send(server.baseURL + path, probe.method, headers, body)
                #expect(status == expected, "\(probe.name) = \(value): \(String(decoding: answer, as: UTF8.self))")
                try await Self.expectAlive(server)
                #expect(try await Self.send(server.baseURL + "/_sandbox/reset", "POST", [:], nil).0 == 204)
            }
        }
        await server.shutdown()
    }

    /// The next HTTP request is answered and the SMTP sink still greets.
    static func expectAlive(_ server: SandboxServer) async throws {
        #expect(try await send(server.baseURL + "/_sandbox/faults", "GET", [:], nil).0 == 200)
        let connection = try TCPConnection.connect(host: "127.0.0.1", port: server.smtpPort, timeout: 5)
        defer { connection.close() }
        #expect(String(decoding: try connection.read(), as: UTF8.self).hasPrefix("220 "))
    }

    static func credentials(_ vendor: String, _ server: SandboxServer) async throws -> [String: String] {
        func basic(_ user: String, _ password: String) -> String {
            "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        }
        switch vendor {
        case "hibob": return ["Authorization": basic("sandbox-service-user", "sandbox-hibob-token")]
        case "greenhouse": return ["Authorization": basic("sandbox-greenhouse-key", "")]
        case "reachdesk": return ["Authorization": "Bearer sandbox-reachdesk-token"]
        case "hipeople": return ["X-API-Key": "sandbox-hipeople-key", "X-API-Secret": "sandbox-hipeople-secret"]
        case "docebo":
            let body = #"{"grant_type": "client_credentials", "client_id": "sandbox-docebo-client", "client_secret": "sandbox-docebo-secret"}"#
            let (_, answer) = try await send(server.baseURL + "/docebo/oauth2/token", "POST", [:], body)
            let token = try JSONParser.parseValue(answer)["access_token"]?.stringValue ?? ""
            return ["Authorization": "Bearer \(token)"]
        case "360learning":
            let body = #"{"grant_type": "client_credentials", "client_id": "sandbox-360-client", "client_secret": "sandbox-360-secret"}"#
            let (_, answer) = try await send(server.baseURL + "/360learning/api/v2/oauth2/token", "POST", [:], body)
            let token = try JSONParser.parseValue(answer)["access_token"]?.stringValue ?? ""
            return ["Authorization": "Bearer \(token)", "360-api-version": "v2.0"]
        default: return [:]
        }
    }

    static func send(_ url: String, _ method: String, _ headers: [String: String], _ body: String?) async throws -> (Int, [UInt8]) {
        var request = URLRequest(url: try #require(URL(string: url)), timeoutInterval: 10)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, Array(data))
    }
}
