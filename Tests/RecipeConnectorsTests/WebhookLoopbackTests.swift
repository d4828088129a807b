import Foundation
import RecipeConnectors
import RecipeData
import RecipeHTTP
import RecipeHTTPCore
import RecipeSandbox
import Synchronization
import Testing

/// Signatures over real HTTP: the sandbox signs and POSTs webhooks like HiBob and Greenhouse
/// to an HTTP server of ours that checks them with the connections' verifiers (built from the
/// shipped connections.example.json), as the intake will. HiBob's secret is mid-rotation: the
/// new one is current and the sandbox still signs with the previous one.
@Suite(.serialized)
struct WebhookLoopbackTests {
    /// Answers 200 for valid deliveries and pings, 401 otherwise, and remembers each verdict.
    final class Checkpoint: Sendable {
        private final class Store: Sendable {
            let verdicts = Mutex<[String: [WebhookVerification]]>([:])
        }

        let server: HTTPServer
        private let store = Store()

        init(verifiers: [String: WebhookVerifier]) throws {
            let store = self.store
            server = HTTPServer(
                configuration: .init(port: 0, eventLoops: 1, shutdownGracePeriod: .seconds(2)),
                handler: HandlerFunction { request in
                    let connection = String(request.path.dropFirst())
                    guard let verifier = verifiers[connection] else { return HTTPResponse(status: 404) }
                    let verdict = verifier.verify(headers: request.headers, body: request.body)
                    store.verdicts.withLock { $0[connection, default: []].append(verdict) }
                    switch verdict {
                    case .valid, .ping: return HTTPResponse(status: 200)
                    case .missingSignature, .invalidSignature: return HTTPResponse(status: 401)
                    }
                }, logger: { _ in })
            try server.start()
        }

        func url(_ connection: String) -> String { "http://127.0.0.1:\(server.port ?? 0)/\(connection)" }
        func verdicts(_ connection: String) -> [WebhookVerification] { store.verdicts.withLock { $0[connection] ?? [] } }
    }

    static func post(_ url: String, body: [UInt8], headers: [String: String]) async throws -> Int {
        var fields = HTTPHeaders()
        for (name, value) in headers { fields.set(name, value) }
        return try await URLSessionClient.shared.send(ClientRequest(method: .post, url: url, headers: fields, body: body)).status
    }

    @Test func signedDeliveriesVerifyAndTamperedOrUnsignedOnesAreRefused() async throws {
        var configuration = SandboxConfiguration()
        configuration.companySize = 50
        let server = SandboxServer(configuration)
        try server.start()
        var environment = server.connectionEnvironment
        environment["HIBOB_WEBHOOK_SECRET"] = "rotated-new-hibob-secret"
        environment["HIBOB_WEBHOOK_SECRET_PREVIOUS"] = configuration.hibob.webhookSecret
        let (runtime, file) = try sandboxRuntime(server, environment: environment)
        defer { try? FileManager.default.removeItem(at: file) }
        let checkpoint = try Checkpoint(verifiers: runtime.webhookVerifiers)
        server.sandbox.setWebhookTarget(checkpoint.url("hibob"), for: .hibob)
        server.sandbox.setWebhookTarget(checkpoint.url("greenhouse"), for: .greenhouse)

        // The sandbox sends: a hire (several HiBob events) and a Greenhouse stage change.
        let (_, events) = try server.sandbox.createEmployee(EmployeeDraft(firstName: "Ada", surname: "Lovelace"))
        let application = try #require(server.sandbox.greenhouseApplications.first)
        let stageChange = try server.sandbox.moveApplication(application.id, toStage: "Offer")
        server.sandbox.fireWebhooks(events)
        server.sandbox.fireWebhooks([stageChange])
        let expected = events.count + 1
        let deadline = ContinuousClock.now + .seconds(60)
        while server.sandbox.webhookAttempts.count < expected && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(server.sandbox.webhookAttempts.map(\.status) == Array(repeating: 200, count: expected))
        #expect(checkpoint.verdicts("hibob") == Array(repeating: .valid(deliveryID: nil), count: events.count))
        #expect(checkpoint.verdicts("greenhouse") == [.valid(deliveryID: stageChange.eventID)])

        // Replayed by hand: tampered body, no signature, a ping.
        let delivery = server.sandbox.delivery(for: try #require(events.first))
        var tampered = delivery.body
        tampered[tampered.count / 2] ^= 0x01
        #expect(try await Self.post(checkpoint.url("hibob"), body: tampered, headers: delivery.headers) == 401)
        #expect(try await Self.post(checkpoint.url("hibob"), body: delivery.body, headers: [:]) == 401)
        #expect(try await Self.post(checkpoint.url("hibob"), body: delivery.body, headers: delivery.headers) == 200)
        #expect(try await Self.post(checkpoint.url("hibob"), body: Array("Ping test".utf8), headers: [:]) == 200)
        #expect(checkpoint.verdicts("hibob").suffix(4) == [.invalidSignature, .missingSignature, .valid(deliveryID: nil), .ping])

        await checkpoint.server.shutdown()
        await server.shutdown()
    }
}
