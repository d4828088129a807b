import Foundation
import RecipeConnectors
import RecipeData
import RecipeHTTP
import RecipeHTTPCore
import RecipeIntake
import Synchronization
import Testing

/// The intake mounted on a router in the real epoll server, on 127.0.0.1: its thrown errors
/// reach the wire through the router's one error renderer, and the server keeps serving.
struct IntakeLoopbackTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let request: HTTPRequest
        let status: Int
        let code: String?
        var testDescription: String { name }
    }

    static let f = IntakeFixture.self
    static let cases: [Case] = [
        Case(name: "valid HiBob delivery", request: f.request(f.created), status: 200, code: nil),
        Case(name: "bad signature", request: f.request(f.created, signature: .wrong), status: 401, code: "invalid_signature"),
        Case(name: "unknown folder", request: f.request(f.created, folder: "nowhere"), status: 404, code: "unknown_folder"),
        Case(name: "wrong method", request: f.request(f.created, method: .put), status: 405, code: "method_not_allowed"),
        Case(name: "malformed JSON", request: f.request("{", signature: .valid), status: 400, code: "malformed_json"),
        Case(
            name: "over the intake's limit", request: f.request(#"{"type":"x","pad":""# + String(repeating: "a", count: 5_000) + #""}"#),
            status: 413, code: "body_too_large"),
        Case(name: "ping", request: f.request("Ping test", signature: .none), status: 200, code: nil),
        Case(name: "valid again: still serving", request: f.request(f.createdReordered), status: 200, code: nil),
    ]

    @Test func intakeOverTheWire() async throws {
        let accepted = Mutex<[String]>([])
        let intake = IntakeFixture.intake(bodyLimit: 4_096)
        var router = Router()
        router.addAnyMethod("/webhooks/{folder}/{connection}") { request, parameters in
            let outcome = try intake.receive(
                request, folder: parameters["folder"] ?? "", connection: parameters["connection"] ?? "", at: Date())
            if case .accepted(let delivery) = outcome { accepted.withLock { $0.append(delivery.dedupKey) } }
            return outcome.response
        }
        let server = HTTPServer(
            configuration: .init(port: 0, eventLoops: 1, shutdownGracePeriod: .seconds(2)), handler: router, logger: { _ in })
        try server.start()
        let base = "http://127.0.0.1:\(server.port ?? 0)"
        for example in Self.cases {
            let request = example.request
            var headers = request.headers
            headers.remove("Content-Length")
            let response = try await URLSessionClient.shared.send(
                ClientRequest(method: request.method, url: base + request.target, headers: headers, body: request.body))
            #expect(response.status == example.status, "\(example.name)")
            if let code = example.code {
                let body = try JSONParser.parseValue(response.body)
                #expect(body["error"]?["code"]?.stringValue == code, "\(example.name)")
            }
            if example.status == 405 { #expect(response.headers["Allow"] == "POST") }
        }
        await server.shutdown()
        let keys = accepted.withLock { $0 }
        #expect(keys.count == 2)
        #expect(Set(keys).count == 1, "a redelivery with reordered keys has the first one's dedup key")
    }
}
