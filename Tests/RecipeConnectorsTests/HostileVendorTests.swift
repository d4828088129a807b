// Issue 7 §5: no answer from a vendor can make the engine trap or hang. A loopback server
// answers with generated status lines, headers and bodies (seeded, so a failure names the case
// that reproduces it); each answer goes through the production transport (`URLSessionClient`)
// and through the connector response path (retry decision, rate-limit pause, `responseValue`,
// `vendorError`, output templates) of the shipped connector definitions.
import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeHTTPCore
import RecipeSandbox
import RecipeTestSupport
import Synchronization
import Testing

/// Answers every connection with the current raw response, then closes it (a `RawHTTPPeer`).
final class HostileVendor: Sendable {
    private final class Answer: Sendable { let bytes = Mutex<[UInt8]>([]) }
    private let current = Answer()
    private let peer: RawHTTPPeer

    var baseURL: String { peer.baseURL }

    init() throws {
        let current = self.current
        peer = try RawHTTPPeer { _, connection in try connection.write(current.bytes.withLock { $0 }) }
    }

    /// The bytes every following request gets, verbatim.
    func answer(_ bytes: [UInt8]) { current.bytes.withLock { $0 = bytes } }
}


/// One generated vendor answer.
struct HostileAnswer: CustomStringConvertible {
    var statusLine: String
    var headers: [String]
    var body: [UInt8]
    /// For a clean answer (valid status line, exact Content-Length, plain headers): what the
    /// transport must deliver.
    var wellFormed: (status: Int, body: [UInt8])?

    var bytes: [UInt8] { Array((([statusLine] + headers).joined(separator: "\r\n") + "\r\n\r\n").utf8) + body }

    var description: String {
        let shown = ([statusLine] + headers).map { $0.count > 80 ? $0.prefix(80) + "…(\($0.count) bytes)" : $0 }
        return shown.joined(separator: " | ") + " + \(body.count) body bytes"
    }

    /// Retry-After values that trapped before issue 7 §2 was fixed (Double → Int64 in
    /// `Duration(secondsValue:)`, from the HTTP-date parse for far dates and from
    /// `TokenBucket.reserve` after a pause of more than ~292 years). Each also runs in a child
    /// process below, so a regression fails one test instead of killing the run.
    static let trappingRetryAfter = [
        "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 2500 00:00:00 GMT", "9223372036854775807", "99999999999",
    ]

    static let retryAfterValues = [
        "120", "0", "-1", "1e16", "3.5", " 30 ", "", "soon", "+5", "99999999999999999999", "4294967296",
        "-9223372036854775808", "Sun, 06 Nov 1994 08:49:37 GMT", "Wed, 21 Oct 2026 07:28:00 GMT",
        "Thu, 01 Jan 2150 00:00:00 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
    ] + trappingRetryAfter

    static func generate(_ random: inout SeededRandom) -> HostileAnswer {
        let statuses = [200, 201, 204, 301, 302, 307, 400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504]
        let oddStatuses = [0, 1, 99, 100, 199, 600, 999, 1000, 99999, -5]
        let status = random.next() % 4 == 0 ? oddStatuses.randomElement(using: &random)! : statuses.randomElement(using: &random)!
        let bodies: [[UInt8]] = [
            Array(#"{"id": 1, "employees": [{"id": "1"}], "data": {"items": [], "has_more_data": false}}"#.utf8),
            Array(#"{"error": {"code": "busy", "message": "slow down"}}"#.utf8),
            Array(#"{"message": "Validation failed", "errors": [{"message": "bad field"}]}"#.utf8),
            Array("<html><body>Sign in</body></html>".utf8), [], Array("[1, 2, 3]".utf8), Array("\"text\"".utf8),
            Array(#"{"truncated": ["#.utf8), [0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x7B], Array(repeating: UInt8(ascii: "["), count: 100_000),
            Array(#"{"error": ""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 300_000) + Array(#""}"#.utf8),
            (0..<Int(random.next() % 4096)).map { _ in UInt8(truncatingIfNeeded: random.next()) },
        ]
        let body = bodies.randomElement(using: &random)!
        let reason = ["OK", "", "Too Many Requests", "Ünïcødé", String(repeating: "R", count: 5000)].randomElement(using: &random)!
        if random.next() % 3 == 0 {
            // A clean answer: the transport must deliver exactly this status and body.
            let status = statuses.randomElement(using: &random)!
            var answer = HostileAnswer(statusLine: "HTTP/1.1 \(status) Reason", headers: ["Content-Length: \(body.count)"], body: body)
            if random.next() % 2 == 0 { answer.headers.append("Content-Type: application/json") }
            if random.next() % 2 == 0 { answer.headers.append("Retry-After: \(retryAfterValues.randomElement(using: &random)!)") }
            // URLSession drops the body of a 3xx (followed or not), and a 204 has none.
            if status != 204 && !(300..<400).contains(status) { answer.wellFormed = (status, body) }
            return answer
        }
        var answer = HostileAnswer(statusLine: "HTTP/1.1 \(status) \(reason)", headers: [], body: body)
        switch random.next() % 10 {
        case 0: answer.statusLine = ["", "HTTP/1.1", "HTTP/1.1 abc OK", "garbage", "HTTP/9.9 200 OK", "ICY 200 OK"].randomElement(using: &random)!
        case 1: answer.statusLine = "HTTP/1.1  \(status)  \(reason)"
        case 2: answer.statusLine = String(decoding: (0..<Int(random.next() % 40)).map { _ in UInt8(truncatingIfNeeded: random.next() % 95 + 32) }, as: UTF8.self)
        default: break
        }
        // Framing: right, missing, too short, too long, invalid, repeated, chunked (valid or not).
        let framing = random.next() % 9
        switch framing {
        case 0, 1, 2: answer.headers.append("Content-Length: \(body.count)")
        case 3: answer.headers.append("Content-Length: \(max(0, body.count - 1 - Int(random.next() % 10)))")
        case 4: answer.headers.append("Content-Length: \(body.count + 1 + Int(random.next() % 1000))")
        case 5: answer.headers.append(["Content-Length: -1", "Content-Length: 99999999999999999999", "Content-Length: abc", "Content-Length: 1e3"].randomElement(using: &random)!)
        case 6: answer.headers += ["Content-Length: \(body.count)", "Content-Length: \(body.count + 7)"]
        case 7:
            answer.headers.append("Transfer-Encoding: chunked")
            let valid = random.next() % 2 == 0
            answer.body = valid
                ? Array((String(body.count, radix: 16) + "\r\n").utf8) + body + Array("\r\n0\r\n\r\n".utf8)
                : Array("zz\r\n".utf8) + body
        default: break  // no framing: the body ends when the connection does
        }
        let extras: [String] = [
            "Content-Type: application/json", "Content-Type: text/html; charset=utf-8", "Content-Type: ;;;",
            "Retry-After: \(retryAfterValues.randomElement(using: &random)!)",
            "Retry-After: \(retryAfterValues.randomElement(using: &random)!)", "Connection: close", "Connection: keep-alive",
            "Content-Encoding: gzip", "Content-Encoding: deflate", "Location: http://other.example:1/x", "Location: ::not a url::",
            "X-Long: " + String(repeating: "v", count: 60_000), "X-Empty:", "NoColonHere", " folded: continuation",
            "X-Control: a\u{01}b", "Set-Cookie: a=b; Path=/", "X-RateLimit-Remaining: -1", "WWW-Authenticate: Bearer error=\"x\"",
        ]
        for _ in 0..<Int(random.next() % 5) { answer.headers.append(extras.randomElement(using: &random)!) }
        if random.next() % 20 == 0 { answer.headers += (0..<300).map { "X-Many-\($0): \($0)" } }
        return answer
    }
}

@Suite(.serialized)
struct HostileVendorTests {
    static let caseCount = 300

    /// The shipped definitions and example connections, every base URL at `vendor`, sending
    /// through the production transport; the clock never waits (retries and pauses included).
    static func runtime(_ vendor: HostileVendor, clock: ManualClock) throws -> ConnectorRuntime {
        let (definitions, problems) = ConnectorDefinitionLoader.loadDirectory(ConnectorHarness.connectorsDirectory)
        #expect(!problems.contains { $0.severity == .error })
        let text = try String(contentsOfFile: ConnectorHarness.exampleConnections, encoding: .utf8)
            .replacingOccurrences(of: "http://127.0.0.1:8099", with: vendor.baseURL)
        let connections = try #require(Connections.load(SourceFile(path: "connections.json", text: text)).0)
        let (runtime, _) = ConnectorSetup.build(
            definitions: definitions, connections: connections,
            secrets: SecretResolver(environment: TestSecrets.environment, readFile: { _ in nil }),
            client: URLSessionClient(), clock: clock, jitter: { $0 })
        return try #require(runtime)
    }

    /// Reads, writes, OAuth (the token request gets the hostile answer too) and pagination.
    static let calls: [(connection: String, action: String, input: JSONValue)] = [
        ("hibob", "get_employee", ["id": "1"]), ("greenhouse", "get_job", ["id": 1]), ("docebo", "get_user", ["user_id": 1]),
        ("reachdesk", "list_recipients", [:]), ("recruit", "create_position", ["externalId": "p"]),
        ("hipeople", "send_assessment", ["candidate_id": "c1", "idempotency_key": "k"]),
        ("greenhouse", "add_note", ["candidate_id": 1, "body": "x"]),
    ]

    static func request(_ index: Int) -> ActionRequest {
        let call = calls[index % calls.count]
        return ActionRequest(
            connection: call.connection, action: call.action, input: call.input, jobID: "job-\(index)",
            path: StepPath([.init(recipe: "hostile", step: "step")]))
    }

    @Test func theTransportReturnsOrThrowsForAnyAnswer() async throws {
        let vendor = try HostileVendor()
        defer { withExtendedLifetime(vendor) {} }  // the peer listens until the last case is answered
        let client = URLSessionClient()
        var random = SeededRandom(seed: 7)
        var delivered = 0
        for index in 0..<Self.caseCount {
            let answer = HostileAnswer.generate(&random)
            vendor.answer(answer.bytes)
            let request = ClientRequest(method: .get, url: vendor.baseURL + "/case/\(index)", timeout: .seconds(10))
            do {
                let response = try await client.send(request)
                if let expected = answer.wellFormed {
                    #expect(response.status == expected.status, "case \(index): \(answer)")
                    #expect(response.body == expected.body, "case \(index): \(answer)")
                    delivered += 1
                }
            } catch {
                // A typed `TransportError` by construction; a well-formed answer must not end here.
                #expect(answer.wellFormed == nil, "case \(index): \(answer) failed: \(error)")
                #expect(!error.message.isEmpty)
            }
        }
        #expect(delivered > Self.caseCount / 10, "the generator should produce some well-formed answers")
    }

    @Test func theConnectorResponsePathReturnsOrFailsForAnyAnswer() async throws {
        let vendor = try HostileVendor()
        defer { withExtendedLifetime(vendor) {} }  // the peer listens until the last case is answered
        let clock = ManualClock()
        let runtime = try Self.runtime(vendor, clock: clock)
        var random = SeededRandom(seed: 11)
        for index in 0..<Self.caseCount {
            let answer = HostileAnswer.generate(&random)
            vendor.answer(answer.bytes)
            let request = Self.request(index)
            let connector = try #require(runtime.connectors[request.connection])
            let result = await connector.performWithTrace(request)
            #expect(!result.attempts.isEmpty, "case \(index): no attempt recorded")
            if case .failure(let error) = result.output {
                #expect(!error.message.isEmpty, "case \(index): \(answer)")
                if let status = error.status, let expected = answer.wellFormed?.status, request.connection != "docebo" {
                    #expect(status == expected, "case \(index): \(answer) gave \(error)")
                }
            }
        }
    }

    /// These once trapped (issue 7 §2), killing the process: each runs in a child process, and
    /// both requests (the second meets the connection's rate-limit pause) fail as rate-limited.
    @Test(arguments: HostileAnswer.trappingRetryAfter)
    func hostileRetryAfterDoesNotKillTheProcess(_ value: String) async throws {
        await #expect(processExitsWith: .success) { [value] in
            let vendor = try HostileVendor()
            let clock = ManualClock()
            let runtime = try HostileVendorTests.runtime(vendor, clock: clock)
            vendor.answer(Array("HTTP/1.1 429 Too Many Requests\r\nRetry-After: \(value)\r\nContent-Length: 2\r\n\r\n{}".utf8))
            for _ in 0..<2 {
                guard let connector = runtime.connectors["greenhouse"] else { exit(2) }
                let result = await connector.performWithTrace(HostileVendorTests.request(1))
                guard case .failure(let error) = result.output, error.kind == .rateLimited else { exit(1) }
            }
            // The pause was capped at the connection's maxRetryAfter (60 s), not the vendor's wish.
            guard clock.sleeps.allSatisfy({ $0 <= .seconds(60) }) else { exit(3) }
        }
    }
}
