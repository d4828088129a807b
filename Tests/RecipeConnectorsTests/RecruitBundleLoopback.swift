import Foundation
import RecipeConnectors
import RecipeData
import RecipeEngine
import RecipeModel
import RecipeSandbox
import RecipeTestSupport
import Testing

/// The shipped hibob-recruit bundle, run as a customer runs it: Workforce Planning changes
/// made in the sandbox's HiBob, which signs each webhook and POSTs it over HTTP to a receiver
/// on 127.0.0.1 that verifies `Bob-Signature` and runs the recipes that listen; they read
/// HiBob and write Recruit over HTTP. What counts is the Recruit state left behind
/// (docs/assumed-apis.md) and that HiBob is never written to.
final class RecruitBundleLoopback: Sendable {
    static let folder = "hibob-recruit"
    let loopback: SandboxServer
    let connectionsFile: URL
    let interpreter: Interpreter
    let project: Project
    let notifier = RecordingNotifier()
    let receiver: RecruitWebhookReceiver

    /// - Parameter clock: the engine's clock; a `ManualClock` takes retry waits instantly.
    init(clock: any EngineClock = SystemClock()) throws {
        var configuration = SandboxConfiguration()
        configuration.companySize = 40
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
        let verifier = try #require(runtime.webhookVerifiers["hibob"])
        receiver = try RecruitWebhookReceiver(verifier: verifier) { [project, interpreter] body, type in
            var records: [JobRecord] = []
            for recipe in project.recipes(receiving: type, from: "hibob", in: Self.folder) {
                records.append(await interpreter.run(recipe.id, trigger: body))
            }
            return records
        }
        loopback.sandbox.setWebhookTarget(receiver.url, for: .hibob)
    }

    var sandbox: Sandbox { loopback.sandbox }

    /// Has the sandbox send `events` (signed, in order) and waits until each was answered;
    /// returns the job records of the recipes they started. Every event must reach exactly one
    /// recipe and be answered 200, and HiBob must be as it was (the sync is one way).
    func deliver(_ events: [HiBobEvent], sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> [JobRecord] {
        for event in events {
            #expect(
                project.recipes(receiving: event.type, from: "hibob", in: Self.folder).count == 1,
                "one recipe handles \(event.type)", sourceLocation: sourceLocation)
        }
        let (attempts, records) = (sandbox.webhookAttempts.count, receiver.records.count)
        let hibob = (sandbox.positions, sandbox.positionOpenings, sandbox.hibobEmployees)
        #expect(sandbox.fireWebhooks(events) == events.count, sourceLocation: sourceLocation)
        let deadline = ContinuousClock.now + .seconds(120)
        while sandbox.webhookAttempts.count < attempts + events.count && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        let answered = sandbox.webhookAttempts.dropFirst(attempts)
        #expect(answered.map(\.status) == Array(repeating: 200, count: events.count), sourceLocation: sourceLocation)
        #expect(answered.map(\.eventType) == events.map(\.type), sourceLocation: sourceLocation)
        #expect(
            sandbox.positions == hibob.0 && sandbox.positionOpenings == hibob.1, "one way: HiBob is never written",
            sourceLocation: sourceLocation)
        #expect(sandbox.hibobEmployees == hibob.2, sourceLocation: sourceLocation)
        return Array(receiver.records.dropFirst(records))
    }

    /// The Recruit positions of a HiBob position.
    func recruitPositions(for positionID: String) -> [JSONObject] {
        sandbox.recruitPositions.filter { $0["externalId"]?.stringValue == positionID }
    }

    /// The Recruit openings of a HiBob opening.
    func recruitOpenings(for openingID: String) -> [JSONObject] {
        sandbox.recruitOpenings.filter { $0["externalId"]?.stringValue == openingID }
    }

    /// Requests Recruit answered, whatever their status.
    var recruitRequests: Int { sandbox.requestCounts(for: .recruit).values.reduce(0, +) }

    /// Expects every record succeeded.
    func expectSucceeded(_ records: [JobRecord], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for record in records {
            #expect(
                record.status == .succeeded, "\(record.recipe): \(record.error?.message ?? "")",
                sourceLocation: sourceLocation)
        }
    }

    func stop() async {
        await receiver.stop()
        await loopback.shutdown()
        try? FileManager.default.removeItem(at: connectionsFile)
    }
}
