import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeHTTP
import RecipeHTTPCore
import RecipeModel
import RecipeSandbox
import RecipeTestSupport
import Synchronization
import Testing

/// The shipped greenhouse-hipeople bundle, run as a customer runs it. The sandbox signs and
/// POSTs its Greenhouse and HiPeople webhooks over HTTP on 127.0.0.1 to a receiver of ours
/// that checks each signature with the connection's verifier (built from the shipped
/// connections.example.json and connector definitions) and keeps the bodies that pass; each
/// kept body then runs every recipe of the folder that listens for its event, and those call
/// the sandbox's Greenhouse Harvest and HiPeople APIs over HTTP.
final class HiPeopleBundleLoopback: Sendable {
    static let folder = "greenhouse-hipeople"

    /// Verified deliveries, in arrival order, until `take()`.
    private final class Inbox: Sendable {
        let bodies = Mutex<[(connection: String, body: [UInt8])]>([])
        let refused = Mutex(0)
    }

    let loopback: SandboxServer
    let receiver: HTTPServer
    let connectionsFile: URL
    let interpreter: Interpreter
    let project: Project
    let notifier = RecordingNotifier()
    private let inbox = Inbox()

    /// - Parameter clock: the engine's clock; a `ManualClock` takes retry waits instantly.
    init(clock: any EngineClock = SystemClock()) throws {
        var configuration = SandboxConfiguration()
        configuration.companySize = 60  // three Greenhouse jobs: 3000 and 3001 mapped, 3002 not
        loopback = SandboxServer(configuration)
        try loopback.start()
        let (runtime, file) = try sandboxRuntime(loopback, clock: clock)
        connectionsFile = file
        project = ProjectLoader.load(root: PackagePaths.root)
        #expect(project.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        var interpreter = Interpreter(project: project, connectors: runtime.registry, notifier: notifier, clock: clock)
        interpreter.redactor = runtime.redactor
        interpreter.jitter = { $0 }
        self.interpreter = interpreter

        let verifiers = runtime.webhookVerifiers
        let inbox = self.inbox
        receiver = HTTPServer(
            configuration: .init(port: 0, eventLoops: 1, shutdownGracePeriod: .seconds(2)),
            handler: HandlerFunction { request in
                let connection = String(request.path.split(separator: "/").last ?? "")
                guard let verifier = verifiers[connection] else { return HTTPResponse(status: 404) }
                switch verifier.verify(headers: request.headers, body: request.body) {
                case .valid:
                    inbox.bodies.withLock { $0.append((connection, request.body)) }
                    return HTTPResponse(status: 200)
                case .ping: return HTTPResponse(status: 200)
                case .missingSignature, .invalidSignature:
                    inbox.refused.withLock { $0 += 1 }
                    return HTTPResponse(status: 401)
                }
            }, logger: { _ in })
        try receiver.start()
        for (vendor, connection) in [(SandboxVendor.greenhouse, "greenhouse"), (.hipeople, "hipeople")] {
            loopback.sandbox.setWebhookTarget(url(connection), for: vendor)
        }
    }

    var sandbox: Sandbox { loopback.sandbox }

    /// Where the sandbox POSTs a connection's webhooks (the shape of `recipes webhooks`).
    func url(_ connection: String) -> String {
        "http://127.0.0.1:\(receiver.port ?? 0)/webhooks/\(Self.folder)/\(connection)"
    }

    /// Deliveries the receiver refused (bad or missing signature).
    var refused: Int { inbox.refused.withLock { $0 } }

    /// Sends the Greenhouse events as signed webhooks and runs the recipes each verified one reaches.
    func deliver(_ events: [GreenhouseEvent]) async throws -> [JobRecord] {
        let before = sandbox.webhookAttempts.count
        sandbox.fireWebhooks(events)
        return try await runReceived(after: before + events.count)
    }

    /// Sends the HiPeople events as signed webhooks and runs the recipes each verified one reaches.
    func deliver(_ events: [HiPeopleEvent]) async throws -> [JobRecord] {
        let before = sandbox.webhookAttempts.count
        sandbox.fireWebhooks(events)
        return try await runReceived(after: before + events.count)
    }

    private func runReceived(after attempts: Int) async throws -> [JobRecord] {
        let deadline = ContinuousClock.now + .seconds(30)
        while sandbox.webhookAttempts.count < attempts && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(sandbox.webhookAttempts.count == attempts, "every delivery was answered")
        let received = inbox.bodies.withLock { bodies in
            defer { bodies = [] }
            return bodies
        }
        var records: [JobRecord] = []
        for (connection, bytes) in received {
            let body = try JSONParser.parseValue(bytes)
            let event = (connection == "greenhouse" ? body["action"] : body["event"])?.stringValue ?? ""
            for recipe in project.recipes(receiving: event, from: connection, in: Self.folder) {
                records.append(await interpreter.run(recipe.id, trigger: body))
            }
        }
        return records
    }

    /// HiPeople candidates linked to Greenhouse candidate `atsID`.
    func hipeopleCandidates(ats atsID: Int) -> [JSONObject] {
        sandbox.hipeopleCandidates.filter { $0["ats_candidate_id"]?.stringValue == String(atsID) }
    }

    /// The HiPeople requests of `kind` (`assessment`, `reference_check`) sent to Greenhouse candidate `atsID`.
    func requests(_ kind: String, ats atsID: Int) -> [JSONObject] {
        let ids = Set(hipeopleCandidates(ats: atsID).compactMap { $0["id"]?.stringValue })
        return sandbox.hipeopleRequests.filter {
            $0["kind"]?.stringValue == kind && ids.contains($0["candidate_id"]?.stringValue ?? "")
        }
    }

    func stop() async {
        await receiver.shutdown()
        await loopback.shutdown()
        try? FileManager.default.removeItem(at: connectionsFile)
    }
}
